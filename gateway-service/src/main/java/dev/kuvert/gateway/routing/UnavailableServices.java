package dev.kuvert.gateway.routing;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.client.ResourceAccessException;

/** A service behind the gateway that cannot be reached is a 503, not an internal error. */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class UnavailableServices {
    private static final Logger log = LoggerFactory.getLogger(UnavailableServices.class);

    @ExceptionHandler({ResourceAccessException.class, java.net.ConnectException.class, java.net.http.HttpConnectTimeoutException.class})
    ResponseEntity<ProblemDetail> unavailable(Exception e) {
        log.warn("Upstream service unavailable: {}", e.getMessage());
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                "A Kuvert service is not reachable right now; try again shortly.");
        problem.setTitle("Service unavailable");
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header("Retry-After", "5").body(problem);
    }
}
