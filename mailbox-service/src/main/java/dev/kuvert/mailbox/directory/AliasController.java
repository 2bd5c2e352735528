package dev.kuvert.mailbox.directory;

import dev.kuvert.contracts.directory.Alias;
import dev.kuvert.contracts.directory.AliasRequest;
import dev.kuvert.support.ApiCaller;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/aliases")
class AliasController {
    private final AliasService aliases;

    AliasController(AliasService aliases) {
        this.aliases = aliases;
    }

    @GetMapping
    List<Alias> list(ApiCaller caller, @RequestParam(required = false) String domain) {
        return aliases.list(caller, domain);
    }

    @GetMapping("/{address}")
    Alias get(ApiCaller caller, @PathVariable String address) {
        return aliases.get(caller, address);
    }

    @PostMapping
    ResponseEntity<Alias> create(ApiCaller caller, @Valid @RequestBody AliasRequest request) {
        Alias created = aliases.create(caller, request);
        return ResponseEntity.created(URI.create("/api/v1/aliases/" + created.address())).body(created);
    }

    @DeleteMapping("/{address}")
    ResponseEntity<Void> delete(ApiCaller caller, @PathVariable String address) {
        aliases.delete(caller, address);
        return ResponseEntity.noContent().build();
    }
}
