package dev.kuvert.mailbox.imap.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.james.core.Username;
import org.apache.james.mailbox.acl.ACLDiff;
import org.apache.james.mailbox.exception.MailboxException;
import org.apache.james.mailbox.exception.MailboxExistsException;
import org.apache.james.mailbox.exception.MailboxNotFoundException;
import org.apache.james.mailbox.model.Mailbox;
import org.apache.james.mailbox.model.MailboxACL;
import org.apache.james.mailbox.model.MailboxConstants;
import org.apache.james.mailbox.model.MailboxId;
import org.apache.james.mailbox.model.MailboxPath;
import org.apache.james.mailbox.model.UidValidity;
import org.apache.james.mailbox.model.search.MailboxQuery;
import org.apache.james.mailbox.store.mail.MailboxMapper;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * James mailboxes are the rows of {@code folders}: the mailbox id is the folder id, the path is
 * {@code #private:<account address>:<folder name>}, UIDVALIDITY is the folder's. Only personal
 * folders exist; sharing (ACLs) is not supported.
 */
class JdbcMailboxMapper implements MailboxMapper {
    static final String MAILBOX_COLUMNS = "f.id, a.address, f.name, f.uid_validity FROM folders f JOIN accounts a ON a.id = f.account_id";
    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final MessageRows messages;

    JdbcMailboxMapper(JdbcClient jdbc, TransactionTemplate transaction, MessageRows messages) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.messages = messages;
    }

    @Override
    public Mono<Mailbox> create(MailboxPath path, UidValidity uidValidity) {
        return blocking(() -> {
            if (!isPersonal(path)) {
                throw new MailboxException("only personal folders can be created: " + path);
            }
            long accountId = accountId(path.getUser()).orElseThrow(() -> new MailboxNotFoundException(path));
            try {
                long id = insertFolder(accountId, path.getName(), uidValidity.asLong());
                return new Mailbox(path, uidValidity, new FolderId(id));
            } catch (DuplicateKeyException e) {
                throw new MailboxExistsException(path.getName());
            }
        });
    }

    private long insertFolder(long accountId, String name, long uidValidity) {
        var keys = new org.springframework.jdbc.support.GeneratedKeyHolder();
        jdbc.sql("INSERT INTO folders (account_id, name, uid_validity, subscribed, created_at) VALUES (?, ?, ?, FALSE, ?)")
                .params(accountId, name, uidValidity, Timestamp.from(Instant.now()))
                .update(keys);
        return keys.getKey().longValue();
    }

    @Override
    public Mono<MailboxId> rename(Mailbox mailbox) {
        return blocking(() -> {
            try {
                int updated = jdbc.sql("UPDATE folders SET name = ? WHERE id = ?").params(mailbox.getName(), FolderId.of(mailbox.getMailboxId())).update();
                if (updated == 0) {
                    throw new MailboxNotFoundException(mailbox.getMailboxId());
                }
                return mailbox.getMailboxId();
            } catch (DuplicateKeyException e) {
                throw new MailboxExistsException(mailbox.getName());
            }
        });
    }

    /** Deletes the folder with whatever messages are left in it, releasing their quota. */
    @Override
    public Mono<Void> delete(Mailbox mailbox) {
        return blocking(() -> {
            long folderId = FolderId.of(mailbox.getMailboxId());
            transaction.executeWithoutResult(status -> {
                if (messages.lockFolder(folderId).isEmpty()) {
                    return;
                }
                messages.deleteAll(folderId);
                jdbc.sql("DELETE FROM folders WHERE id = ?").param(folderId).update();
            });
            return null;
        }).then();
    }

    @Override
    public Mono<Mailbox> findMailboxByPath(MailboxPath path) {
        if (!isPersonal(path)) {
            return Mono.empty();
        }
        return Mono.fromCallable(() -> jdbc.sql("SELECT " + MAILBOX_COLUMNS + " WHERE a.address = ? AND f.name = ?")
                        .params(path.getUser().asString(), path.getName())
                        .query(JdbcMailboxMapper::map)
                        .optional())
                .subscribeOn(Schedulers.boundedElastic())
                .flatMap(Mono::justOrEmpty);
    }

    @Override
    public Mono<Mailbox> findMailboxById(MailboxId mailboxId) {
        return Mono.fromCallable(() -> jdbc.sql("SELECT " + MAILBOX_COLUMNS + " WHERE f.id = ?")
                        .param(FolderId.of(mailboxId))
                        .query(JdbcMailboxMapper::map)
                        .optional())
                .subscribeOn(Schedulers.boundedElastic())
                .flatMap(found -> found.map(Mono::just).orElseGet(() -> Mono.error(new MailboxNotFoundException(mailboxId))));
    }

    @Override
    public Flux<Mailbox> findNonPersonalMailboxes(Username userName, MailboxACL.Right right) {
        return Flux.empty();
    }

    @Override
    public Flux<Mailbox> findMailboxWithPathLike(MailboxQuery.UserBound query) {
        if (!MailboxConstants.USER_NAMESPACE.equals(query.getFixedNamespace())) {
            return Flux.empty();
        }
        return Mono.fromCallable(() -> jdbc.sql("SELECT " + MAILBOX_COLUMNS + " WHERE a.address = ? ORDER BY f.name")
                        .param(query.getFixedUser().asString())
                        .query(JdbcMailboxMapper::map)
                        .list())
                .subscribeOn(Schedulers.boundedElastic())
                .flatMapIterable(list -> list)
                .filter(query::matches);
    }

    @Override
    public Mono<Boolean> hasChildren(Mailbox mailbox, char delimiter) {
        String prefix = escapeLike(mailbox.getName() + delimiter) + "%";
        return Mono.fromCallable(() -> jdbc.sql("""
                        SELECT COUNT(*) FROM folders WHERE account_id = (SELECT account_id FROM folders WHERE id = ?) AND name LIKE ?""")
                        .params(FolderId.of(mailbox.getMailboxId()), prefix)
                        .query(Long.class)
                        .single() > 0)
                .subscribeOn(Schedulers.boundedElastic());
    }

    @Override
    public Mono<ACLDiff> updateACL(Mailbox mailbox, MailboxACL.ACLCommand command) {
        return Mono.error(new MailboxException("Shared folders are not supported."));
    }

    @Override
    public Mono<ACLDiff> setACL(Mailbox mailbox, MailboxACL acl) {
        return Mono.error(new MailboxException("Shared folders are not supported."));
    }

    @Override
    public Flux<Mailbox> list() {
        return Mono.fromCallable(() -> jdbc.sql("SELECT " + MAILBOX_COLUMNS + " ORDER BY f.id").query(JdbcMailboxMapper::map).list())
                .subscribeOn(Schedulers.boundedElastic())
                .flatMapIterable(list -> list);
    }

    Optional<Long> accountId(Username user) {
        return jdbc.sql("SELECT id FROM accounts WHERE address = ?").param(user.asString()).query(Long.class).optional();
    }

    static boolean isPersonal(MailboxPath path) {
        return MailboxConstants.USER_NAMESPACE.equals(path.getNamespace()) && path.getUser() != null;
    }

    static Mailbox map(ResultSet rs, int n) throws SQLException {
        MailboxPath path = new MailboxPath(MailboxConstants.USER_NAMESPACE, Username.of(rs.getString(2)), rs.getString(3));
        return new Mailbox(path, UidValidity.of(rs.getLong(4)), new FolderId(rs.getLong(1)));
    }

    private static String escapeLike(String value) {
        return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    interface Blocking<T> {
        T call() throws MailboxException;
    }

    static <T> Mono<T> blocking(Blocking<T> call) {
        return Mono.fromCallable(call::call).subscribeOn(Schedulers.boundedElastic());
    }
}
