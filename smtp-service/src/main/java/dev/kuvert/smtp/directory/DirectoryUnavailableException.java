package dev.kuvert.smtp.directory;

/** mailbox-service could not answer (down, slow, or an error); SMTP answers with a temporary failure. */
public class DirectoryUnavailableException extends RuntimeException {
    public DirectoryUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
