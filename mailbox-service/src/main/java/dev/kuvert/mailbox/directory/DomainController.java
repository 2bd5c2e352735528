package dev.kuvert.mailbox.directory;

import dev.kuvert.contracts.directory.DnsRecord;
import dev.kuvert.contracts.directory.Domain;
import dev.kuvert.contracts.directory.DomainRequest;
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
@RequestMapping("/api/v1/domains")
class DomainController {
    private final DomainService domains;

    DomainController(DomainService domains) {
        this.domains = domains;
    }

    @GetMapping
    List<Domain> list(ApiCaller caller) {
        return domains.list(caller);
    }

    @GetMapping("/{name}")
    Domain get(ApiCaller caller, @PathVariable String name) {
        return domains.get(caller, name);
    }

    @PostMapping
    ResponseEntity<Domain> create(ApiCaller caller, @Valid @RequestBody DomainRequest request) {
        Domain created = domains.create(caller, request.name());
        return ResponseEntity.created(URI.create("/api/v1/domains/" + created.name())).body(created);
    }

    @DeleteMapping("/{name}")
    ResponseEntity<Void> delete(ApiCaller caller, @PathVariable String name, @RequestParam(defaultValue = "false") boolean force) {
        domains.delete(caller, name, force);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/{name}/dns-records")
    List<DnsRecord> dnsRecords(ApiCaller caller, @PathVariable String name) {
        return domains.dnsRecords(caller, name);
    }
}
