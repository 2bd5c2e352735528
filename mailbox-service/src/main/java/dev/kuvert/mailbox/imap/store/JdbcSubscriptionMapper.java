package dev.kuvert.mailbox.imap.store;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.james.core.Username;
import org.apache.james.mailbox.exception.SubscriptionException;
import org.apache.james.mailbox.model.MailboxPath;
import org.apache.james.mailbox.store.user.SubscriptionMapper;
import org.apache.james.mailbox.store.user.model.Subscription;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Subscriptions: to one of the user's own folders it is {@code folders.subscribed} (the default
 * folders start subscribed); to any other name (a folder not created yet, say) it is a row of
 * {@code imap_subscriptions} holding the mailbox as James gives it (its escaped path).
 */
class JdbcSubscriptionMapper implements SubscriptionMapper {
    private final JdbcClient jdbc;

    JdbcSubscriptionMapper(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void save(Subscription subscription) throws SubscriptionException {
        long account = account(subscription.getUser());
        int folders = ownName(subscription)
                .map(name -> jdbc.sql("UPDATE folders SET subscribed = TRUE WHERE account_id = ? AND name = ?").params(account, name).update())
                .orElse(0);
        if (folders == 0) {
            jdbc.sql("INSERT IGNORE INTO imap_subscriptions (account_id, mailbox) VALUES (?, ?)")
                    .params(account, subscription.getMailbox())
                    .update();
        }
    }

    @Override
    public List<Subscription> findSubscriptionsForUser(Username user) throws SubscriptionException {
        long account = account(user);
        List<String> folders = jdbc.sql("SELECT name FROM folders WHERE account_id = ? AND subscribed").param(account).query(String.class).list();
        List<String> others = jdbc.sql("SELECT mailbox FROM imap_subscriptions WHERE account_id = ?").param(account).query(String.class).list();
        return Stream.concat(folders.stream().map(name -> MailboxPath.forUser(user, name).asEscapedString()), others.stream())
                .distinct()
                .map(mailbox -> new Subscription(user, mailbox))
                .toList();
    }

    @Override
    public void delete(Subscription subscription) throws SubscriptionException {
        long account = account(subscription.getUser());
        ownName(subscription).ifPresent(name ->
                jdbc.sql("UPDATE folders SET subscribed = FALSE WHERE account_id = ? AND name = ?").params(account, name).update());
        jdbc.sql("DELETE FROM imap_subscriptions WHERE account_id = ? AND mailbox = ?").params(account, subscription.getMailbox()).update();
    }

    /** The folder name when the subscription is to a mailbox of the user's own. */
    private static Optional<String> ownName(Subscription subscription) {
        Optional<MailboxPath> path = MailboxPath.parseEscaped(subscription.getMailbox());
        return path.filter(JdbcMailboxMapper::isPersonal).filter(p -> p.getUser().equals(subscription.getUser())).map(MailboxPath::getName);
    }

    private long account(Username user) throws SubscriptionException {
        return jdbc.sql("SELECT id FROM accounts WHERE address = ?")
                .param(user.asString())
                .query(Long.class)
                .optional()
                .orElseThrow(() -> new SubscriptionException());
    }
}
