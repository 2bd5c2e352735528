package dev.kuvert.delivery.queue;

import dev.kuvert.contracts.mail.MailAddress;
import dev.kuvert.contracts.queue.Envelope;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.ObjectReader;

/** Reads and checks the envelope line of a hand-off (see {@link dev.kuvert.contracts.queue.EnvelopeFraming}). */
final class EnvelopeParser {
    static final int MAX_RECIPIENTS = 100;
    private final ObjectReader reader;

    /**
     * Fields this version does not know are ignored: smtp-service may be upgraded first, and refusing
     * its hand-offs for an extra field would turn a deployment order into lost mail.
     */
    EnvelopeParser(ObjectMapper json) {
        this.reader = json.readerFor(Envelope.class).without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    /**
     * @param sender null for the null sender {@code <>}
     * @param recipients canonical and without duplicates, in envelope order
     */
    record ValidEnvelope(Envelope envelope, MailAddress sender, List<MailAddress> recipients) {}

    static final class InvalidEnvelopeException extends Exception {
        private final String field;

        InvalidEnvelopeException(String field, String message) {
            super(message);
            this.field = field;
        }

        String field() {
            return field;
        }
    }

    ValidEnvelope parse(String line) throws InvalidEnvelopeException {
        Envelope envelope;
        try {
            envelope = reader.readValue(line);
        } catch (JacksonException | IllegalArgumentException | NullPointerException e) {
            throw new InvalidEnvelopeException(null, "The envelope line is not a valid envelope object.");
        }
        if (envelope == null) {
            throw new InvalidEnvelopeException(null, "The envelope line is empty.");
        }
        MailAddress sender = null;
        if (!envelope.isNullSender()) {
            sender = address("mailFrom", envelope.mailFrom());
        }
        if (envelope.recipients().isEmpty()) {
            throw new InvalidEnvelopeException("recipients", "The envelope has no recipients.");
        }
        if (envelope.recipients().size() > MAX_RECIPIENTS) {
            throw new InvalidEnvelopeException("recipients", "The envelope has more than " + MAX_RECIPIENTS + " recipients.");
        }
        Set<MailAddress> recipients = new LinkedHashSet<>();
        for (String recipient : envelope.recipients()) {
            recipients.add(address("recipients", recipient));
        }
        return new ValidEnvelope(envelope, sender, new ArrayList<>(recipients));
    }

    private static MailAddress address(String field, String value) throws InvalidEnvelopeException {
        try {
            return MailAddress.parse(value);
        } catch (IllegalArgumentException e) {
            throw new InvalidEnvelopeException(field, field + ": " + e.getMessage());
        }
    }
}
