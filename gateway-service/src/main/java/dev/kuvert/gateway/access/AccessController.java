package dev.kuvert.gateway.access;

import dev.kuvert.contracts.access.Admin;
import dev.kuvert.contracts.access.AdminRequest;
import dev.kuvert.contracts.access.ApiToken;
import dev.kuvert.contracts.access.Caller;
import dev.kuvert.contracts.access.TokenCreated;
import dev.kuvert.contracts.access.TokenRequest;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The gateway's own resources: the caller, API tokens and administrators. */
@RestController
@RequestMapping("/api/v1")
class AccessController {
    private final AccessService access;

    AccessController(AccessService access) {
        this.access = access;
    }

    @GetMapping("/me")
    Caller me(@AuthenticationPrincipal AdminPrincipal caller) {
        return new Caller(caller.username(), caller.superAdmin(), caller.sortedDomains(), caller.tokenId() == null ? "password" : "token");
    }

    @GetMapping("/tokens")
    List<ApiToken> tokens(@AuthenticationPrincipal AdminPrincipal caller) {
        return access.tokens(caller);
    }

    @PostMapping("/tokens")
    ResponseEntity<TokenCreated> createToken(@AuthenticationPrincipal AdminPrincipal caller, @Valid @RequestBody TokenRequest request) {
        TokenCreated created = access.createToken(caller, request);
        return ResponseEntity.created(URI.create("/api/v1/tokens/" + created.id())).body(created);
    }

    @DeleteMapping("/tokens/{id}")
    ResponseEntity<Void> revokeToken(@AuthenticationPrincipal AdminPrincipal caller, @PathVariable String id) {
        access.revokeToken(caller, id);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/admins")
    List<Admin> admins(@AuthenticationPrincipal AdminPrincipal caller) {
        return access.admins(caller);
    }

    @PostMapping("/admins")
    ResponseEntity<Admin> createAdmin(@AuthenticationPrincipal AdminPrincipal caller, @Valid @RequestBody AdminRequest request) {
        Admin created = access.createAdmin(caller, request);
        return ResponseEntity.created(URI.create("/api/v1/admins/" + created.username())).body(created);
    }

    @DeleteMapping("/admins/{username}")
    ResponseEntity<Void> deleteAdmin(@AuthenticationPrincipal AdminPrincipal caller, @PathVariable String username) {
        access.deleteAdmin(caller, username);
        return ResponseEntity.noContent().build();
    }
}
