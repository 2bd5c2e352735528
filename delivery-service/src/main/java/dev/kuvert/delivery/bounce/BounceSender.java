package dev.kuvert.delivery.bounce;

import dev.kuvert.contracts.queue.Envelope;
import dev.kuvert.contracts.queue.EnvelopeFraming;
import dev.kuvert.delivery.dkim.HeaderSection;
import dev.kuvert.delivery.queue.FailureHook;
import dev.kuvert.delivery.queue.Intake;
import dev.kuvert.delivery.spool.BlobStore;
import dev.kuvert.delivery.transport.smtp.CrlfInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.ObjectMapper;

/**
 * Bounces (RFC 3464): when recipients of a message fail for good, the envelope sender gets one delivery
 * status notification for them, queued like any other mail from the null sender, so that it reaches a
 * local sender's INBOX through the local transport and a remote sender by SMTP, with the queue's
 * retries. Mail from the null sender is never bounced (no loops). A message still deferred after
 * {@code KUVERT_DELAY_WARNING} (4 hours) brings its sender one delay notice ({@code Action: delayed}).
 */
public final class BounceSender implements FailureHook {
    private static final Logger log = LoggerFactory.getLogger(BounceSender.class);

    private final String hostname;
    private final Intake intake;
    private final BlobStore blobs;
    private final ObjectMapper json;
    private final Clock clock;

    public BounceSender(String hostname, Intake intake, BlobStore blobs, ObjectMapper json, Clock clock) {
        this.hostname = hostname;
        this.intake = intake;
        this.blobs = blobs;
        this.json = json;
        this.clock = clock;
    }

    @Override
    public void recipientsFailed(FailedRecipients failed) {
        if (failed.sender() == null || failed.sender().isEmpty()) {
            log.info("{}: failed for good; no bounce, its sender is the null sender", failed.queueId());
            return;
        }
        List<DeliveryStatusNotification.Recipient> recipients = failed.recipients().stream()
                .map(r -> new DeliveryStatusNotification.Recipient(r.recipient(),
                        r.originalRecipient() == null || r.originalRecipient().equals(r.recipient()) ? null : r.originalRecipient(),
                        r.response(), r.failedAt()))
                .toList();
        byte[] dsn = DeliveryStatusNotification.compose(new DeliveryStatusNotification.Report(hostname, failed.queueId(),
                failed.sender(), DeliveryStatusNotification.Action.FAILED, recipients, originalHeaders(failed.queueId(), failed.blobKey()), null,
                clock.instant(), null));
        queue(failed.queueId(), failed.sender(), dsn);
    }

    /** A delay notice (RFC 3464 {@code Action: delayed}): only a warning, delivery goes on being tried. */
    @Override
    public void recipientsDelayed(DelayedRecipients delayed) {
        if (delayed.sender() == null || delayed.sender().isEmpty()) {
            return;
        }
        List<DeliveryStatusNotification.Recipient> recipients = delayed.recipients().stream()
                .map(r -> new DeliveryStatusNotification.Recipient(r.recipient(),
                        r.originalRecipient() == null || r.originalRecipient().equals(r.recipient()) ? null : r.originalRecipient(),
                        r.response(), r.failedAt()))
                .toList();
        byte[] dsn = DeliveryStatusNotification.compose(new DeliveryStatusNotification.Report(hostname, delayed.queueId(),
                delayed.sender(), DeliveryStatusNotification.Action.DELAYED, recipients,
                originalHeaders(delayed.queueId(), delayed.blobKey()), null, clock.instant(), delayed.expiresAt()));
        queue(delayed.queueId(), delayed.sender(), dsn);
    }

    private String originalHeaders(String queueId, String blobKey) {
        try (InputStream in = new CrlfInputStream(blobs.open(blobKey))) {
            return HeaderSection.read(in).text();
        } catch (IOException e) {
            log.warn("{}: the notice goes without the original header, the body cannot be read: {}", queueId, e.toString());
            return "X-Kuvert-Note: the original message could not be read\r\n";
        }
    }

    private void queue(String queueId, String sender, byte[] dsn) {
        try {
            String envelope = json.writeValueAsString(new Envelope("", List.of(sender), "127.0.0.1", hostname, null, "MX"));
            ByteArrayOutputStream framed = new ByteArrayOutputStream(dsn.length + envelope.length() + 16);
            EnvelopeFraming.writeEnvelopeLine(envelope, framed);
            framed.write(dsn);
            String bounceId = intake.accept(new ByteArrayInputStream(framed.toByteArray()), framed.size()).queueId();
            log.info("{}: bounce {} queued for <{}>", queueId, bounceId, sender);
        } catch (IOException | RuntimeException e) {
            log.error("{}: the bounce to <{}> could not be queued: {}", queueId, sender, e.toString());
        }
    }
}
