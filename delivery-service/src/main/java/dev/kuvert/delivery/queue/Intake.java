package dev.kuvert.delivery.queue;

import dev.kuvert.contracts.queue.EnvelopeFraming;
import dev.kuvert.contracts.queue.Queued;
import dev.kuvert.delivery.spool.BlobStore;
import dev.kuvert.delivery.spool.BlobTooLargeException;
import dev.kuvert.support.ApiProblem;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;

/**
 * Takes a message into the queue (the hand-off from smtp-service): checks the envelope, writes the
 * body into the blob store, then waits for the group commit that makes the bodies and the message's
 * rows durable together with everyone else's who arrived meanwhile (one fsync per spool segment). The
 * queue id is answered only after that commit; whatever fails makes the hand-off a 503, so that the
 * SMTP client keeps the message.
 */
public final class Intake implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Intake.class);
    private static final int READ_BUFFER = 8 * 1024;

    private final EnvelopeParser parser;
    private final BlobStore blobs;
    private final RetryPolicy policy;
    private final Clock clock;
    private final long maxMessageBytes;
    private final Duration commitTimeout;
    private final Runnable newMail;
    private final GroupCommitter<NewMessage> committer;

    Intake(EnvelopeParser parser, BlobStore blobs, QueueStore store, Transactions tx, RetryPolicy policy, Clock clock,
            long maxMessageBytes, int commitBatch, Duration commitTimeout, Runnable newMail) {
        this.parser = parser;
        this.blobs = blobs;
        this.policy = policy;
        this.clock = clock;
        this.maxMessageBytes = maxMessageBytes;
        this.commitTimeout = commitTimeout;
        this.newMail = newMail;
        this.committer = new GroupCommitter<>("queue-intake", commitBatch, batch -> {
            try {
                blobs.sync(batch.stream().map(NewMessage::blobKey).toList());
            } catch (IOException | RuntimeException e) {
                throw new GroupCommitter.NotCommittedException(e);
            }
            tx.run(() -> {
                store.insert(batch);
                return null;
            });
        });
    }

    /**
     * @param body the request body framed by {@link EnvelopeFraming}
     * @param contentLength its declared length, or -1
     * @throws ApiProblem 400 (envelope), 413 (size) or 503 (cannot queue now)
     */
    public Queued accept(InputStream body, long contentLength) {
        try {
            return queue(body, contentLength);
        } catch (ApiProblem problem) {
            throw problem;
        } catch (RuntimeException e) {
            log.error("A hand-off failed unexpectedly", e);
            throw unavailable();
        }
    }

    private Queued queue(InputStream body, long contentLength) {
        if (contentLength > maxMessageBytes + EnvelopeFraming.MAX_ENVELOPE_BYTES + 1) {
            throw tooLarge();
        }
        InputStream in = new BufferedInputStream(body, READ_BUFFER);
        EnvelopeParser.ValidEnvelope envelope;
        try {
            envelope = parser.parse(EnvelopeFraming.readEnvelopeLine(in));
        } catch (IOException e) {
            throw new ApiProblem(HttpStatus.BAD_REQUEST, "Malformed hand-off", e.getMessage(), null);
        } catch (EnvelopeParser.InvalidEnvelopeException e) {
            throw new ApiProblem(HttpStatus.BAD_REQUEST, "Invalid envelope", e.getMessage(), e.field());
        }
        Instant now = clock.instant();
        String queueId = QueueIds.next(now);
        BlobStore.StoredBlob spooled;
        try {
            spooled = blobs.write(in, maxMessageBytes);
        } catch (BlobTooLargeException e) {
            throw tooLarge();
        } catch (IOException | RuntimeException e) {
            log.warn("Cannot spool a message: {}", e.toString());
            throw unavailable();
        }
        NewMessage message = new NewMessage(queueId, envelope.sender(), spooled.size(), spooled.key(), envelope.envelope().clientAddress(),
                envelope.envelope().helo(), envelope.envelope().authenticatedAccount(), envelope.envelope().port(), now,
                policy.expiresAt(now), List.copyOf(envelope.recipients()));
        GroupCommitter.Result result;
        try {
            result = committer.submit(message).await(commitTimeout);
        } catch (IllegalStateException stopped) {
            result = GroupCommitter.Result.NOT_COMMITTED;
        }
        switch (result) {
            case COMMITTED -> {
                newMail.run();
                return new Queued(queueId);
            }
            case NOT_COMMITTED -> {
                OutcomeRecorder.releaseBody(blobs, queueId, spooled.key());
                throw unavailable();
            }
            default -> {
                // it may yet be committed: the body stays; the janitor removes it if no row refers to it
                throw unavailable();
            }
        }
    }

    private ApiProblem tooLarge() {
        return new ApiProblem(HttpStatus.CONTENT_TOO_LARGE, "Message too large",
                "The queue takes messages of up to " + maxMessageBytes + " bytes.", null);
    }

    private static ApiProblem unavailable() {
        return new ApiProblem(HttpStatus.SERVICE_UNAVAILABLE, "Cannot queue now",
                "The message could not be queued; try again later.", null);
    }

    /** How many group commits wrote how many items. */
    GroupCommitStats commitStats() {
        return new GroupCommitStats(committer.committedBatches(), committer.committedItems());
    }

    @Override
    public void close() {
        committer.close();
    }
}
