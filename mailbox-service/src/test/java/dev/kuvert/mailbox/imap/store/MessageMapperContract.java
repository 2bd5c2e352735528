package dev.kuvert.mailbox.imap.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.mail.Flags;
import org.apache.james.core.Username;
import org.apache.james.mailbox.MessageManager.FlagsUpdateMode;
import org.apache.james.mailbox.MessageUid;
import org.apache.james.mailbox.ModSeq;
import org.apache.james.mailbox.model.Mailbox;
import org.apache.james.mailbox.model.MailboxPath;
import org.apache.james.mailbox.model.MessageMetaData;
import org.apache.james.mailbox.model.MessageRange;
import org.apache.james.mailbox.model.UidValidity;
import org.apache.james.mailbox.model.UpdatedFlags;
import org.apache.james.mailbox.store.FlagsUpdateCalculator;
import org.apache.james.mailbox.store.MailboxSessionMapperFactory;
import org.apache.james.mailbox.store.mail.MessageMapper;
import org.apache.james.mailbox.store.mail.MessageMapper.FetchType;
import org.apache.james.mailbox.store.mail.model.MailboxMessage;
import org.apache.james.mailbox.store.mail.model.impl.SimpleMailboxMessage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link MessageMapper} must do; run against James's in-memory mapper and against ours. */
abstract class MessageMapperContract {

    abstract MailboxSessionMapperFactory factory();

    /** A user whose personal mailboxes the test may create (an existing account for our store). */
    abstract Username user();

    Mailbox inbox;
    Mailbox archive;

    @BeforeEach
    void mailboxes() {
        inbox = mailbox("Contract");
        archive = mailbox("Contract-Archive");
    }

    MessageMapper mapper() {
        return factory().createMessageMapper(null);
    }

    Mailbox mailbox(String name) {
        return factory().createMailboxMapper(null).create(MailboxPath.forUser(user(), name), UidValidity.of(77)).block();
    }

    MessageMetaData add(Mailbox mailbox, String subject, Flags flags) throws Exception {
        return mapper().add(mailbox, StoreFixtures.message(mailbox, subject, flags));
    }

    List<MailboxMessage> find(Mailbox mailbox, MessageRange range) throws Exception {
        List<MailboxMessage> found = new ArrayList<>();
        mapper().findInMailbox(mailbox, range, FetchType.FULL, -1).forEachRemaining(found::add);
        return found;
    }

    List<MessageUid> uids(Mailbox mailbox, MessageRange range) throws Exception {
        return find(mailbox, range).stream().map(MailboxMessage::getUid).toList();
    }

    List<MessageUid> addThree(Mailbox mailbox) throws Exception {
        List<MessageUid> uids = new ArrayList<>();
        for (String subject : List.of("one", "two", "three")) {
            uids.add(add(mailbox, subject, new Flags()).getUid());
        }
        return uids;
    }

    static byte[] content(MailboxMessage message) throws Exception {
        try (InputStream in = message.getFullContent()) {
            return in.readAllBytes();
        }
    }

    @Test
    void addShouldAssignStrictlyAscendingUidsAndModSeqs() throws Exception {
        MessageMetaData first = add(inbox, "first", new Flags());
        MessageMetaData second = add(inbox, "second", new Flags());
        assertThat(second.getUid()).isGreaterThan(first.getUid());
        assertThat(second.getModSeq()).isGreaterThan(first.getModSeq());
        assertThat(mapper().getLastUid(inbox)).contains(second.getUid());
        assertThat(mapper().getHighestModSeq(inbox)).isEqualTo(second.getModSeq());
    }

    @Test
    void addShouldKeepTheBytesFlagsAndMessageIdOfTheMessage() throws Exception {
        SimpleMailboxMessage message = StoreFixtures.message(inbox, "kept", new Flags(Flags.Flag.FLAGGED));
        byte[] original = content(message);
        MessageMetaData added = mapper().add(inbox, message);
        MailboxMessage stored = find(inbox, MessageRange.one(added.getUid())).getFirst();
        assertThat(content(stored)).isEqualTo(original);
        assertThat(stored.getFullContentOctets()).isEqualTo(original.length);
        assertThat(stored.isFlagged()).isTrue();
        assertThat(stored.isSeen()).isFalse();
        assertThat(stored.getMessageId()).isEqualTo(message.getMessageId());
        assertThat(added.getMessageId()).isEqualTo(message.getMessageId());
        assertThat(added.getSize()).isEqualTo(original.length);
    }

    @Test
    void mailboxesShouldNumberTheirMessagesIndependently() throws Exception {
        MessageUid inInbox = add(inbox, "a", new Flags()).getUid();
        MessageUid inArchive = add(archive, "b", new Flags()).getUid();
        assertThat(inArchive).isEqualTo(inInbox);
        assertThat(inInbox).isEqualTo(MessageUid.MIN_VALUE);
    }

    @Test
    void findInMailboxShouldHonourEveryKindOfUidRangeInUidOrder() throws Exception {
        List<MessageUid> uids = addThree(inbox);
        add(archive, "elsewhere", new Flags());
        assertThat(uids(inbox, MessageRange.all())).containsExactlyElementsOf(uids);
        assertThat(uids(inbox, MessageRange.one(uids.get(1)))).containsExactly(uids.get(1));
        assertThat(uids(inbox, MessageRange.from(uids.get(1)))).containsExactly(uids.get(1), uids.get(2));
        assertThat(uids(inbox, MessageRange.range(uids.get(0), uids.get(1)))).containsExactly(uids.get(0), uids.get(1));
        assertThat(uids(inbox, MessageRange.one(uids.get(2).next()))).isEmpty();
    }

    @Test
    void findInMailboxShouldStopAtTheLimit() throws Exception {
        List<MessageUid> uids = addThree(inbox);
        List<MessageUid> limited = new ArrayList<>();
        mapper().findInMailbox(inbox, MessageRange.all(), FetchType.METADATA, 2).forEachRemaining(m -> limited.add(m.getUid()));
        assertThat(limited).containsExactly(uids.get(0), uids.get(1));
    }

    @Test
    void countersShouldCountTheMessagesAndTheUnseenOnesOfTheMailboxOnly() throws Exception {
        add(inbox, "unread", new Flags());
        add(inbox, "read", new Flags(Flags.Flag.SEEN));
        add(archive, "elsewhere", new Flags());
        assertThat(mapper().countMessagesInMailbox(inbox)).isEqualTo(2);
        assertThat(mapper().getMailboxCounters(inbox).getCount()).isEqualTo(2);
        assertThat(mapper().getMailboxCounters(inbox).getUnseen()).isEqualTo(1);
        assertThat(mapper().countMessagesInMailbox(mailbox("Empty"))).isZero();
    }

    @Test
    void findFirstUnseenMessageUidShouldSkipSeenMessages() throws Exception {
        add(inbox, "read", new Flags(Flags.Flag.SEEN));
        MessageUid unread = add(inbox, "unread", new Flags()).getUid();
        add(inbox, "unread too", new Flags());
        assertThat(mapper().findFirstUnseenMessageUid(inbox)).isEqualTo(unread);
    }

    @Test
    void findFirstUnseenMessageUidShouldBeNullWhenEverythingIsSeen() throws Exception {
        add(inbox, "read", new Flags(Flags.Flag.SEEN));
        assertThat(mapper().findFirstUnseenMessageUid(inbox)).isNull();
    }

    @Test
    void findRecentMessageUidsShouldListOnlyRecentMessages() throws Exception {
        MessageUid recent = add(inbox, "recent", new Flags(Flags.Flag.RECENT)).getUid();
        add(inbox, "old", new Flags());
        assertThat(mapper().findRecentMessageUidsInMailbox(inbox)).containsExactly(recent);
    }

    @Test
    void updateFlagsShouldGiveChangedMessagesOneNewHigherModSeqAndLeaveUnchangedOnesAlone() throws Exception {
        MessageMetaData unread = add(inbox, "unread", new Flags());
        MessageMetaData read = add(inbox, "read", new Flags(Flags.Flag.SEEN));
        ModSeq before = mapper().getHighestModSeq(inbox);
        List<UpdatedFlags> updates = new ArrayList<>();
        mapper().updateFlags(inbox, new FlagsUpdateCalculator(new Flags(Flags.Flag.SEEN), FlagsUpdateMode.ADD), MessageRange.all())
                .forEachRemaining(updates::add);
        UpdatedFlags changed = updates.stream().filter(u -> u.getUid().equals(unread.getUid())).findFirst().orElseThrow();
        assertThat(changed.getOldFlags().contains(Flags.Flag.SEEN)).isFalse();
        assertThat(changed.getNewFlags().contains(Flags.Flag.SEEN)).isTrue();
        assertThat(changed.getModSeq()).isGreaterThan(before);
        assertThat(mapper().getHighestModSeq(inbox)).isEqualTo(changed.getModSeq());
        MailboxMessage stored = find(inbox, MessageRange.one(unread.getUid())).getFirst();
        assertThat(stored.isSeen()).isTrue();
        assertThat(stored.getModSeq()).isEqualTo(changed.getModSeq());
        assertThat(find(inbox, MessageRange.one(read.getUid())).getFirst().getModSeq()).isEqualTo(read.getModSeq());
    }

    @Test
    void updateFlagsShouldReplaceRemoveAndKeepUserFlags() throws Exception {
        MessageUid uid = add(inbox, "flags", new Flags(Flags.Flag.SEEN)).getUid();
        Flags replacement = new Flags(Flags.Flag.ANSWERED);
        replacement.add("$Label1");
        mapper().updateFlags(inbox, new FlagsUpdateCalculator(replacement, FlagsUpdateMode.REPLACE), MessageRange.one(uid))
                .forEachRemaining(u -> {});
        Flags stored = find(inbox, MessageRange.one(uid)).getFirst().createFlags();
        assertThat(stored.contains(Flags.Flag.SEEN)).isFalse();
        assertThat(stored.contains(Flags.Flag.ANSWERED)).isTrue();
        assertThat(stored.contains("$Label1")).isTrue();
        assertThat(mapper().getApplicableFlag(inbox).contains("$Label1")).isTrue();

        mapper().updateFlags(inbox, new FlagsUpdateCalculator(new Flags("$Label1"), FlagsUpdateMode.REMOVE), MessageRange.one(uid))
                .forEachRemaining(u -> {});
        Flags removed = find(inbox, MessageRange.one(uid)).getFirst().createFlags();
        assertThat(removed.contains("$Label1")).isFalse();
        assertThat(removed.contains(Flags.Flag.ANSWERED)).isTrue();
    }

    @Test
    void retrieveMessagesMarkedForDeletionShouldListOnlyDeletedMessagesInTheRange() throws Exception {
        MessageUid kept = add(inbox, "kept", new Flags()).getUid();
        MessageUid deleted = add(inbox, "deleted", new Flags(Flags.Flag.DELETED)).getUid();
        MessageUid deletedLater = add(inbox, "deleted later", new Flags(Flags.Flag.DELETED)).getUid();
        assertThat(mapper().retrieveMessagesMarkedForDeletion(inbox, MessageRange.all())).containsExactly(deleted, deletedLater);
        assertThat(mapper().retrieveMessagesMarkedForDeletion(inbox, MessageRange.one(deleted))).containsExactly(deleted);
        assertThat(mapper().retrieveMessagesMarkedForDeletion(inbox, MessageRange.one(kept))).isEmpty();
    }

    @Test
    void deleteMessagesShouldExpungeExactlyTheGivenUidsAndDescribeThem() throws Exception {
        List<MessageUid> uids = addThree(inbox);
        Map<MessageUid, MessageMetaData> deleted = mapper().deleteMessages(inbox, List.of(uids.get(0), uids.get(2)));
        assertThat(deleted).containsOnlyKeys(uids.get(0), uids.get(2));
        assertThat(deleted.get(uids.get(2)).getUid()).isEqualTo(uids.get(2));
        assertThat(uids(inbox, MessageRange.all())).containsExactly(uids.get(1));
        assertThat(mapper().countMessagesInMailbox(inbox)).isEqualTo(1);
    }

    @Test
    void deleteMessagesShouldIgnoreUnknownUids() throws Exception {
        MessageUid uid = add(inbox, "only", new Flags()).getUid();
        assertThat(mapper().deleteMessages(inbox, List.of(uid.next()))).isEmpty();
        assertThat(uids(inbox, MessageRange.all())).containsExactly(uid);
    }

    @Test
    void uidsShouldNeverBeReusedAfterAnExpunge() throws Exception {
        List<MessageUid> uids = addThree(inbox);
        mapper().deleteMessages(inbox, List.of(uids.get(2)));
        MessageUid next = add(inbox, "after expunge", new Flags()).getUid();
        assertThat(next).isGreaterThan(uids.get(2));
    }

    @Test
    void copyShouldAddTheMessageToTheTargetWithANewUidAndTheSameBytesAndMessageId() throws Exception {
        MessageMetaData original = add(inbox, "to copy", new Flags(Flags.Flag.SEEN));
        MessageUid alreadyThere = add(archive, "already there", new Flags()).getUid();
        MailboxMessage source = find(inbox, MessageRange.one(original.getUid())).getFirst();
        MessageMetaData copy = mapper().copy(archive, source);
        assertThat(copy.getUid()).isGreaterThan(alreadyThere);
        MailboxMessage stored = find(archive, MessageRange.one(copy.getUid())).getFirst();
        assertThat(content(stored)).isEqualTo(content(source));
        assertThat(stored.getMessageId()).isEqualTo(source.getMessageId());
        assertThat(stored.isSeen()).isTrue();
        assertThat(stored.isRecent()).as("a copy is new to its mailbox").isTrue();
        assertThat(uids(inbox, MessageRange.all())).as("the original stays").containsExactly(original.getUid());
    }

    @Test
    void copyOfSeveralMessagesShouldGiveThemAscendingUidsInTheTarget() throws Exception {
        addThree(inbox);
        List<MessageUid> copied = new ArrayList<>();
        for (MailboxMessage source : find(inbox, MessageRange.all())) {
            copied.add(mapper().copy(archive, source).getUid());
        }
        assertThat(copied).isSorted().doesNotHaveDuplicates();
        assertThat(uids(archive, MessageRange.all())).containsExactlyElementsOf(copied);
    }

    @Test
    void moveShouldTakeTheMessageOutOfTheSourceAndIntoTheTargetWithANewUid() throws Exception {
        MessageMetaData original = add(inbox, "to move", new Flags(Flags.Flag.FLAGGED));
        MailboxMessage source = find(inbox, MessageRange.one(original.getUid())).getFirst();
        byte[] bytes = content(source);
        MessageMetaData moved = mapper().move(archive, source);
        assertThat(uids(inbox, MessageRange.all())).isEmpty();
        MailboxMessage stored = find(archive, MessageRange.one(moved.getUid())).getFirst();
        assertThat(content(stored)).isEqualTo(bytes);
        assertThat(stored.isFlagged()).isTrue();
        assertThat(stored.getMessageId()).isEqualTo(source.getMessageId());
        assertThat(mapper().countMessagesInMailbox(archive)).isEqualTo(1);
    }

    @Test
    void listAllMessageUidsShouldListTheMailboxInUidOrder() throws Exception {
        List<MessageUid> uids = addThree(inbox);
        assertThat(mapper().listAllMessageUids(inbox).collectList().block()).containsExactlyElementsOf(uids);
    }

    @Test
    void getLastUidShouldBeEmptyForAnEmptyMailbox() throws Exception {
        assertThat(mapper().getLastUid(inbox)).isEmpty();
    }
}
