package dev.kuvert.mailbox.imap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kuvert.mailbox.MailboxDatabase;
import dev.kuvert.mailbox.TestServiceClient;
import dev.kuvert.mailbox.directory.Directory;
import dev.kuvert.mailbox.store.Folders;
import dev.kuvert.support.PlatformSecret;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Large mailboxes: SELECT and SORT of 10,000 messages and FETCH throughput of 8 sessions over 4,000,
 * timed and printed ({@code IMAP-SCALE ...} lines). The rows are inserted in bulk and share one delivered body.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ImapScaleIT {
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
    Directory directory;

    @Autowired
    Folders folders;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    JdbcTemplate template;

    @Test
    void selectOfTenThousandMessagesAndFetchThroughput() throws Exception {
        String user = account();
        long inbox = folders.find(directory.account(user).orElseThrow().id(), Folders.INBOX).orElseThrow().id();
        fill(inbox, 10_000);
        int tls = server.boundPorts().get(1);
        try (ImapClient imap = login(tls, user)) {
            long start = System.nanoTime();
            List<String> select = imap.command("SELECT INBOX");
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertThat(select).contains("* 10000 EXISTS");
            System.out.println("IMAP-SCALE SELECT of 10000 messages: " + took.toMillis() + " ms");
            start = System.nanoTime();
            List<String> flags = imap.command("UID FETCH 1:* (UID FLAGS)");
            assertThat(flags).hasSize(10_001);
            System.out.println("IMAP-SCALE UID FETCH 1:* (UID FLAGS) of 10000: " + Duration.ofNanos(System.nanoTime() - start).toMillis() + " ms");
            start = System.nanoTime();
            imap.command("SELECT INBOX");
            System.out.println("IMAP-SCALE second SELECT of 10000 messages: " + Duration.ofNanos(System.nanoTime() - start).toMillis() + " ms");
            // SEARCH for comparison: SORT runs the same search first; SUBJECT and DATE read every header section
            for (String search : List.of("UID SEARCH ALL", "UID SORT (REVERSE ARRIVAL) UTF-8 ALL", "UID SORT (SUBJECT REVERSE DATE) UTF-8 ALL")) {
                start = System.nanoTime();
                List<String> found = imap.command(search);
                took = Duration.ofNanos(System.nanoTime() - start);
                assertThat(found.getLast()).contains("OK");
                assertThat(found.getFirst().split(" ")).hasSize(2 + 10_000);
                System.out.println("IMAP-SCALE " + search + " of 10000: " + took.toMillis() + " ms");
            }
        }

        String reader = account();
        long readerInbox = folders.find(directory.account(reader).orElseThrow().id(), Folders.INBOX).orElseThrow().id();
        long size = fill(readerInbox, 4_000);
        ExecutorService sessions = Executors.newFixedThreadPool(8);
        try {
            long start = System.nanoTime();
            List<Future<Integer>> done = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                done.add(sessions.submit(() -> {
                    try (ImapClient imap = login(tls, reader)) {
                        imap.command("EXAMINE INBOX");
                        return (int) imap.command("UID FETCH 1:* BODY.PEEK[]").stream().filter(l -> l.startsWith("* ")).count();
                    }
                }));
            }
            int messages = 0;
            for (Future<Integer> f : done) {
                messages += f.get();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            assertThat(messages).isEqualTo(32_000);
            System.out.printf("IMAP-SCALE FETCH BODY[] 8 sessions x 4000 messages of %d bytes: %.1f s, %.0f messages/s, %.1f MiB/s%n", size,
                    seconds, messages / seconds, messages * size / seconds / (1 << 20));
        } finally {
            sessions.shutdownNow();
        }
    }

    private ImapClient login(int port, String user) throws Exception {
        ImapClient imap = ImapClient.tls(port);
        imap.line();
        assertThat(imap.command("LOGIN " + user + " " + ImapIT.PASSWORD).getLast()).contains("OK");
        return imap;
    }

    private String account() throws Exception {
        TestServiceClient client = new TestServiceClient(port, secret.serviceCredential());
        String domain = "scale" + UUID.randomUUID().toString().substring(0, 8) + ".test";
        client.api("POST", "/api/v1/domains", "{\"name\":\"" + domain + "\"}");
        String user = "sam@" + domain;
        assertThat(client.api("POST", "/api/v1/accounts", TestServiceClient.account(user, ImapIT.PASSWORD, 0)).statusCode()).isEqualTo(201);
        StringBuilder body = new StringBuilder("From: a@example.org\r\nTo: " + user + "\r\nSubject: a typical message\r\n\r\n");
        while (body.length() < 4000) {
            body.append("Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor.\r\n");
        }
        assertThat(client.deliver(user, "QS" + UUID.randomUUID().toString().substring(0, 12), body.toString().getBytes(StandardCharsets.US_ASCII))
                .statusCode()).isEqualTo(201);
        return user;
    }

    /** Copies the folder's one delivered message row until there are {@code count}; returns the message size. */
    private long fill(long folderId, int count) {
        var first = jdbc.sql("SELECT blob_id, size FROM messages WHERE folder_id = ? AND uid = 1").param(folderId)
                .query((rs, n) -> new Object[] {rs.getString(1), rs.getLong(2)}).single();
        List<Object[]> rows = new ArrayList<>();
        Timestamp now = Timestamp.from(Instant.now());
        for (int uid = 2; uid <= count; uid++) {
            rows.add(new Object[] {folderId, uid, uid, first[0], first[1], now, uid % 3 == 0 ? 1 : 0, UUID.randomUUID().toString()});
        }
        template.batchUpdate("INSERT INTO messages (folder_id, uid, modseq, blob_id, size, internal_date, flags, message_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                rows);
        jdbc.sql("UPDATE folders SET uid_next = ?, highest_modseq = ? WHERE id = ?").params(count + 1, count, folderId).update();
        return (Long) first[1];
    }
}
