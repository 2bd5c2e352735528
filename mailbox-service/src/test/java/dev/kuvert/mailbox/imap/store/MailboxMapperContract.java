package dev.kuvert.mailbox.imap.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.james.core.Username;
import org.apache.james.mailbox.exception.MailboxExistsException;
import org.apache.james.mailbox.exception.MailboxNotFoundException;
import org.apache.james.mailbox.model.Mailbox;
import org.apache.james.mailbox.model.MailboxPath;
import org.apache.james.mailbox.model.UidValidity;
import org.apache.james.mailbox.model.search.MailboxQuery;
import org.apache.james.mailbox.model.search.PrefixedWildcard;
import org.apache.james.mailbox.store.mail.MailboxMapper;
import org.junit.jupiter.api.Test;

/** What every {@link MailboxMapper} must do; run against James's in-memory mapper and against ours. */
abstract class MailboxMapperContract {

    abstract MailboxMapper mapper();

    /** A user whose personal mailboxes the test may create (an existing account for our store). */
    abstract Username user();

    @Test
    void createShouldMakeTheMailboxFindableByPathAndById() {
        MailboxPath path = MailboxPath.forUser(user(), "Receipts");
        Mailbox created = mapper().create(path, UidValidity.of(4242)).block();
        Mailbox byPath = mapper().findMailboxByPath(path).block();
        assertThat(byPath.getMailboxId()).isEqualTo(created.getMailboxId());
        assertThat(byPath.getUidValidity()).isEqualTo(UidValidity.of(4242));
        assertThat(mapper().findMailboxById(created.getMailboxId()).block().generateAssociatedPath()).isEqualTo(path);
    }

    @Test
    void createShouldThrowWhenMailboxAlreadyExists() {
        MailboxPath path = MailboxPath.forUser(user(), "Twice");
        mapper().create(path, UidValidity.of(1)).block();
        assertThatThrownBy(() -> mapper().create(path, UidValidity.of(2)).block()).hasCauseInstanceOf(MailboxExistsException.class);
    }

    @Test
    void findMailboxByPathShouldBeEmptyForAnUnknownMailbox() {
        assertThat(mapper().findMailboxByPath(MailboxPath.forUser(user(), "Nowhere")).blockOptional()).isEmpty();
    }

    @Test
    void renameShouldMoveTheMailboxToItsNewNameKeepingItsId() {
        mapper().create(MailboxPath.forUser(user(), "Old"), UidValidity.of(7)).block();
        Mailbox mailbox = mapper().findMailboxByPath(MailboxPath.forUser(user(), "Old")).block();
        mailbox.setName("New");
        mapper().rename(mailbox).block();
        assertThat(mapper().findMailboxByPath(MailboxPath.forUser(user(), "Old")).blockOptional()).isEmpty();
        assertThat(mapper().findMailboxByPath(MailboxPath.forUser(user(), "New")).block().getMailboxId()).isEqualTo(mailbox.getMailboxId());
    }

    @Test
    void renameShouldThrowWhenTheNewNameIsTaken() {
        mapper().create(MailboxPath.forUser(user(), "Taken"), UidValidity.of(8)).block();
        mapper().create(MailboxPath.forUser(user(), "Other"), UidValidity.of(9)).block();
        Mailbox other = mapper().findMailboxByPath(MailboxPath.forUser(user(), "Other")).block();
        other.setName("Taken");
        assertThatThrownBy(() -> mapper().rename(other).block()).hasCauseInstanceOf(MailboxExistsException.class);
    }

    @Test
    void deleteShouldRemoveTheMailbox() {
        Mailbox mailbox = mapper().create(MailboxPath.forUser(user(), "Doomed"), UidValidity.of(10)).block();
        mapper().delete(mailbox).block();
        assertThat(mapper().findMailboxByPath(MailboxPath.forUser(user(), "Doomed")).blockOptional()).isEmpty();
        assertThatThrownBy(() -> mapper().findMailboxById(mailbox.getMailboxId()).block()).hasCauseInstanceOf(MailboxNotFoundException.class);
    }

    @Test
    void findMailboxWithPathLikeShouldMatchTheWildcardForTheUserOnly() {
        mapper().create(MailboxPath.forUser(user(), "Projects"), UidValidity.of(11)).block();
        mapper().create(MailboxPath.forUser(user(), "Projects.Kuvert"), UidValidity.of(12)).block();
        mapper().create(MailboxPath.forUser(user(), "Private"), UidValidity.of(13)).block();
        MailboxQuery.UserBound query = MailboxQuery.builder().privateNamespace().username(user()).expression(new PrefixedWildcard("Proj"))
                .build().asUserBound();
        assertThat(mapper().findMailboxWithPathLike(query).map(Mailbox::getName).collectList().block())
                .containsExactlyInAnyOrder("Projects", "Projects.Kuvert");
    }

    @Test
    void hasChildrenShouldSeeSubfoldersOnly() {
        Mailbox parent = mapper().create(MailboxPath.forUser(user(), "Parent"), UidValidity.of(14)).block();
        Mailbox lonely = mapper().create(MailboxPath.forUser(user(), "Parents"), UidValidity.of(15)).block();
        mapper().create(MailboxPath.forUser(user(), "Parent.Child"), UidValidity.of(16)).block();
        assertThat(mapper().hasChildren(parent, '.').block()).isTrue();
        assertThat(mapper().hasChildren(lonely, '.').block()).isFalse();
    }
}
