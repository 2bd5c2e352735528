package dev.kuvert.mailbox.imap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.kuvert.mailbox.MailboxDatabase;
import dev.kuvert.mailbox.TestServiceClient;
import dev.kuvert.mailbox.store.BlobStore;
import dev.kuvert.support.PlatformSecret;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.UIDFolder;
import jakarta.mail.event.MessageCountAdapter;
import jakarta.mail.event.MessageCountEvent;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.search.BodyTerm;
import jakarta.mail.search.FromStringTerm;
import jakarta.mail.search.SubjectTerm;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.eclipse.angus.mail.imap.SortTerm;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * IMAP over real sockets and TLS against MariaDB, with Jakarta Mail (Angus) as an independent client
 * and raw bytes where the protocol details matter.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ImapIT {
    static final String PASSWORD = "a-Strong-passw0rd!";

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        MailboxDatabase.register(registry, "kuvert_mailbox_it");
    }

    @LocalServerPort
    int port;

    @Autowired
    PlatformSecret secret;

    @Autowired
    ImapServer server;

    @Autowired
    BlobStore blobs;

    @Autowired
    JdbcClient jdbc;

    TestServiceClient client;
    String domain;
    String user;
    int starttls;
    int implicitTls;

    @BeforeEach
    void account() throws Exception {
        client = new TestServiceClient(port, secret.serviceCredential());
        domain = "i" + UUID.randomUUID().toString().substring(0, 8) + ".test";
        client.api("POST", "/api/v1/domains", "{\"name\":\"" + domain + "\"}");
        user = createAccount("ivy", 0);
        starttls = server.boundPorts().get(0);
        implicitTls = server.boundPorts().get(1);
    }

    @Test
    void aDeliveredMessageShouldBeFetchedByteIdentical() throws Exception {
        byte[] sent = ("Return-Path: <a@example.org>\r\nFrom: a@example.org\r\nTo: " + user + "\r\nSubject: bytes\r\n"
                + "Content-Type: text/plain; charset=utf-8\r\n\r\nline one\r\n.dot line\r\n\r\n  trailing spaces  \r\nGr\u00fc\u00dfe\r\n")
                .getBytes(StandardCharsets.UTF_8);
        deliver(sent);
        Store store = connect();
        try {
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            assertThat(inbox.getMessageCount()).isEqualTo(1);
            var raw = new ByteArrayOutputStream();
            inbox.getMessage(1).writeTo(raw);
            assertThat(raw.toByteArray()).isEqualTo(sent);
            assertThat(inbox.getMessage(1).getSubject()).isEqualTo("bytes");
            assertThat(inbox.getMessage(1).getSize()).isEqualTo(sent.length);
        } finally {
            store.close();
        }
    }

    @Test
    void aMessageWhoseBlobIsGoneShouldEndTheSessionRatherThanLeaveItWaitingForTheLiteral() throws Exception {
        deliver(("Subject: gone\r\n\r\n" + UUID.randomUUID() + "\r\n").getBytes(StandardCharsets.US_ASCII));
        deliver(("Subject: kept\r\n\r\n" + UUID.randomUUID() + "\r\n").getBytes(StandardCharsets.US_ASCII));
        blobs.delete(jdbc.sql("""
                SELECT m.blob_id FROM messages m JOIN folders f ON f.id = m.folder_id JOIN accounts a ON a.id = f.account_id
                WHERE a.address = ? AND f.name = 'INBOX' ORDER BY m.uid LIMIT 1""").param(user).query(String.class).single());
        try (ImapClient imap = login()) {
            assertThat(imap.command("SELECT INBOX").getLast()).contains("OK");
            // the literal's size is on the wire before its blob is opened: the only safe ending is the connection's
            assertThat(imap.command("FETCH 1:2 (BODY.PEEK[])")).last().isEqualTo("<closed>");
        }
    }

    @Test
    void appendCopyMoveStoreAndExpungeShouldPersistAcrossSessions() throws Exception {
        Store store = connect();
        long sentUid;
        try {
            IMAPFolder sentFolder = (IMAPFolder) store.getFolder("Sent");
            sentFolder.open(Folder.READ_WRITE);
            Message[] appended = sentFolder.addMessages(new Message[] {mime("appended", "hello from a client")});
            sentUid = sentFolder.getUID(appended[0]);
            assertThat(sentUid).isPositive();
            Message message = sentFolder.getMessageByUID(sentUid);
            message.setFlag(Flags.Flag.FLAGGED, true);
            message.setFlags(new Flags("$Important"), true);
            sentFolder.copyMessages(new Message[] {message}, store.getFolder("Archive"));
            sentFolder.moveMessages(new Message[] {message}, store.getFolder("Drafts"));
            sentFolder.close(false);
        } finally {
            store.close();
        }
        Store again = connect();
        try {
            Folder archive = again.getFolder("Archive");
            archive.open(Folder.READ_WRITE);
            assertThat(archive.getMessageCount()).isEqualTo(1);
            Message copy = archive.getMessage(1);
            assertThat(copy.getSubject()).isEqualTo("appended");
            assertThat(copy.isSet(Flags.Flag.FLAGGED)).isTrue();
            assertThat(copy.getFlags().contains("$Important")).isTrue();
            copy.setFlag(Flags.Flag.DELETED, true);
            archive.expunge();
            assertThat(archive.getMessageCount()).isZero();
            archive.close(false);
            assertThat(again.getFolder("Sent").getMessageCount()).isZero();
            Folder drafts = again.getFolder("Drafts");
            drafts.open(Folder.READ_ONLY);
            assertThat(drafts.getMessageCount()).isEqualTo(1);
            assertThat(drafts.getMessage(1).isSet(Flags.Flag.FLAGGED)).isTrue();
            drafts.close(false);
        } finally {
            again.close();
        }
    }

    @Test
    void uidsShouldAscendAndNeverBeReusedAndUidValidityShouldStayStable() throws Exception {
        deliver("Subject: one\r\n\r\n1\r\n".getBytes(StandardCharsets.US_ASCII));
        deliver("Subject: two\r\n\r\n2\r\n".getBytes(StandardCharsets.US_ASCII));
        long validity;
        Store store = connect();
        try {
            IMAPFolder inbox = (IMAPFolder) store.getFolder("INBOX");
            inbox.open(Folder.READ_WRITE);
            validity = inbox.getUIDValidity();
            assertThat(inbox.getUID(inbox.getMessage(1))).isEqualTo(1);
            assertThat(inbox.getUID(inbox.getMessage(2))).isEqualTo(2);
            inbox.getMessage(2).setFlag(Flags.Flag.DELETED, true);
            inbox.expunge();
            inbox.close(false);
        } finally {
            store.close();
        }
        deliver("Subject: three\r\n\r\n3\r\n".getBytes(StandardCharsets.US_ASCII));
        Store again = connect();
        try {
            IMAPFolder inbox = (IMAPFolder) again.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            assertThat(inbox.getUIDValidity()).isEqualTo(validity);
            assertThat(inbox.getUID(inbox.getMessage(2))).isEqualTo(3);
            assertThat(inbox.getUIDNext()).isEqualTo(4);
        } finally {
            again.close();
        }
    }

    @Test
    void searchShouldFindByHeaderAndByText() throws Exception {
        deliver("Subject: invoice 42\r\n\r\nPlease pay.\r\n".getBytes(StandardCharsets.US_ASCII));
        deliver("Subject: hello\r\n\r\nThe secret word is pumpernickel.\r\n".getBytes(StandardCharsets.US_ASCII));
        Store store = connect();
        try {
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            assertThat(inbox.search(new SubjectTerm("invoice"))).extracting(Message::getSubject).containsExactly("invoice 42");
            assertThat(inbox.search(new BodyTerm("pumpernickel"))).extracting(Message::getSubject).containsExactly("hello");
        } finally {
            store.close();
        }
    }

    @Test
    void idleShouldWakeUpWithinASecondOfALocalDelivery() throws Exception {
        Store store = connect();
        try {
            IMAPFolder inbox = (IMAPFolder) store.getFolder("INBOX");
            inbox.open(Folder.READ_WRITE);
            AtomicLong notifiedAt = new AtomicLong();
            inbox.addMessageCountListener(new MessageCountAdapter() {
                @Override
                public void messagesAdded(MessageCountEvent e) {
                    notifiedAt.compareAndSet(0, System.nanoTime());
                }
            });
            CompletableFuture<Void> idle = CompletableFuture.runAsync(() -> {
                try {
                    inbox.idle(true);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            awaitIdling(inbox);
            long deliveredAt = System.nanoTime();
            deliver("Subject: wake up\r\n\r\nnew mail\r\n".getBytes(StandardCharsets.US_ASCII));
            await().atMost(Duration.ofSeconds(5)).until(() -> notifiedAt.get() != 0);
            idle.get();
            assertThat(Duration.ofNanos(notifiedAt.get() - deliveredAt)).isLessThan(Duration.ofSeconds(1));
            assertThat(inbox.getMessageCount()).isEqualTo(1);
        } finally {
            store.close();
        }
    }

    @Test
    void flagsAndExpungesOfOneSessionShouldReachAnotherSelectedSession() throws Exception {
        deliver("Subject: shared\r\n\r\nx\r\n".getBytes(StandardCharsets.US_ASCII));
        deliver("Subject: shared 2\r\n\r\ny\r\n".getBytes(StandardCharsets.US_ASCII));
        try (ImapClient first = login(); ImapClient second = login()) {
            assertThat(first.command("SELECT INBOX")).last().asString().contains("OK");
            assertThat(second.command("SELECT INBOX")).last().asString().contains("OK");
            assertThat(first.command("STORE 1 +FLAGS (\\Seen)")).last().asString().contains("OK");
            assertThat(second.command("NOOP")).anySatisfy(line -> assertThat(line).contains("FETCH").contains("\\Seen"));
            assertThat(first.command("STORE 2 +FLAGS (\\Deleted)")).last().asString().contains("OK");
            assertThat(first.command("EXPUNGE")).contains("* 2 EXPUNGE");
            assertThat(second.command("NOOP")).contains("* 2 EXPUNGE");
        }
    }

    @Test
    void listShouldShowTheSpecialUseFoldersAndClientsManageTheirOwnFolders() throws Exception {
        try (ImapClient imap = login()) {
            List<String> list = imap.command("LIST \"\" \"*\"");
            assertThat(list).contains("* LIST (\\HasNoChildren \\Sent) \".\" \"Sent\"", "* LIST (\\HasNoChildren \\Trash) \".\" \"Trash\"",
                    "* LIST (\\HasNoChildren \\Drafts) \".\" \"Drafts\"", "* LIST (\\HasNoChildren \\Junk) \".\" \"Junk\"",
                    "* LIST (\\HasNoChildren \\Archive) \".\" \"Archive\"");
            assertThat(imap.command("LIST (SPECIAL-USE) \"\" \"*\"")).hasSize(6);
            assertThat(imap.command("CREATE Projects.Kuvert")).last().asString().contains("OK");
            assertThat(imap.command("RENAME Projects Work")).last().asString().contains("OK");
            assertThat(imap.command("LIST \"\" \"Work*\"")).contains("* LIST (\\HasChildren) \".\" \"Work\"",
                    "* LIST (\\HasNoChildren) \".\" \"Work.Kuvert\"");
            assertThat(imap.command("DELETE Work.Kuvert")).last().asString().contains("OK");
            assertThat(imap.command("SUBSCRIBE Work")).last().asString().contains("OK");
            assertThat(imap.command("LSUB \"\" \"*\"")).anySatisfy(line -> assertThat(line).endsWith("\"Work\""));
            assertThat(imap.command("DELETE INBOX")).last().asString().contains("NO");
        }
    }

    @Test
    void quotaShouldBeReportedAndEnforced() throws Exception {
        String small = createAccount("tiny", 2048);
        try (ImapClient imap = login(small)) {
            assertThat(imap.command("GETQUOTAROOT INBOX")).anySatisfy(line -> assertThat(line).startsWith("* QUOTA ").contains("STORAGE 0 2"));
            String body = "Subject: big\r\n\r\n" + "x".repeat(3000) + "\r\n";
            imap.send(imap.nextTag() + " APPEND INBOX {" + body.length() + "+}\r\n" + body + "\r\n");
            assertThat(imap.untilTagged(imap.lastTag())).last().asString().contains("NO").contains("OVERQUOTA");
            String fits = "Subject: small\r\n\r\n" + "y".repeat(1100) + "\r\n";
            imap.send(imap.nextTag() + " APPEND INBOX {" + fits.length() + "+}\r\n" + fits + "\r\n");
            assertThat(imap.untilTagged(imap.lastTag())).last().asString().contains("OK").contains("APPENDUID");
            assertThat(imap.command("GETQUOTAROOT INBOX")).anySatisfy(line -> assertThat(line).contains("STORAGE 1 2"));
        }
    }

    @Test
    void pop3AndImapShouldSeeTheSameDeletions() throws Exception {
        deliver("Subject: a\r\n\r\na\r\n".getBytes(StandardCharsets.US_ASCII));
        deliver("Subject: b\r\n\r\nb\r\n".getBytes(StandardCharsets.US_ASCII));
        deliver("Subject: c\r\n\r\nc\r\n".getBytes(StandardCharsets.US_ASCII));
        try (ImapClient imap = login()) {
            imap.command("SELECT INBOX");
            Store pop = popStore();
            try {
                Folder popInbox = pop.getFolder("INBOX");
                popInbox.open(Folder.READ_WRITE);
                assertThat(popInbox.getMessageCount()).isEqualTo(3);
                popInbox.getMessage(1).setFlag(Flags.Flag.DELETED, true);
                popInbox.close(true);
            } finally {
                pop.close();
            }
            assertThat(imap.command("NOOP")).contains("* 1 EXPUNGE");
            imap.command("STORE 1 +FLAGS (\\Deleted)");
            assertThat(imap.command("EXPUNGE")).contains("* 1 EXPUNGE");
        }
        Store pop = popStore();
        try {
            Folder popInbox = pop.getFolder("INBOX");
            popInbox.open(Folder.READ_ONLY);
            assertThat(popInbox.getMessageCount()).isEqualTo(1);
            assertThat(popInbox.getMessage(1).getSubject()).isEqualTo("c");
        } finally {
            pop.close();
        }
    }

    @Test
    void beforeStarttlsLoginShouldBeDisabledAndAfterItAllowed() throws Exception {
        try (ImapClient imap = ImapClient.plain(starttls)) {
            assertThat(imap.line()).startsWith("* OK");
            assertThat(imap.command("CAPABILITY").getFirst()).contains("LOGINDISABLED", "STARTTLS").doesNotContain("AUTH=PLAIN");
            assertThat(imap.command("LOGIN " + user + " " + PASSWORD).getLast()).contains("NO").contains("PRIVACYREQUIRED");
            assertThat(imap.command("AUTHENTICATE PLAIN " + plain(user, PASSWORD)).getLast()).contains("NO");
            assertThat(imap.command("STARTTLS").getLast()).contains("OK");
            imap.startTls();
            assertThat(imap.command("CAPABILITY").getFirst()).contains("AUTH=PLAIN").doesNotContain("LOGINDISABLED", "STARTTLS");
            assertThat(imap.command("AUTHENTICATE PLAIN " + plain(user, PASSWORD)).getLast()).contains("OK");
        }
    }

    @Test
    void commandsPipelinedBehindStarttlsShouldNeverBeExecuted() throws Exception {
        try (ImapClient imap = ImapClient.plain(starttls)) {
            imap.line();
            imap.send("a1 STARTTLS\r\na2 CAPABILITY\r\n");
            String answer = imap.line();
            if (answer != null && answer.startsWith("a1 OK")) {
                imap.startTls();
                List<String> next = imap.command("NOOP");
                assertThat(String.join("\n", next)).doesNotContain("a2 ");
            } else {
                assertThat(answer == null || !answer.startsWith("a2")).as("refused or disconnected: %s", answer).isTrue();
            }
        }
    }

    @Test
    void wrongPasswordsShouldFailAndBeThrottled() throws Exception {
        try (ImapClient imap = ImapClient.tls(implicitTls)) {
            imap.line();
            long start = System.nanoTime();
            assertThat(imap.command("LOGIN " + user + " wrong-password").getLast()).contains("NO").contains("AUTHENTICATIONFAILED");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(400));
        }
    }

    @Test
    void aHugeLiteralShouldBeRefusedBeforeAnyOfItIsSent() throws Exception {
        try (ImapClient imap = login()) {
            String small = "Subject: fits\r\n\r\nok\r\n";
            imap.send("s1 APPEND INBOX {" + small.length() + "+}\r\n" + small + "\r\n");
            assertThat(imap.untilTagged("s1")).last().asString().startsWith("s1 OK");
            for (String size : List.of("2147483648", "999999999999999999999", "67108865")) {
                imap.send("h" + size.length() + " APPEND INBOX {" + size + "}\r\n");
                assertThat(imap.line()).startsWith("h" + size.length() + " NO [TOOBIG]");
                assertThat(imap.command("NOOP").getLast()).contains("OK");
            }
            imap.send("p1 APPEND INBOX {2147483648+}\r\n" + "z".repeat(100_000));
            assertThat(imap.line()).startsWith("p1 BAD");
            assertThat(imap.line()).isNull();
        }
    }

    @Test
    void malformedCommandsShouldBeAnsweredBadWithoutDroppingTheSession() throws Exception {
        try (ImapClient imap = login()) {
            assertThat(imap.command("FROBNICATE").getLast()).contains("BAD");
            assertThat(imap.command("SELECT").getLast()).contains("BAD");
            assertThat(imap.command("FETCH 1:* (FLAGS").getLast()).containsAnyOf("BAD", "NO");
            assertThat(imap.command("UID FETCH 1 FLAGS").getLast()).contains("NO");
            imap.command("SELECT INBOX");
            assertThat(imap.command("UID FETCH x:y FLAGS").getLast()).contains("BAD");
            imap.send("\r\n");
            imap.send("a999 NOOP " + "x".repeat(70_000) + "\r\n");
            assertThat(imap.line()).contains("BAD");
            assertThat(imap.command("NOOP").getLast()).contains("OK");
        }
    }

    @Test
    void sortShouldOrderByEachCriterionWithTiesInMailboxOrder() throws Exception {
        try (ImapClient imap = login()) {
            assertThat(imap.command("CAPABILITY").getFirst()).contains(" SORT");
            appendSortFixture(imap);
            assertThat(sort(imap, "SORT (ARRIVAL) UTF-8 ALL")).isEqualTo("* SORT 2 4 3 5 1");
            assertThat(sort(imap, "SORT (REVERSE ARRIVAL) UTF-8 ALL")).isEqualTo("* SORT 1 5 3 4 2");
            assertThat(sort(imap, "SORT (CC) UTF-8 ALL")).isEqualTo("* SORT 2 3 4 5 1");
            assertThat(sort(imap, "SORT (DATE) UTF-8 ALL")).isEqualTo("* SORT 5 2 1 4 3");
            assertThat(sort(imap, "SORT (FROM) UTF-8 ALL")).isEqualTo("* SORT 3 4 2 5 1");
            assertThat(sort(imap, "SORT (REVERSE FROM) UTF-8 ALL")).isEqualTo("* SORT 1 5 2 3 4");
            assertThat(sort(imap, "SORT (SIZE) UTF-8 ALL")).isEqualTo("* SORT 2 5 3 4 1");
            assertThat(sort(imap, "SORT (SUBJECT) UTF-8 ALL")).isEqualTo("* SORT 2 4 1 3 5");
            assertThat(sort(imap, "SORT (TO) UTF-8 ALL")).isEqualTo("* SORT 5 4 1 2 3");
            assertThat(sort(imap, "SORT (SUBJECT REVERSE DATE) UTF-8 ALL")).isEqualTo("* SORT 4 2 1 3 5");
            assertThat(sort(imap, "SORT (FROM REVERSE SIZE) UTF-8 ALL")).isEqualTo("* SORT 4 3 2 5 1");
            assertThat(sort(imap, "sort (reverse cc subject) us-ascii all")).isEqualTo("* SORT 1 2 4 3 5");
        }
    }

    @Test
    void uidSortShouldAnswerUidsAndSortOnlyWhatTheSearchKeysSelect() throws Exception {
        try (ImapClient imap = login()) {
            appendSortFixture(imap);
            assertThat(sort(imap, "UID SORT (SUBJECT) UTF-8 ALL")).isEqualTo("* SORT 3 5 2 4 6");
            assertThat(sort(imap, "UID SORT (ARRIVAL) US-ASCII NOT FROM zed")).isEqualTo("* SORT 3 5 4 6");
            assertThat(sort(imap, "SORT (DATE) UTF-8 SUBJECT apple")).isEqualTo("* SORT 2 4");
            assertThat(sort(imap, "SORT (REVERSE SIZE) UTF-8 2:4")).isEqualTo("* SORT 4 3 2");
            assertThat(sort(imap, "UID SORT (REVERSE SIZE) UTF-8 UID 3:5 UNDELETED")).isEqualTo("* SORT 5 4 3");
            assertThat(sort(imap, "SORT (DATE) UTF-8 SUBJECT \"nothing like it\"")).isEqualTo("* SORT");
            assertThat(sort(imap, "SORT (ARRIVAL) UTF-8 MODSEQ 1")).matches("\\* SORT 2 4 3 5 1 \\(MODSEQ \\d+\\)");
        }
    }

    @Test
    void sortShouldRefuseOtherCharsetsAndAnswerMalformedSortsBad() throws Exception {
        try (ImapClient imap = login()) {
            assertThat(imap.command("SORT (DATE) UTF-8 ALL")).containsExactly(imap.lastTag() + " NO SORT failed. Command not valid in this state.");
            appendSortFixture(imap);
            for (String charset : List.of("ISO-8859-1", "X-NO-SUCH-CHARSET", "\"\"")) {
                assertThat(imap.command("SORT (DATE) " + charset + " ALL"))
                        .containsExactly(imap.lastTag() + " NO [BADCHARSET (US-ASCII UTF-8)] SORT failed. Only US-ASCII and UTF-8 are supported.");
            }
            for (String malformed : List.of("SORT DATE UTF-8 ALL", "SORT () UTF-8 ALL", "SORT (REVERSE) UTF-8 ALL", "SORT (DATE BOGUS) UTF-8 ALL",
                    "SORT (REVERSE REVERSE DATE) UTF-8 ALL", "SORT (DATE)UTF-8 ALL", "SORT (DATE) UTF-8", "SORT (DATE) UTF-8 FROBNICATE",
                    "SORT (DATE) UTF-8 ALL)", "SORT (DATE) UTF-8 CHARSET UTF-8 ALL", "SORT (DATE)", "SORT", "UID SORT (DATE UTF-8 ALL")) {
                assertThat(imap.command(malformed)).as(malformed).singleElement().asString().startsWith(imap.lastTag() + " BAD");
            }
            assertThat(sort(imap, "SORT (DATE) UTF-8 ALL")).isEqualTo("* SORT 5 2 1 4 3");
        }
    }

    @Test
    void angusShouldGetSortedMessagesThroughSort() throws Exception {
        try (ImapClient imap = login()) {
            appendSortFixture(imap);
        }
        Store store = connect();
        try {
            IMAPFolder inbox = (IMAPFolder) store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            assertThat(inbox.getSortedMessages(new SortTerm[] {SortTerm.REVERSE, SortTerm.DATE})).extracting(Message::getSubject)
                    .containsExactly("Fwd: cherry", "apple (fwd)", "Re: Banana", "[list] Apple", "[Fwd: date]");
            assertThat(inbox.getSortedMessages(new SortTerm[] {SortTerm.SUBJECT}, new FromStringTerm("alice"))).extracting(Message::getSubject)
                    .containsExactly("apple (fwd)", "Fwd: cherry");
        } finally {
            store.close();
        }
    }

    private ImapClient login() throws Exception {
        return login(user);
    }

    private ImapClient login(String account) throws Exception {
        ImapClient imap = ImapClient.tls(implicitTls);
        imap.line();
        assertThat(imap.command("LOGIN " + account + " " + PASSWORD).getLast()).contains("OK");
        return imap;
    }

    private String createAccount(String local, long quota) throws Exception {
        String address = local + "@" + domain;
        assertThat(client.api("POST", "/api/v1/accounts", TestServiceClient.account(address, PASSWORD, quota)).statusCode()).isEqualTo(201);
        return address;
    }

    private void deliver(byte[] message) throws Exception {
        assertThat(client.deliver(user, "QI" + UUID.randomUUID().toString().substring(0, 12), message).statusCode()).isEqualTo(201);
    }

    /**
     * Five messages for SORT, each first or last by some key, after one expunged message (so UIDs are
     * sequence numbers + 1); the session is left with INBOX selected. Expected orders, by sequence number:
     * ARRIVAL 2 4 3 5 1 (INTERNALDATE), DATE 5 2 1 4 3 (UTC; 3 has no Date and 4 a broken one: their
     * INTERNALDATE counts), FROM 3 4 2 5 1 (addr-mailbox, any case), TO 5 4 1 2 3 (none, then a group by
     * its name), CC 2 3 4 5 1, SUBJECT 2 4 1 3 5 (base subjects APPLE APPLE BANANA CHERRY DATE), SIZE 2 5 3 4 1.
     */
    private static void appendSortFixture(ImapClient imap) throws Exception {
        append(imap, "01-Jan-2024 00:00:00 +0000", "Subject: expunged\r\n", 0);
        append(imap, "05-Jan-2024 00:00:00 +0000", "Date: Mon, 1 Jan 2024 12:00:00 +0100\r\nFrom: Zed <zed@example.org>\r\n"
                + "To: bob@example.org\r\nCc: carol@example.org\r\nSubject: Re: Banana\r\n", 5000);
        append(imap, "01-Jan-2024 00:00:00 +0000", "Date: Mon, 1 Jan 2024 10:30:00 +0000\r\nFrom: Bob <bob@example.org>\r\n"
                + "To: Dave <dave@example.org>\r\nSubject: [list] Apple\r\n", 1000);
        append(imap, "03-Jan-2024 00:00:00 +0000", "From: Alice@example.org\r\nTo: Team: a@example.org, b@example.org;\r\n"
                + "Subject: Fwd: cherry\r\n", 3000);
        append(imap, "02-Jan-2024 00:00:00 +0000", "Date: not a date\r\nFrom: alice@example.net\r\nTo: alice@example.org\r\n"
                + "Subject: apple (fwd)\r\n", 4000);
        append(imap, "04-Jan-2024 00:00:00 +0000", "Date: Sun, 31 Dec 2023 23:00:00 -0500\r\n"
                + "From: =?UTF-8?Q?M=C3=BCller?= <mike@example.org>\r\nSubject: [Fwd: date]\r\n", 2000);
        assertThat(imap.command("SELECT INBOX")).contains("* 6 EXISTS");
        imap.command("STORE 1 +FLAGS.SILENT (\\Deleted)");
        assertThat(imap.command("EXPUNGE")).contains("* 1 EXPUNGE");
    }

    private static void append(ImapClient imap, String internalDate, String header, int bodySize) throws Exception {
        String message = header + "\r\n" + "x".repeat(bodySize) + "\r\n";
        imap.send(imap.nextTag() + " APPEND INBOX \"" + internalDate + "\" {" + message.length() + "+}\r\n" + message + "\r\n");
        assertThat(imap.untilTagged(imap.lastTag())).last().asString().contains("OK");
    }

    /** The one {@code * SORT} line of a SORT that completed OK. */
    private static String sort(ImapClient imap, String command) throws Exception {
        List<String> lines = imap.command(command);
        assertThat(lines).as(command).last().asString().startsWith(imap.lastTag() + " OK");
        List<String> sorted = lines.stream().filter(line -> line.startsWith("* SORT")).toList();
        assertThat(sorted).as(command).hasSize(1);
        return sorted.getFirst();
    }

    private Store connect() throws Exception {
        Properties props = new Properties();
        props.put("mail.imap.host", "127.0.0.1");
        props.put("mail.imap.port", Integer.toString(starttls));
        props.put("mail.imap.starttls.enable", "true");
        props.put("mail.imap.starttls.required", "true");
        props.put("mail.imap.ssl.trust", "*");
        props.put("mail.imap.ssl.checkserveridentity", "false");
        IMAPStore store = (IMAPStore) Session.getInstance(props).getStore("imap");
        store.connect(user, PASSWORD);
        return store;
    }

    private Store popStore() throws Exception {
        Properties props = new Properties();
        props.put("mail.pop3s.host", "127.0.0.1");
        props.put("mail.pop3s.port", Integer.toString(popsPort()));
        props.put("mail.pop3s.ssl.trust", "*");
        props.put("mail.pop3s.ssl.checkserveridentity", "false");
        Store store = Session.getInstance(props).getStore("pop3s");
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (true) {
            try {
                store.connect(user, PASSWORD);
                return store;
            } catch (jakarta.mail.AuthenticationFailedException inUse) {
                assertThat(System.nanoTime()).as("POP3 maildrop still locked").isLessThan(deadline);
                Thread.onSpinWait();
            }
        }
    }

    @Autowired
    org.springframework.context.ApplicationContext context;

    private int popsPort() throws Exception {
        Object pop3 = context.getBean(Class.forName("dev.kuvert.mailbox.pop3.Pop3Server"));
        var ports = pop3.getClass().getDeclaredMethod("boundPorts");
        ports.setAccessible(true);
        return ((List<Integer>) ports.invoke(pop3)).get(1);
    }

    private MimeMessage mime(String subject, String text) throws Exception {
        String raw = "From: " + user + "\r\nTo: someone@example.org\r\nSubject: " + subject + "\r\nMessage-ID: <" + UUID.randomUUID()
                + "@kuvert.test>\r\n\r\n" + text + "\r\n";
        return new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw.getBytes(StandardCharsets.US_ASCII)));
    }

    /** Waits until the IDLE command is on the wire (Angus has no callback for it). */
    private static void awaitIdling(IMAPFolder folder) throws Exception {
        var field = IMAPFolder.class.getDeclaredField("idleState");
        field.setAccessible(true);
        await().atMost(Duration.ofSeconds(5)).until(() -> field.getInt(folder) != 0);
    }

    private static String plain(String user, String password) {
        return java.util.Base64.getEncoder().encodeToString(("\0" + user + "\0" + password).getBytes(StandardCharsets.UTF_8));
    }
}
