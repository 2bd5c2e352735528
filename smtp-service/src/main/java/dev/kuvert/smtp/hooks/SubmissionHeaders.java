package dev.kuvert.smtp.hooks;

import dev.kuvert.smtp.message.HeaderValues;
import dev.kuvert.smtp.message.IncomingMessage;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.ZonedDateTime;
import java.util.HexFormat;
import org.apache.james.protocols.smtp.MailEnvelope;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.MessageHook;

/** On submission, completes what a client left out: {@code Message-ID} and {@code Date} (RFC 6409 §8). */
public final class SubmissionHeaders implements MessageHook {
    private final String hostname;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public SubmissionHeaders(String hostname, Clock clock) {
        this.hostname = hostname;
        this.clock = clock;
    }

    @Override
    public HookResult onMessage(SMTPSession session, MailEnvelope mail) {
        if (mail instanceof IncomingMessage message) {
            if (!message.hasMessageId()) {
                message.addField("Message-ID", newMessageId());
            }
            if (!message.hasDate()) {
                message.addField("Date", HeaderValues.dateTime(ZonedDateTime.now(clock)));
            }
        }
        return HookResult.DECLINED;
    }

    String newMessageId() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return "<" + clock.millis() + "." + HexFormat.of().formatHex(bytes) + "@" + hostname + ">";
    }
}
