package dev.kuvert.adminui.gateway;

import dev.kuvert.adminui.gateway.GatewayException.FieldError;
import java.io.IOException;
import java.net.http.HttpTimeoutException;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns the gateway's error answers into {@link GatewayException}s whose message an administrator
 * can read: the problem's {@code detail} when there is one, else the rejected fields, else the
 * {@code title}, else a plain sentence for the status. Never a stack trace or a raw body.
 */
final class Problems {
    private final JsonMapper json;

    Problems(JsonMapper json) {
        this.json = json;
    }

    GatewayException fromResponse(int status, MediaType contentType, byte[] body) {
        JsonNode problem = parse(contentType, body);
        String title = text(problem, "title");
        String detail = text(problem, "detail");
        List<FieldError> fieldErrors = fieldErrors(problem);
        return new GatewayException(status, title, detail, fieldErrors, message(status, title, detail, fieldErrors), null);
    }

    static GatewayException unreachable(IOException cause) {
        String message = cause instanceof HttpTimeoutException || cause instanceof SocketTimeoutException
                ? "The Kuvert gateway did not answer in time. Try again in a moment."
                : "The Kuvert gateway cannot be reached. Try again in a moment.";
        return new GatewayException(GatewayException.UNREACHABLE, null, null, List.of(), message, cause);
    }

    static String message(int status, String title, String detail, List<FieldError> fieldErrors) {
        if (detail != null) {
            return detail;
        }
        if (!fieldErrors.isEmpty()) {
            return String.join("; ", fieldErrors.stream()
                    .map(e -> e.message() == null ? e.field() + " is invalid" : e.field() + ": " + e.message())
                    .toList());
        }
        if (title != null && !title.equalsIgnoreCase(reason(status))) {
            return title;
        }
        return switch (status) {
            case 400 -> "The gateway did not understand the request.";
            case 401 -> "Your session has ended. Sign in again.";
            case 403 -> "You are not allowed to do this.";
            case 404 -> "It does not exist (any more).";
            case 409 -> "It already exists or is still in use.";
            case 422 -> "The input is not valid.";
            case 429 -> "Too many attempts. Wait a few minutes, then try again.";
            default -> status >= 500
                    ? "The platform could not do this (HTTP " + status + "). Try again in a moment."
                    : "The gateway refused the request (HTTP " + status + ").";
        };
    }

    private JsonNode parse(MediaType contentType, byte[] body) {
        if (body == null || body.length == 0 || !looksLikeJson(contentType, body)) {
            return null;
        }
        try {
            JsonNode node = json.readTree(body);
            return node != null && node.isObject() ? node : null;
        } catch (JacksonException e) {
            return null;
        }
    }

    private static boolean looksLikeJson(MediaType contentType, byte[] body) {
        if (contentType != null) {
            return MediaType.APPLICATION_PROBLEM_JSON.isCompatibleWith(contentType)
                    || MediaType.APPLICATION_JSON.isCompatibleWith(contentType)
                    || contentType.getSubtype().endsWith("+json");
        }
        for (byte b : body) {
            if (!Character.isWhitespace(b)) {
                return b == '{';
            }
        }
        return false;
    }

    private static List<FieldError> fieldErrors(JsonNode problem) {
        List<FieldError> errors = new ArrayList<>();
        if (problem == null) {
            return errors;
        }
        JsonNode array = problem.path("errors");
        if (array.isArray()) {
            for (JsonNode error : array) {
                String field = text(error, "field");
                if (field != null) {
                    errors.add(new FieldError(field, text(error, "message")));
                }
            }
        }
        String field = text(problem, "field");
        if (errors.isEmpty() && field != null) {
            errors.add(new FieldError(field, null));
        }
        return errors;
    }

    private static String text(JsonNode node, String name) {
        if (node == null) {
            return null;
        }
        JsonNode value = node.path(name);
        if (!value.isString()) {
            return null;
        }
        String text = value.stringValue().strip();
        return text.isEmpty() ? null : text;
    }

    private static String reason(int status) {
        HttpStatus known = HttpStatus.resolve(status);
        return known == null ? "" : known.getReasonPhrase();
    }
}
