package dev.kuvert.delivery.transport.smtp;

import java.util.List;
import java.util.regex.Pattern;

/** A server's reply: the three-digit code and its lines (without the code), per RFC 5321 §4.2. */
record SmtpReply(int code, List<String> lines) {
    private static final Pattern ENHANCED = Pattern.compile("^[245]\\.\\d{1,3}\\.\\d{1,3}( |$).*");

    boolean positive() {
        return code >= 200 && code < 400;
    }

    boolean transientFailure() {
        return code >= 400 && code < 500;
    }

    boolean permanentFailure() {
        return code >= 500;
    }

    /** One line for the log, the API and a bounce: {@code 550 5.1.1 text…}, the lines of a multi-line reply joined. */
    String text() {
        String joined = String.join(" ", lines).strip();
        return (code + " " + joined).strip();
    }

    /** The reply as the answer to {@code command}, with an enhanced code added from the class when the server gave none. */
    String describe(String command) {
        String joined = String.join(" ", lines).strip();
        String enhanced = ENHANCED.matcher(joined).matches() ? "" : (code / 100) + ".0.0 ";
        return code + " " + enhanced + joined + " (in reply to " + command + ")";
    }
}
