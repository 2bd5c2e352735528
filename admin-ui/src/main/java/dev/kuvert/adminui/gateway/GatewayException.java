package dev.kuvert.adminui.gateway;

import java.io.Serializable;
import java.util.List;
import java.util.Optional;

/**
 * A call to the gateway that did not succeed: the gateway answered with an error (its RFC 9457
 * problem details are kept), or it could not be reached at all ({@link #status()} is
 * {@value #UNREACHABLE}). {@link #getMessage()} is the text to show an administrator.
 */
public class GatewayException extends RuntimeException {
    /** The status of a call that got no HTTP answer. */
    public static final int UNREACHABLE = 0;

    private final int status;
    private final String title;
    private final String detail;
    private final List<FieldError> fieldErrors;

    /** One rejected input, as a 422 names it. */
    public record FieldError(String field, String message) implements Serializable {}

    GatewayException(int status, String title, String detail, List<FieldError> fieldErrors, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.title = title;
        this.detail = detail;
        this.fieldErrors = List.copyOf(fieldErrors);
    }

    public int status() {
        return status;
    }

    /** The problem's {@code title}, when the gateway sent one. */
    public Optional<String> title() {
        return Optional.ofNullable(title);
    }

    /** The problem's {@code detail}, when the gateway sent one. */
    public Optional<String> detail() {
        return Optional.ofNullable(detail);
    }

    public List<FieldError> fieldErrors() {
        return fieldErrors;
    }

    /** The first input field the gateway rejected, if it named one. */
    public Optional<String> field() {
        return fieldErrors.stream().map(FieldError::field).findFirst();
    }

    /** The session token expired or was revoked: the administrator has to sign in again. */
    public boolean isUnauthorized() {
        return status == 401;
    }

    public boolean isConflict() {
        return status == 409;
    }

    public boolean isUnreachable() {
        return status == UNREACHABLE;
    }
}
