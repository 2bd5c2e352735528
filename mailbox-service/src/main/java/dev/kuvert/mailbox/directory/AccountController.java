package dev.kuvert.mailbox.directory;

import dev.kuvert.contracts.directory.Account;
import dev.kuvert.contracts.directory.AccountPatch;
import dev.kuvert.contracts.directory.AccountRequest;
import dev.kuvert.support.ApiCaller;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/accounts")
class AccountController {
    private final AccountService accounts;

    AccountController(AccountService accounts) {
        this.accounts = accounts;
    }

    @GetMapping
    List<Account> list(ApiCaller caller, @RequestParam(required = false) String domain) {
        return accounts.list(caller, domain);
    }

    @GetMapping("/{address}")
    Account get(ApiCaller caller, @PathVariable String address) {
        return accounts.get(caller, address);
    }

    @PostMapping
    ResponseEntity<Account> create(ApiCaller caller, @Valid @RequestBody AccountRequest request) {
        Account created = accounts.create(caller, request);
        return ResponseEntity.created(URI.create("/api/v1/accounts/" + created.address())).body(created);
    }

    @PatchMapping("/{address}")
    Account update(ApiCaller caller, @PathVariable String address, @Valid @RequestBody AccountPatch patch) {
        return accounts.update(caller, address, patch);
    }

    @DeleteMapping("/{address}")
    ResponseEntity<Void> delete(ApiCaller caller, @PathVariable String address) {
        accounts.delete(caller, address);
        return ResponseEntity.noContent().build();
    }
}
