package dev.kuvert.mailbox.imap.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.collect.Multimap;
import java.util.List;
import javax.mail.Flags;
import org.apache.james.core.Username;
import org.apache.james.mailbox.MessageManager.FlagsUpdateMode;
import org.apache.james.mailbox.model.ComposedMessageIdWithMetaData;
import org.apache.james.mailbox.model.Mailbox;
import org.apache.james.mailbox.model.MailboxId;
import org.apache.james.mailbox.model.MailboxPath;
import org.apache.james.mailbox.model.MessageId;
import org.apache.james.mailbox.model.MessageRange;
import org.apache.james.mailbox.model.UidValidity;
import org.apache.james.mailbox.model.UpdatedFlags;
import org.apache.james.mailbox.store.MailboxSessionMapperFactory;
import org.apache.james.mailbox.store.mail.MessageIdMapper;
import org.apache.james.mailbox.store.mail.MessageMapper;
import org.apache.james.mailbox.store.mail.MessageMapper.FetchType;
import org.apache.james.mailbox.store.mail.model.MailboxMessage;
import org.apache.james.mailbox.store.mail.model.impl.SimpleMailboxMessage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** What every {@link MessageIdMapper} must do: one message id, its copies in several mailboxes. */
abstract class MessageIdMapperContract {

    abstract MailboxSessionMapperFactory factory();

    abstract Username user();

    Mailbox inbox;
    Mailbox archive;

    @BeforeEach
    void mailboxes() {
        inbox = mailbox("Ids");
        archive = mailbox("Ids-Archive");
    }

    MessageIdMapper mapper() {
        return factory().createMessageIdMapper(null);
    }

    MessageMapper messages() {
        return factory().createMessageMapper(null);
    }

    Mailbox mailbox(String name) {
        return factory().createMailboxMapper(null).create(MailboxPath.forUser(user(), name), UidValidity.of(78)).block();
    }

    /** Adds a message to the inbox and copies it to the archive: one message id in two mailboxes. */
    MessageId inBoth() throws Exception {
        SimpleMailboxMessage message = StoreFixtures.message(inbox, "twice");
        messages().add(inbox, message);
        MailboxMessage stored = messages().findInMailbox(inbox, MessageRange.all(), FetchType.FULL, -1).next();
        messages().copy(archive, stored);
        return message.getMessageId();
    }

    List<MailboxId> mailboxesOf(MessageId id) {
        return mapper().find(List.of(id), FetchType.METADATA).stream().map(MailboxMessage::getMailboxId).toList();
    }

    @Test
    void findShouldReturnEveryCopyOfTheMessage() throws Exception {
        MessageId id = inBoth();
        messages().add(inbox, StoreFixtures.message(inbox, "unrelated"));
        assertThat(mailboxesOf(id)).containsExactlyInAnyOrder(inbox.getMailboxId(), archive.getMailboxId());
        assertThat(mapper().find(List.of(id), FetchType.METADATA)).allSatisfy(m -> assertThat(m.getMessageId()).isEqualTo(id));
    }

    @Test
    void findShouldBeEmptyForAnUnknownMessageId() {
        assertThat(mapper().find(List.of(StoreMessageId.FACTORY.generate()), FetchType.METADATA)).isEmpty();
    }

    @Test
    void findMailboxesShouldNameEachMailboxOnce() throws Exception {
        MessageId id = inBoth();
        assertThat(mapper().findMailboxes(id)).containsExactlyInAnyOrder(inbox.getMailboxId(), archive.getMailboxId());
    }

    @Test
    void findMetadataShouldDescribeEveryCopy() throws Exception {
        MessageId id = inBoth();
        List<ComposedMessageIdWithMetaData> metadata = Flux.from(mapper().findMetadata(id)).collectList().block();
        assertThat(metadata).extracting(m -> m.getComposedMessageId().getMailboxId())
                .containsExactlyInAnyOrder(inbox.getMailboxId(), archive.getMailboxId());
    }

    @Test
    void saveShouldMakeTheMessageFindableByItsIdInItsMailbox() throws Exception {
        SimpleMailboxMessage message = StoreFixtures.message(inbox, "saved");
        message.setUid(messages().getLastUid(inbox).map(uid -> uid.next()).orElse(org.apache.james.mailbox.MessageUid.MIN_VALUE));
        message.setModSeq(factory().getModSeqProvider().nextModSeq(inbox));
        mapper().save(message);
        assertThat(mailboxesOf(message.getMessageId())).containsExactly(inbox.getMailboxId());
        assertThat(messages().countMessagesInMailbox(inbox)).isEqualTo(1);
    }

    @Test
    void copyInMailboxShouldAddAnotherCopyUnderTheSameId() throws Exception {
        SimpleMailboxMessage message = StoreFixtures.message(inbox, "copied by id");
        messages().add(inbox, message);
        mapper().copyInMailbox(copyFor(archive, message.getMessageId()), archive);
        assertThat(mailboxesOf(message.getMessageId())).containsExactlyInAnyOrder(inbox.getMailboxId(), archive.getMailboxId());
    }

    @Test
    void copyInMailboxShouldNotAddASecondCopyToAMailboxThatHoldsTheMessage() throws Exception {
        MessageId id = inBoth();
        mapper().copyInMailbox(copyFor(archive, id), archive);
        assertThat(mailboxesOf(id)).containsExactlyInAnyOrder(inbox.getMailboxId(), archive.getMailboxId());
        assertThat(messages().countMessagesInMailbox(archive)).isEqualTo(1);
    }

    /** The copy James's {@code StoreMessageIdManager} hands to {@code copyInMailbox}: already in the target, with a UID there. */
    MailboxMessage copyFor(Mailbox target, MessageId id) throws Exception {
        MailboxMessage stored = mapper().find(List.of(id), FetchType.FULL).getFirst();
        SimpleMailboxMessage copy = SimpleMailboxMessage.copyWithoutAttachments(target.getMailboxId(), stored);
        copy.setUid(factory().getUidProvider().nextUid(target));
        copy.setModSeq(factory().getModSeqProvider().nextModSeq(target));
        return copy;
    }

    @Test
    void deleteFromSomeMailboxesShouldKeepTheOtherCopies() throws Exception {
        MessageId id = inBoth();
        mapper().delete(id, List.of(archive.getMailboxId()));
        assertThat(mailboxesOf(id)).containsExactly(inbox.getMailboxId());
        assertThat(messages().countMessagesInMailbox(archive)).isZero();
    }

    @Test
    void deleteShouldRemoveEveryCopy() throws Exception {
        MessageId id = inBoth();
        mapper().delete(id);
        assertThat(mapper().find(List.of(id), FetchType.METADATA)).isEmpty();
        assertThat(messages().countMessagesInMailbox(inbox)).isZero();
        assertThat(messages().countMessagesInMailbox(archive)).isZero();
    }

    @Test
    void setFlagsShouldChangeOnlyTheCopiesInTheGivenMailboxesWithANewModSeq() throws Exception {
        MessageId id = inBoth();
        Multimap<MailboxId, UpdatedFlags> updated = Mono.from(mapper().setFlags(id, List.of(archive.getMailboxId()),
                new Flags(Flags.Flag.FLAGGED), FlagsUpdateMode.ADD)).block();
        assertThat(updated.keySet()).containsExactly(archive.getMailboxId());
        UpdatedFlags flags = updated.get(archive.getMailboxId()).iterator().next();
        assertThat(flags.getNewFlags().contains(Flags.Flag.FLAGGED)).isTrue();
        assertThat(flags.getModSeq()).isEqualTo(messages().getHighestModSeq(archive));
        for (MailboxMessage copy : mapper().find(List.of(id), FetchType.METADATA)) {
            assertThat(copy.isFlagged()).as("flagged in %s", copy.getMailboxId()).isEqualTo(copy.getMailboxId().equals(archive.getMailboxId()));
        }
    }
}
