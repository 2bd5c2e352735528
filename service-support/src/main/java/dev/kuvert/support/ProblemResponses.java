package dev.kuvert.support;

import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Every API error as {@code application/problem+json}: validation failures are 422 and name the
 * field (as {@code field} and in {@code errors}); unreadable JSON is 400; anything unexpected is a
 * bare 500 whose cause goes to the log only.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE + 100)
class ProblemResponses extends ResponseEntityExceptionHandler {
    private static final Logger log = LoggerFactory.getLogger(ProblemResponses.class);

    @ExceptionHandler(ApiProblem.class)
    ResponseEntity<Object> apiProblem(ApiProblem problem) {
        ProblemDetail body = ProblemDetail.forStatusAndDetail(problem.status(), problem.getMessage());
        body.setTitle(problem.title());
        if (problem.field() != null) {
            body.setProperty("field", problem.field());
            body.setProperty("errors", List.of(Map.of("field", problem.field(), "message", problem.getMessage())));
        }
        return ResponseEntity.status(problem.status()).body(body);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception e) {
        log.error("Unexpected error", e);
        ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR, "An internal error occurred.");
        body.setTitle("Internal error");
        return ResponseEntity.internalServerError().body(body);
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(
            MethodArgumentNotValidException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<Map<String, String>> errors = ex.getBindingResult().getFieldErrors().stream()
                .map(ProblemResponses::describe)
                .toList();
        String first = errors.isEmpty() ? null : errors.getFirst().get("field");
        ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT,
                errors.isEmpty() ? "The request is invalid." : errors.getFirst().get("field") + ": " + errors.getFirst().get("message"));
        body.setTitle(first == null ? "Invalid request" : "Invalid " + first);
        if (first != null) {
            body.setProperty("field", first);
        }
        body.setProperty("errors", errors);
        return ResponseEntity.unprocessableContent().headers(headers).body(body);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ProblemDetail body;
        if (ex.getCause() instanceof UnrecognizedPropertyException unknown) {
            body = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "Unknown field '" + unknown.getPropertyName() + "'.");
            body.setProperty("field", unknown.getPropertyName());
        } else {
            body = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "The request body is not valid JSON for this resource.");
        }
        body.setTitle("Malformed request");
        return ResponseEntity.badRequest().headers(headers).body(body);
    }

    private static Map<String, String> describe(FieldError error) {
        return Map.of("field", error.getField(), "message", error.getDefaultMessage() == null ? "is invalid" : error.getDefaultMessage());
    }
}
