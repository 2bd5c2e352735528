package dev.kuvert.contracts.directory;

import java.util.List;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.service.annotation.DeleteExchange;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.annotation.HttpExchange;
import org.springframework.web.service.annotation.PostExchange;
import org.springframework.web.service.annotation.PutExchange;

@HttpExchange("/api/v1/domains")
public interface DomainsClient {
    @GetExchange
    List<Domain> list();

    @GetExchange("/{name}")
    Domain get(@PathVariable String name);

    @PostExchange
    Domain create(@RequestBody DomainRequest request);

    @DeleteExchange("/{name}")
    void delete(@PathVariable String name, @RequestParam(defaultValue = "false") boolean force);

    @GetExchange("/{name}/dns-records")
    List<DnsRecord> dnsRecords(@PathVariable String name);

    /** The domain's own smarthost; 404 when it has none. */
    @GetExchange("/{name}/relay")
    DomainRelay relay(@PathVariable String name);

    @PutExchange("/{name}/relay")
    DomainRelay putRelay(@PathVariable String name, @RequestBody DomainRelayRequest request);

    @DeleteExchange("/{name}/relay")
    void deleteRelay(@PathVariable String name);
}
