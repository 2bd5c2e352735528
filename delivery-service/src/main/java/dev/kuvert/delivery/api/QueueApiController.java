package dev.kuvert.delivery.api;

import dev.kuvert.contracts.queue.QueuePage;
import dev.kuvert.contracts.queue.QueuedMessage;
import dev.kuvert.delivery.queue.QueueBrowser;
import dev.kuvert.support.ApiCaller;
import dev.kuvert.support.ApiProblem;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "Queue", description = "Messages waiting for delivery, with the state of each recipient")
@RestController
@RequestMapping("/api/v1/queue")
class QueueApiController {
    private final QueueBrowser queue;

    QueueApiController(QueueBrowser queue) {
        this.queue = queue;
    }

    @Operation(summary = "Messages in the queue, newest first",
            description = "Without state: the messages still queued. With state: the messages (completed ones too, for a day) "
                    + "with a recipient in that state.")
    @GetMapping
    QueuePage list(
            ApiCaller caller,
            @Parameter(schema = @Schema(allowableValues = {"QUEUED", "IN_FLIGHT", "DELIVERED", "DEFERRED", "FAILED"}))
                    @RequestParam(required = false) String state,
            @Parameter(description = "1 to 500, default 50") @RequestParam(required = false) String limit,
            @Parameter(description = "default 0") @RequestParam(required = false) String offset) {
        return queue.list(Params.state("state", state), caller.domains(), Params.offset(offset), Params.limit(limit));
    }

    @Operation(summary = "One queued message")
    @GetMapping("/{queueId}")
    QueuedMessage get(ApiCaller caller, @PathVariable String queueId) {
        return queue.find(queueId, caller.domains()).orElseThrow(() -> notFound(queueId));
    }

    @Operation(summary = "Try the message's queued and deferred recipients now")
    @PostMapping("/{queueId}/retry")
    QueuedMessage retry(ApiCaller caller, @PathVariable String queueId) {
        return queue.retry(queueId, caller.domains()).orElseThrow(() -> notFound(queueId));
    }

    @Operation(summary = "Remove the message from the queue; nothing more is delivered")
    @DeleteMapping("/{queueId}")
    ResponseEntity<Void> delete(ApiCaller caller, @PathVariable String queueId) {
        return switch (queue.delete(queueId, caller.domains())) {
            case DELETED -> ResponseEntity.noContent().build();
            case NOT_FOUND -> throw notFound(queueId);
            case FORBIDDEN -> throw ApiProblem.forbidden("The message also goes to recipients outside your domains.");
        };
    }

    private static ApiProblem notFound(String queueId) {
        return ApiProblem.notFound("No message '" + queueId + "' in the queue.");
    }
}
