package dev.kuvert.delivery.queue;

import dev.kuvert.contracts.queue.EnvelopeFraming;
import dev.kuvert.contracts.queue.QueueInternalClient;
import dev.kuvert.contracts.queue.Queued;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.ObjectMapper;

/**
 * {@code POST /internal/v1/queue}: the durable hand-off (contract in {@link QueueInternalClient}). The answer is
 * written here with its length rather than returned to Spring MVC, which sends a body it converts itself chunked
 * and flushed: two socket writes per queued message instead of one.
 */
@Hidden
@RestController
class HandOffController {
    private final Intake intake;
    private final ObjectMapper json;

    HandOffController(Intake intake, ObjectMapper json) {
        this.intake = intake;
        this.json = json;
    }

    @PostMapping(path = QueueInternalClient.PATH, consumes = EnvelopeFraming.CONTENT_TYPE)
    void handOff(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Queued queued = intake.accept(request.getInputStream(), request.getContentLengthLong());
        byte[] body = json.writeValueAsBytes(queued);
        response.setStatus(HttpServletResponse.SC_CREATED);
        response.setHeader(HttpHeaders.LOCATION, "/api/v1/queue/" + queued.queueId());
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
