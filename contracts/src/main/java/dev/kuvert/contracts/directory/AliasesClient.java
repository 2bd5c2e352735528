package dev.kuvert.contracts.directory;

import java.util.List;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.service.annotation.DeleteExchange;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.annotation.HttpExchange;
import org.springframework.web.service.annotation.PostExchange;

@HttpExchange("/api/v1/aliases")
public interface AliasesClient {
    @GetExchange
    List<Alias> list(@RequestParam(required = false) String domain);

    @GetExchange("/{address}")
    Alias get(@PathVariable String address);

    @PostExchange
    Alias create(@RequestBody AliasRequest request);

    @DeleteExchange("/{address}")
    void delete(@PathVariable String address);
}
