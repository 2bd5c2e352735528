package dev.kuvert.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.kuvert.contracts.KuvertPort;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Several IMAPS sessions APPEND messages with unique Message-IDs while mailbox-service is killed with
 * SIGKILL and restarted by the launcher. Afterwards every APPEND that got OK is in the INBOX exactly
 * once, and every message there is complete: it FETCHes, parses, and its bytes are the bytes appended.
 * An APPEND that got no answer (the kill) may be there or not, but never twice and never cut short.
 */
class ImapCrashIT {
    private static final int SESSIONS = 6;
    private static final int BEFORE_KILL = 120;
    private static final int AFTER_RESTART = 60;
    private static final String PASSWORD = "imap-Crash-Passw0rd-1";

    @Test
    void everyAppendThatGotOkShouldSurviveAKillAndNoHalfWrittenMessageShouldBeVisible() throws Exception {
        Platform platform = Platform.shared();
        MailClients clients = new MailClients(platform);
        String domain = "crash-" + UUID.randomUUID().toString().substring(0, 8) + ".test";
        String user = "crash@" + domain;
        clients.api("POST", "/api/v1/domains", "{\"name\":\"" + domain + "\"}");
        clients.api("POST", "/api/v1/accounts", "{\"address\":\"" + user + "\",\"password\":\"" + PASSWORD + "\",\"quotaBytes\":0}");

        Map<String, byte[]> attempted = new ConcurrentHashMap<>();
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        AtomicInteger failed = new AtomicInteger();
        AtomicInteger okAfterRestart = new AtomicInteger();
        AtomicBoolean restarted = new AtomicBoolean();
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(SESSIONS);
        List<Future<?>> sessions = new ArrayList<>();
        for (int s = 0; s < SESSIONS; s++) {
            int sessionNo = s;
            sessions.add(pool.submit(() -> {
                Session session = Session.getInstance(imapsProperties(platform));
                Store store = null;
                Folder inbox = null;
                int n = 0;
                while (!stop.get()) {
                    try {
                        if (store == null || !store.isConnected() || inbox == null || !inbox.isOpen()) {
                            closeQuietly(store);
                            store = session.getStore("imaps");
                            store.connect(user, PASSWORD);
                            inbox = store.getFolder("INBOX");
                            inbox.open(Folder.READ_WRITE);
                        }
                    } catch (MessagingException e) {
                        closeQuietly(store);
                        store = null;
                        Thread.sleep(250); // mailbox-service is down or still starting
                        continue;
                    }
                    String id = UUID.randomUUID() + "@crash.example";
                    byte[] raw = message(user, id, sessionNo, n++);
                    attempted.put(id, raw);
                    try {
                        inbox.appendMessages(new Message[] {new MimeMessage(session, new ByteArrayInputStream(raw))});
                        acknowledged.add(id);
                        if (restarted.get()) {
                            okAfterRestart.incrementAndGet();
                        }
                    } catch (MessagingException | IllegalStateException e) {
                        failed.incrementAndGet();
                        closeQuietly(store);
                        store = null;
                    }
                }
                closeQuietly(store);
                return null;
            }));
        }

        await().atMost(Duration.ofMinutes(3)).until(() -> acknowledged.size() >= BEFORE_KILL);
        long pid = platform.pidOf("mailbox-service").orElseThrow();
        int inFlightAtKill = attempted.size() - acknowledged.size() - failed.get();
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500))
                .until(() -> platform.pidOf("mailbox-service").filter(p -> p != pid).isPresent() && platform.isReady("mailbox-service"));
        restarted.set(true);
        await().atMost(Duration.ofMinutes(3)).until(() -> okAfterRestart.get() >= AFTER_RESTART);
        stop.set(true);
        for (Future<?> session : sessions) {
            session.get();
        }
        pool.shutdown();

        Map<String, List<byte[]>> stored = inbox(platform, user);
        System.out.printf("ImapCrashIT: %d APPENDs sent, %d got OK, %d failed (kill, reconnect), %d in flight at the kill, %d stored%n",
                attempted.size(), acknowledged.size(), failed.get(), inFlightAtKill, stored.values().stream().mapToInt(List::size).sum());

        assertThat(failed.get()).as("the kill interrupted some APPENDs").isPositive();
        assertThat(stored.keySet()).as("nothing but what was appended").isSubsetOf(attempted.keySet());
        assertThat(stored.keySet()).as("every APPEND that got OK").containsAll(acknowledged);
        assertThat(stored).allSatisfy((id, copies) -> {
            assertThat(copies).as("copies of %s", id).hasSize(1);
            assertThat(new String(copies.getFirst(), StandardCharsets.UTF_8)).as("bytes of %s", id)
                    .isEqualTo(new String(attempted.get(id), StandardCharsets.UTF_8));
        });
    }

    /** A ~40 KB message: big enough for a kill to land in the middle of its literal. */
    private static byte[] message(String to, String id, int session, int n) {
        StringBuilder body = new StringBuilder();
        for (int line = 0; line < 500; line++) {
            body.append(String.format("%05d %s session %d message %d 0123456789abcdefghijklmnopqrstuvwxyz%n", line, id, session, n)
                    .replace("\n", "\r\n"));
        }
        body.append("end of ").append(id).append("\r\n");
        return MailClients.message("crash@crash.example", to, "crash " + session + "/" + n, id, body.toString());
    }

    /**
     * Every message of the INBOX by Message-ID, as the raw bytes of a full FETCH; each is also parsed
     * through the server's structure (BODYSTRUCTURE, ENVELOPE and the text part) and on its own.
     */
    private static Map<String, List<byte[]>> inbox(Platform platform, String user) throws Exception {
        Session session = Session.getInstance(imapsProperties(platform));
        Store store = session.getStore("imaps");
        store.connect(user, PASSWORD);
        try {
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            Map<String, List<byte[]>> byId = new HashMap<>();
            for (Message message : inbox.getMessages()) {
                ByteArrayOutputStream raw = new ByteArrayOutputStream();
                message.writeTo(raw);
                assertThat(message.getSubject()).startsWith("crash ");
                Object content = message.getContent();
                assertThat(content).isNotInstanceOf(Multipart.class);
                assertThat((String) content).contains("end of ");
                MimeMessage parsed = new MimeMessage(session, new ByteArrayInputStream(raw.toByteArray()));
                String id = parsed.getMessageID().replaceAll("[<>]", "").strip();
                assertThat((String) parsed.getContent()).endsWith("end of " + id + "\r\n");
                byId.computeIfAbsent(id, k -> new ArrayList<>()).add(raw.toByteArray());
            }
            inbox.close(false);
            return byId;
        } finally {
            store.close();
        }
    }

    private static Properties imapsProperties(Platform platform) {
        Properties props = new Properties();
        props.put("mail.imaps.host", "127.0.0.1");
        props.put("mail.imaps.port", Integer.toString(platform.port(KuvertPort.IMAPS)));
        props.put("mail.imaps.ssl.trust", "*");
        props.put("mail.imaps.ssl.checkserveridentity", "false");
        props.put("mail.imaps.connectiontimeout", "5000");
        props.put("mail.imaps.timeout", "30000");
        return props;
    }

    private static void closeQuietly(Store store) {
        if (store != null) {
            try {
                store.close();
            } catch (Exception ignored) {
                // the connection is gone either way
            }
        }
    }
}
