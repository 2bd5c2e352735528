package dev.kuvert.mailbox.imap.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.james.core.Username;
import org.apache.james.mailbox.model.MailboxPath;
import org.apache.james.mailbox.model.UidValidity;
import org.apache.james.mailbox.store.MailboxSessionMapperFactory;
import org.apache.james.mailbox.store.user.SubscriptionMapper;
import org.apache.james.mailbox.store.user.model.Subscription;
import org.junit.jupiter.api.Test;

/** What every {@link SubscriptionMapper} must do; mailboxes are named as James names them (escaped paths). */
abstract class SubscriptionMapperContract {

    abstract MailboxSessionMapperFactory factory();

    abstract Username user();

    /** Another user (an existing account for our store). */
    abstract Username otherUser() throws Exception;

    SubscriptionMapper mapper() {
        return factory().createSubscriptionMapper(null);
    }

    String path(Username user, String name) {
        return MailboxPath.forUser(user, name).asEscapedString();
    }

    List<String> subscribed(Username user) throws Exception {
        return mapper().findSubscriptionsForUser(user).stream().map(Subscription::getMailbox).toList();
    }

    void createFolder(String name) {
        factory().createMailboxMapper(null).create(MailboxPath.forUser(user(), name), UidValidity.of(79)).block();
    }

    @Test
    void saveShouldSubscribeToAnExistingMailbox() throws Exception {
        createFolder("Lists");
        mapper().save(new Subscription(user(), path(user(), "Lists")));
        assertThat(subscribed(user())).contains(path(user(), "Lists"));
    }

    @Test
    void saveShouldSubscribeToAMailboxThatDoesNotExistYet() throws Exception {
        mapper().save(new Subscription(user(), path(user(), "Someday")));
        assertThat(subscribed(user())).contains(path(user(), "Someday"));
        createFolder("Someday");
        assertThat(subscribed(user())).containsOnlyOnce(path(user(), "Someday"));
    }

    @Test
    void saveTwiceShouldListTheSubscriptionOnce() throws Exception {
        createFolder("Twice");
        mapper().save(new Subscription(user(), path(user(), "Twice")));
        mapper().save(new Subscription(user(), path(user(), "Twice")));
        mapper().save(new Subscription(user(), path(user(), "Nowhere")));
        mapper().save(new Subscription(user(), path(user(), "Nowhere")));
        assertThat(subscribed(user())).containsOnlyOnce(path(user(), "Twice"), path(user(), "Nowhere"));
    }

    @Test
    void deleteShouldUnsubscribeFromAnExistingMailbox() throws Exception {
        createFolder("Noisy");
        mapper().save(new Subscription(user(), path(user(), "Noisy")));
        mapper().delete(new Subscription(user(), path(user(), "Noisy")));
        assertThat(subscribed(user())).doesNotContain(path(user(), "Noisy"));
    }

    @Test
    void deleteShouldUnsubscribeFromAMailboxThatDoesNotExist() throws Exception {
        mapper().save(new Subscription(user(), path(user(), "Gone")));
        mapper().delete(new Subscription(user(), path(user(), "Gone")));
        assertThat(subscribed(user())).doesNotContain(path(user(), "Gone"));
    }

    @Test
    void deleteShouldUnsubscribeAMailboxCreatedAfterItsSubscription() throws Exception {
        mapper().save(new Subscription(user(), path(user(), "Later")));
        createFolder("Later");
        mapper().delete(new Subscription(user(), path(user(), "Later")));
        assertThat(subscribed(user())).doesNotContain(path(user(), "Later"));
    }

    @Test
    void deleteOfAnUnknownSubscriptionShouldChangeNothing() throws Exception {
        mapper().save(new Subscription(user(), path(user(), "Kept")));
        List<String> before = subscribed(user());
        mapper().delete(new Subscription(user(), path(user(), "Never")));
        assertThat(subscribed(user())).containsExactlyInAnyOrderElementsOf(before);
    }

    @Test
    void subscriptionsShouldBelongToTheirUser() throws Exception {
        mapper().save(new Subscription(user(), path(user(), "Mine")));
        mapper().save(new Subscription(otherUser(), path(otherUser(), "Theirs")));
        assertThat(subscribed(user())).contains(path(user(), "Mine")).doesNotContain(path(otherUser(), "Theirs"));
        assertThat(subscribed(otherUser())).contains(path(otherUser(), "Theirs")).doesNotContain(path(user(), "Mine"));
    }

    @Test
    void unsubscribingOneUserShouldNotUnsubscribeAnother() throws Exception {
        mapper().save(new Subscription(user(), path(user(), "Shared-Name")));
        mapper().save(new Subscription(otherUser(), path(user(), "Shared-Name")));
        mapper().delete(new Subscription(otherUser(), path(user(), "Shared-Name")));
        assertThat(subscribed(user())).contains(path(user(), "Shared-Name"));
        assertThat(subscribed(otherUser())).doesNotContain(path(user(), "Shared-Name"));
    }
}
