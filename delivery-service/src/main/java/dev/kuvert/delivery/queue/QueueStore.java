package dev.kuvert.delivery.queue;

import static dev.kuvert.delivery.db.Sql.clip;
import static dev.kuvert.delivery.db.Sql.instant;
import static dev.kuvert.delivery.db.Sql.ts;

import dev.kuvert.contracts.mail.MailAddress;
import dev.kuvert.contracts.queue.RecipientState;
import dev.kuvert.delivery.db.Sql;
import dev.kuvert.delivery.log.DeliveryLog;
import dev.kuvert.delivery.transport.Route;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The queue tables as the delivery engine uses them. Every method that changes several rows expects
 * to run inside a transaction of its caller, except {@link #claim}, {@link #reapExpiredLeases} and
 * {@link #releaseLeasesOf}, which are single short transactions of their own (the caller wraps them).
 *
 * <p>Claiming is {@code SELECT … FOR UPDATE SKIP LOCKED}: concurrent instances each get different due
 * rows without waiting for each other, and mark them {@code IN_FLIGHT} under a lease.
 */
final class QueueStore {
    private static final List<String> MESSAGE_COLUMNS = List.of("id", "sender", "sender_domain", "size_bytes", "blob_key",
            "client_address", "helo", "authenticated_account", "listener", "received_at", "expires_at");
    private static final List<String> RECIPIENT_COLUMNS = List.of("message_id", "recipient", "recipient_domain",
            "original_recipient", "original_domain", "route", "state", "attempts", "next_attempt_at");
    static final String PENDING_STATES = "('QUEUED', 'IN_FLIGHT', 'DEFERRED')";

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final DeliveryLog deliveryLog;

    QueueStore(JdbcClient jdbc, JdbcTemplate template, DeliveryLog deliveryLog) {
        this.jdbc = jdbc;
        this.template = template;
        this.deliveryLog = deliveryLog;
    }

    /** Inserts the messages and their recipients, all due now. */
    void insert(List<NewMessage> messages) {
        List<Object[]> messageRows = new ArrayList<>(messages.size());
        List<Object[]> recipientRows = new ArrayList<>();
        for (NewMessage m : messages) {
            messageRows.add(new Object[] {m.queueId(), m.sender() == null ? "" : m.sender().toString(),
                    m.sender() == null ? null : m.sender().domain(), m.sizeBytes(), m.blobKey(), clip(m.clientAddress(), 64),
                    clip(m.helo(), 255), clip(m.authenticatedAccount(), 320), clip(m.listener(), 20), ts(m.receivedAt()),
                    ts(m.expiresAt())});
            for (MailAddress r : m.recipients()) {
                recipientRows.add(new Object[] {m.queueId(), r.toString(), r.domain(), r.toString(), r.domain(), null,
                        RecipientState.QUEUED.name(), 0, ts(m.receivedAt())});
            }
        }
        Sql.insertRows(template, "queue_message", MESSAGE_COLUMNS, messageRows);
        Sql.insertRows(template, "queue_recipient", RECIPIENT_COLUMNS, recipientRows);
    }

    /**
     * Leases up to {@code freeSlots} due recipients to {@code owner}: fresh ones first, then deferred
     * ones, of which at most {@code retrySlots}. Run it in a transaction of its own.
     */
    List<Claim> claim(String owner, int freeSlots, int retrySlots, Instant now, Duration lease) {
        if (freeSlots <= 0) {
            return List.of();
        }
        List<Long> fresh = due(RecipientState.QUEUED, now, freeSlots);
        int retryRoom = Math.min(retrySlots, freeSlots - fresh.size());
        List<Long> retries = retryRoom > 0 ? due(RecipientState.DEFERRED, now, retryRoom) : List.of();
        if (fresh.isEmpty() && retries.isEmpty()) {
            return List.of();
        }
        List<Long> ids = new ArrayList<>(fresh);
        ids.addAll(retries);
        jdbc.sql("""
                UPDATE queue_recipient SET state = 'IN_FLIGHT', lease_owner = :owner, lease_expires_at = :until, next_attempt_at = NULL
                WHERE id IN (:ids)""")
                .param("owner", owner).param("until", ts(now.plus(lease))).param("ids", ids)
                .update();
        Set<Long> retried = Set.copyOf(retries);
        return jdbc.sql("""
                SELECT r.id, r.message_id, r.recipient, r.original_recipient, r.route, r.attempts,
                       m.sender, m.blob_key, m.size_bytes, m.expires_at, m.authenticated_account
                FROM queue_recipient r JOIN queue_message m ON m.id = r.message_id
                WHERE r.id IN (:ids) ORDER BY r.id""")
                .param("ids", ids)
                .query((rs, n) -> new Claim(rs.getLong("id"), rs.getString("message_id"), rs.getString("sender"),
                        rs.getString("recipient"), rs.getString("original_recipient"), route(rs.getString("route")),
                        rs.getInt("attempts"), retried.contains(rs.getLong("id")), rs.getString("blob_key"),
                        rs.getLong("size_bytes"), instant(rs, "expires_at"), rs.getString("authenticated_account")))
                .list();
    }

    private List<Long> due(RecipientState state, Instant now, int limit) {
        return jdbc.sql("""
                SELECT id FROM queue_recipient
                WHERE state = :state AND next_attempt_at <= :now
                ORDER BY next_attempt_at, id
                LIMIT :limit
                FOR UPDATE SKIP LOCKED""")
                .param("state", state.name()).param("now", ts(now)).param("limit", limit)
                .query(Long.class).list();
    }

    /** Returns the recipients whose lease has run out (their instance died or hung) to the queue, due now. */
    int reapExpiredLeases(Instant now) {
        return jdbc.sql("""
                UPDATE queue_recipient
                SET state = IF(attempts = 0, 'QUEUED', 'DEFERRED'), lease_owner = NULL, lease_expires_at = NULL, next_attempt_at = :now
                WHERE state = 'IN_FLIGHT' AND lease_expires_at < :now""")
                .param("now", ts(now)).update();
    }

    /**
     * Extends every lease {@code owner} holds to {@code until}: an instance that is alive keeps its claims however long a
     * delivery takes (a slow peer, a wait for a connection slot); only a dead one's expire.
     */
    int renewLeasesOf(String owner, Instant until) {
        return jdbc.sql("UPDATE queue_recipient SET lease_expires_at = :until WHERE state = 'IN_FLIGHT' AND lease_owner = :owner")
                .param("owner", owner).param("until", ts(until)).update();
    }

    /** Returns every recipient {@code owner} still holds to the queue, due now: a restarted instance takes back its own claims. */
    int releaseLeasesOf(String owner, Instant now) {
        return jdbc.sql("""
                UPDATE queue_recipient
                SET state = IF(attempts = 0, 'QUEUED', 'DEFERRED'), lease_owner = NULL, lease_expires_at = NULL, next_attempt_at = :now
                WHERE state = 'IN_FLIGHT' AND lease_owner = :owner""")
                .param("owner", owner).param("now", ts(now)).update();
    }

    /**
     * Turns the claimed recipient into its first target and adds one fresh recipient per further
     * target (an alias expanded). False when the claim was lost meanwhile: nothing changed.
     */
    boolean expand(Claim claim, String owner, Target first, List<Target> others, Instant now) {
        int updated = jdbc.sql("""
                UPDATE queue_recipient SET recipient = :recipient, recipient_domain = :domain, route = :route
                WHERE id = :id AND state = 'IN_FLIGHT' AND lease_owner = :owner""")
                .param("recipient", first.address().toString()).param("domain", first.address().domain())
                .param("route", first.route().name()).param("id", claim.recipientId()).param("owner", owner)
                .update();
        if (updated == 0) {
            return false;
        }
        MailAddress original = MailAddress.parse(claim.originalRecipient());
        List<Object[]> rows = new ArrayList<>(others.size());
        for (Target target : others) {
            rows.add(new Object[] {claim.queueId(), target.address().toString(), target.address().domain(), original.toString(),
                    original.domain(), target.route().name(), RecipientState.QUEUED.name(), 0, ts(now)});
        }
        Sql.insertRows(template, "queue_recipient", RECIPIENT_COLUMNS, rows);
        return true;
    }

    /** An address to deliver to, and how. */
    record Target(MailAddress address, Route route) {}

    /** What {@link #record} changed. */
    /** @param delayed deferred recipients of messages whose sender is to be warned now */
    record Recorded(List<FailedBatch> failures, List<Completed> completed, List<FailedBatch> delayed) {}

    /** The recipients of one message that failed for good in this batch. */
    record FailedBatch(String queueId, String sender, String blobKey, List<AttemptResult> results) {}

    record Completed(String queueId, String blobKey) {}

    /**
     * Records the attempts: each recipient's new state (only where {@code owner} still holds the lease),
     * one delivery log row per attempt, and which messages are now complete. The message rows are locked
     * first, in id order, so that two instances finishing the last recipients of one message cannot
     * both miss its completion.
     */
    Recorded record(List<AttemptResult> results, String owner) {
        return record(results, owner, Duration.ZERO);
    }

    /**
     * As {@link #record(List, String)}; besides, messages with a recipient deferred now that arrived at least
     * {@code warnAfter} ago (not zero) and whose sender has not been warned yet are marked warned, and their
     * deferred recipients answered in {@link Recorded#delayed()} (never for the null sender).
     */
    Recorded record(List<AttemptResult> results, String owner, Duration warnAfter) {
        List<AttemptResult> ordered = new ArrayList<>(results);
        ordered.sort(Comparator.comparing((AttemptResult r) -> r.claim().queueId()).thenComparing(r -> r.claim().recipientId()));
        TreeSet<String> messageIds = new TreeSet<>();
        ordered.forEach(r -> messageIds.add(r.claim().queueId()));
        jdbc.sql("SELECT id FROM queue_message WHERE id IN (:ids) ORDER BY id FOR UPDATE")
                .param("ids", List.copyOf(messageIds)).query(String.class).list();

        List<Object[]> updates = new ArrayList<>(ordered.size());
        for (AttemptResult r : ordered) {
            MailAddress recipient = MailAddress.parse(r.recipient());
            updates.add(new Object[] {r.state().name(), recipient.toString(), recipient.domain(),
                    r.route() == null ? null : r.route().name(), ts(r.attemptedAt()), clip(r.response(), 1000),
                    ts(r.nextAttemptAt()), r.claim().recipientId(), owner});
        }
        int[] counts = template.batchUpdate("""
                UPDATE queue_recipient
                SET state = ?, recipient = ?, recipient_domain = ?, route = ?, attempts = attempts + 1,
                    last_attempt_at = ?, last_response = ?, next_attempt_at = ?, lease_owner = NULL, lease_expires_at = NULL
                WHERE id = ? AND state = 'IN_FLIGHT' AND lease_owner = ?""", updates);

        List<DeliveryLog.Entry> entries = new ArrayList<>(ordered.size());
        Map<String, List<AttemptResult>> failed = new LinkedHashMap<>();
        Map<String, List<AttemptResult>> deferred = new LinkedHashMap<>();
        for (int i = 0; i < ordered.size(); i++) {
            AttemptResult r = ordered.get(i);
            entries.add(new DeliveryLog.Entry(r.claim().queueId(), r.claim().sender(), r.recipient(), r.claim().originalRecipient(),
                    r.state(), r.remoteHost(), r.tls(), r.response(), owner, r.attemptedAt()));
            if (counts[i] != 0 && r.state() == RecipientState.FAILED) {
                failed.computeIfAbsent(r.claim().queueId(), id -> new ArrayList<>()).add(r);
            }
            if (counts[i] != 0 && r.state() == RecipientState.DEFERRED && !warnAfter.isZero() && !r.claim().sender().isEmpty()) {
                deferred.computeIfAbsent(r.claim().queueId(), id -> new ArrayList<>()).add(r);
            }
        }
        deliveryLog.append(entries);

        List<Completed> completed = completeIfDone(List.copyOf(messageIds), ordered.getLast().attemptedAt());
        List<FailedBatch> failures = failed.values().stream()
                .map(list -> new FailedBatch(list.getFirst().claim().queueId(), list.getFirst().claim().sender(),
                        list.getFirst().claim().blobKey(), List.copyOf(list)))
                .toList();
        return new Recorded(failures, completed, warnDelayed(deferred, ordered.getLast().attemptedAt(), warnAfter));
    }

    /** Marks the messages due a delay warning (their rows are locked by the caller) and answers their deferred recipients. */
    private List<FailedBatch> warnDelayed(Map<String, List<AttemptResult>> deferred, Instant now, Duration warnAfter) {
        if (deferred.isEmpty()) {
            return List.of();
        }
        List<String> due = jdbc.sql("""
                SELECT id FROM queue_message
                WHERE id IN (:ids) AND delay_warned_at IS NULL AND received_at <= :cutoff AND sender <> ''""")
                .param("ids", List.copyOf(deferred.keySet())).param("cutoff", ts(now.minus(warnAfter)))
                .query(String.class).list();
        if (due.isEmpty()) {
            return List.of();
        }
        jdbc.sql("UPDATE queue_message SET delay_warned_at = :now WHERE id IN (:ids)").param("now", ts(now)).param("ids", due).update();
        return due.stream()
                .map(deferred::get)
                .map(list -> new FailedBatch(list.getFirst().claim().queueId(), list.getFirst().claim().sender(),
                        list.getFirst().claim().blobKey(), List.copyOf(list)))
                .toList();
    }

    /**
     * Marks those of the messages complete none of whose recipients is pending any more, and answers the
     * ones this call marked. Run it in a transaction that holds the message rows ({@code FOR UPDATE}, as
     * {@link #record} does), so that no other transaction marks them meanwhile.
     */
    List<Completed> completeIfDone(List<String> queueIds, Instant now) {
        if (queueIds.isEmpty()) {
            return List.of();
        }
        List<Completed> done = jdbc.sql("""
                SELECT m.id, m.blob_key FROM queue_message m
                WHERE m.id IN (:ids) AND m.completed_at IS NULL
                  AND NOT EXISTS (SELECT 1 FROM queue_recipient r WHERE r.message_id = m.id AND r.state IN """ + PENDING_STATES + ")")
                .param("ids", queueIds)
                .query((rs, n) -> new Completed(rs.getString("id"), rs.getString("blob_key")))
                .list();
        if (!done.isEmpty()) {
            jdbc.sql("UPDATE queue_message SET completed_at = :now WHERE id IN (:ids)")
                    .param("now", ts(now)).param("ids", done.stream().map(Completed::queueId).toList())
                    .update();
        }
        return done;
    }

    /** {@link #completeIfDone(List, Instant)} for one message, locking it first; run it in a transaction. */
    java.util.Optional<Completed> completeIfDone(String queueId, Instant now) {
        jdbc.sql("SELECT id FROM queue_message WHERE id = :id FOR UPDATE").param("id", queueId).query(String.class).list();
        return completeIfDone(List.of(queueId), now).stream().findFirst();
    }

    /** Messages none of whose recipients is pending but which are not marked complete (a crash between the two). */
    List<String> completedButUnmarked(int max) {
        return jdbc.sql("""
                SELECT m.id FROM queue_message m
                WHERE m.completed_at IS NULL
                  AND NOT EXISTS (SELECT 1 FROM queue_recipient r WHERE r.message_id = m.id AND r.state IN """ + PENDING_STATES + """
                )
                LIMIT :max""").param("max", max).query(String.class).list();
    }

    /**
     * Of these blob containers, those a pending (not completed) message still needs; the SQL takes a key's
     * container as {@link dev.kuvert.delivery.spool.BlobStore#containerOf} does.
     */
    Set<String> containersInUse(List<String> containers) {
        if (containers.isEmpty()) {
            return Set.of();
        }
        return Set.copyOf(jdbc.sql("""
                        SELECT DISTINCT SUBSTRING_INDEX(blob_key, '.', 1) FROM queue_message
                        WHERE completed_at IS NULL AND SUBSTRING_INDEX(blob_key, '.', 1) IN (:containers)""")
                .param("containers", containers).query(String.class).list());
    }

    /** Deletes messages completed before {@code cutoff}, at most {@code max}; answers their blob keys. */
    List<String> purgeCompletedBefore(Instant cutoff, int max) {
        List<String[]> rows = jdbc.sql("SELECT id, blob_key FROM queue_message WHERE completed_at < :cutoff ORDER BY completed_at LIMIT :max")
                .param("cutoff", ts(cutoff)).param("max", max)
                .query((rs, n) -> new String[] {rs.getString("id"), rs.getString("blob_key")}).list();
        if (rows.isEmpty()) {
            return List.of();
        }
        jdbc.sql("DELETE FROM queue_message WHERE id IN (:ids)").param("ids", rows.stream().map(r -> r[0]).toList()).update();
        return rows.stream().map(r -> r[1]).toList();
    }

    private static Route route(String value) {
        return value == null ? null : Route.valueOf(value);
    }

    static RecipientState state(ResultSet rs) throws SQLException {
        return RecipientState.valueOf(rs.getString("state"));
    }
}
