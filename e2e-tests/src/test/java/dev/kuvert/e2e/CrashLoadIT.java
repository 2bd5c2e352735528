package dev.kuvert.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.kuvert.e2e.MailClients.Listener;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.Transport;
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
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * 1,000 messages over 20 SMTP sessions while mailbox-service and then delivery-service are killed
 * with SIGKILL: every message accepted with 250 must end up in the mailbox exactly once.
 */
class CrashLoadIT {
    private static final int SESSIONS = 20;
    private static final int MESSAGES_PER_SESSION = 50;
    private static final String PASSWORD = "load-Passw0rd-1";

    @Test
    void everyAcceptedMessageShouldBeDeliveredExactlyOnceDespiteKills() throws Exception {
        Platform platform = Platform.shared();
        MailClients clients = new MailClients(platform);
        String domain = "load-" + UUID.randomUUID().toString().substring(0, 8) + ".test";
        String user = "load@" + domain;
        clients.api("POST", "/api/v1/domains", "{\"name\":\"" + domain + "\"}");
        clients.api("POST", "/api/v1/accounts", "{\"address\":\"" + user + "\",\"password\":\"" + PASSWORD + "\",\"quotaBytes\":0}");

        Set<String> accepted = ConcurrentHashMap.newKeySet();
        AtomicInteger refused = new AtomicInteger();
        AtomicInteger attempts = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(SESSIONS);
        List<Future<?>> sessions = new ArrayList<>();
        for (int s = 0; s < SESSIONS; s++) {
            sessions.add(pool.submit(() -> {
                Session session = clients.smtpSession(Listener.MX, null, null);
                Transport transport = null;
                try {
                    for (int m = 0; m < MESSAGES_PER_SESSION; m++) {
                        String id = UUID.randomUUID() + "@load.example";
                        byte[] raw = MailClients.message("load@load.example", user, "load " + m, id, "message " + m + "\r\n");
                        attempts.incrementAndGet();
                        try {
                            if (transport == null || !transport.isConnected()) {
                                closeQuietly(transport);
                                transport = session.getTransport("smtp");
                                clients.connect(session, transport);
                            }
                            if (clients.send(transport, session, "load@load.example", List.of(user), raw).accepted()) {
                                accepted.add(id);
                            } else {
                                refused.incrementAndGet();
                            }
                        } catch (Exception e) {
                            refused.incrementAndGet();
                            closeQuietly(transport);
                            transport = null;
                        }
                    }
                } finally {
                    closeQuietly(transport);
                }
                return null;
            }));
        }

        await().atMost(Duration.ofMinutes(5)).until(() -> attempts.get() >= 200);
        kill(platform, "mailbox-service");
        await().atMost(Duration.ofMinutes(5)).until(() -> attempts.get() >= 500);
        kill(platform, "delivery-service");
        for (Future<?> session : sessions) {
            session.get();
        }
        pool.shutdown();

        await().atMost(Duration.ofMinutes(3)).until(() -> platform.isReady("mailbox-service") && platform.isReady("delivery-service"));
        System.out.printf("CrashLoadIT: %d accepted, %d refused (451 or dropped while a service was down)%n", accepted.size(), refused.get());
        // how many land in the windows where a service is down depends on the machine; enough must get through
        assertThat(accepted).hasSizeGreaterThan(SESSIONS * MESSAGES_PER_SESSION / 10);

        Map<String, Integer>[] seen = new Map[1];
        await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofSeconds(2)).ignoreExceptions().until(() -> {
            seen[0] = messageIdCounts(platform, user);
            return seen[0].keySet().containsAll(accepted);
        });
        assertThat(seen[0].entrySet()).allSatisfy(e -> assertThat(e.getValue()).as("copies of " + e.getKey()).isEqualTo(1));
    }

    private static void closeQuietly(Transport transport) {
        if (transport != null) {
            try {
                transport.close();
            } catch (Exception ignored) {
                // the connection is gone either way
            }
        }
    }

    private static void kill(Platform platform, String service) {
        long pid = platform.pidOf(service).orElseThrow();
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
    }

    /** How many times each Message-ID is in the INBOX, from the headers (POP3 TOP). */
    private static Map<String, Integer> messageIdCounts(Platform platform, String user) throws Exception {
        Properties props = new Properties();
        props.put("mail.pop3.host", "127.0.0.1");
        props.put("mail.pop3.port", Integer.toString(platform.port(dev.kuvert.contracts.KuvertPort.POP3S)));
        props.put("mail.pop3.ssl.enable", "true");
        props.put("mail.pop3.ssl.trust", "*");
        props.put("mail.pop3.ssl.checkserveridentity", "false");
        Store store = Session.getInstance(props).getStore("pop3");
        store.connect(user, PASSWORD);
        try {
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            Map<String, Integer> counts = new HashMap<>();
            for (Message message : inbox.getMessages()) {
                String[] ids = message.getHeader("Message-ID");
                String id = ids == null ? "?" : ids[0].replaceAll("[<>]", "").strip();
                counts.merge(id, 1, Integer::sum);
            }
            inbox.close(false);
            return counts;
        } finally {
            store.close();
        }
    }
}
