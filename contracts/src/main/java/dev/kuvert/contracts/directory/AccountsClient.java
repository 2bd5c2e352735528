package dev.kuvert.contracts.directory;

import java.util.List;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.service.annotation.DeleteExchange;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.annotation.HttpExchange;
import org.springframework.web.service.annotation.PatchExchange;
import org.springframework.web.service.annotation.PostExchange;

@HttpExchange("/api/v1/accounts")
public interface AccountsClient {
    /** All accounts the caller may see, or only those of {@code domain} when given. */
    @GetExchange
    List<Account> list(@RequestParam(required = false) String domain);

    @GetExchange("/{address}")
    Account get(@PathVariable String address);

    @PostExchange
    Account create(@RequestBody AccountRequest request);

    @PatchExchange("/{address}")
    Account update(@PathVariable String address, @RequestBody AccountPatch patch);

    @DeleteExchange("/{address}")
    void delete(@PathVariable String address);
}
