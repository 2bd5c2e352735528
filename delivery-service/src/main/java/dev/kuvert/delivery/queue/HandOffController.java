package dev.kuvert.delivery.queue;

import dev.kuvert.contracts.queue.EnvelopeFraming;
import dev.kuvert.contracts.queue.QueueInternalClient;
import dev.kuvert.contracts.queue.Queued;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.net.URI;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /internal/v1/queue}: the durable hand-off (contract in {@link QueueInternalClient}). */
@Hidden
@RestController
class HandOffController {
    private final Intake intake;

    HandOffController(Intake intake) {
        this.intake = intake;
    }

    @PostMapping(path = QueueInternalClient.PATH, consumes = EnvelopeFraming.CONTENT_TYPE)
    ResponseEntity<Queued> handOff(HttpServletRequest request) throws IOException {
        Queued queued = intake.accept(request.getInputStream(), request.getContentLengthLong());
        return ResponseEntity.created(URI.create("/api/v1/queue/" + queued.queueId())).body(queued);
    }
}
