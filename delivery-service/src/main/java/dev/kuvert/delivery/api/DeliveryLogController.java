package dev.kuvert.delivery.api;

import dev.kuvert.contracts.queue.DeliveryLogPage;
import dev.kuvert.contracts.queue.RecipientState;
import dev.kuvert.delivery.log.DeliveryLog;
import dev.kuvert.support.ApiCaller;
import dev.kuvert.support.ApiProblem;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "Delivery log", description = "One entry per delivery attempt")
@RestController
class DeliveryLogController {
    private final DeliveryLog log;

    DeliveryLogController(DeliveryLog log) {
        this.log = log;
    }

    @Operation(summary = "Delivery attempts, newest first")
    @GetMapping("/api/v1/logs/deliveries")
    DeliveryLogPage deliveries(
            ApiCaller caller,
            @Parameter(description = "an address, a domain, or <> for the null sender") @RequestParam(required = false) String sender,
            @Parameter(description = "an address or a domain (delivered-to or as addressed)") @RequestParam(required = false) String recipient,
            @Parameter(schema = @Schema(allowableValues = {"DELIVERED", "DEFERRED", "FAILED"})) @RequestParam(required = false) String status,
            @Parameter(description = "ISO-8601, inclusive") @RequestParam(required = false) String from,
            @Parameter(description = "ISO-8601, exclusive") @RequestParam(required = false) String to,
            @Parameter(description = "1 to 500, default 50") @RequestParam(required = false) String limit,
            @Parameter(description = "default 0") @RequestParam(required = false) String offset) {
        Instant since = Params.instant("from", from);
        Instant until = Params.instant("to", to);
        RecipientState state = Params.state("status", status);
        if (state != null && !state.isFinal() && state != RecipientState.DEFERRED) {
            throw ApiProblem.invalid("status", "An attempt is DELIVERED, DEFERRED or FAILED.");
        }
        var filter = new DeliveryLog.Filter(Params.addressOrDomain("sender", sender, true),
                Params.addressOrDomain("recipient", recipient, false), state, since, until, caller.domains());
        return log.page(filter, Params.offset(offset), Params.limit(limit));
    }
}
