package dev.kuvert.contracts.access;

import java.util.List;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.service.annotation.DeleteExchange;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.annotation.HttpExchange;
import org.springframework.web.service.annotation.PostExchange;

/** The gateway's own resources: who am I, API tokens, administrators. */
@HttpExchange("/api/v1")
public interface AccessClient {
    @GetExchange("/me")
    Caller me();

    @GetExchange("/tokens")
    List<ApiToken> tokens();

    @PostExchange("/tokens")
    TokenCreated createToken(@RequestBody TokenRequest request);

    @DeleteExchange("/tokens/{id}")
    void revokeToken(@PathVariable String id);

    @GetExchange("/admins")
    List<Admin> admins();

    @PostExchange("/admins")
    Admin createAdmin(@RequestBody AdminRequest request);

    @DeleteExchange("/admins/{username}")
    void deleteAdmin(@PathVariable String username);
}
