package dev.kuvert.delivery.transport.smtp;

import dev.kuvert.delivery.DeliveryProperties;
import dev.kuvert.delivery.dns.MxResolver;
import dev.kuvert.delivery.dns.MxResolver.HostAddresses;
import dev.kuvert.delivery.dns.MxResolver.MailRoute;
import dev.kuvert.delivery.spool.BlobStore;
import dev.kuvert.delivery.transport.Delivery;
import dev.kuvert.delivery.transport.Outcome;
import dev.kuvert.delivery.transport.Transport;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SMTP transport (Postfix's smtp(8)): finds the next hop of a recipient's domain (the smarthost for
 * the sender, else MX hosts by preference or the implicit MX), talks SMTP to it with opportunistic STARTTLS
 * (TLS 1.2 or later; in clear only when the peer offers no STARTTLS), PIPELINING when offered, SIZE
 * and 8BITMIME, and answers one {@link Outcome} per recipient: 2xx delivered, 4xx (and every failure
 * to reach a host) deferred, 5xx failed.
 *
 * <p>Recipients of one message at one domain that are delivered at the same time share one SMTP
 * transaction: the first becomes the leader and takes everyone who joins until it sends MAIL FROM
 * (as a group commit: no timer). Connections stay open for a few seconds after a transaction for the
 * next message to the same destination, and at most {@code destinationConcurrency} are open at once
 * to one destination (a domain's mail exchangers, or one smarthost with one set of credentials).
 */
public final class SmtpTransport implements Transport {
    private static final Logger log = LoggerFactory.getLogger(SmtpTransport.class);

    private final String myHostname;
    private final MxResolver dns;
    private final BlobStore blobs;
    private final MessageSigner signer;
    private final Smarthosts smarthosts;
    private final DeliveryProperties.Timeouts timeouts;
    private final int mxPort;
    private final int concurrency;
    private final long idleNanos;
    private final SSLContext opportunistic;
    private final SSLContext verifying;
    private final Map<String, Batch> forming = new HashMap<>();
    private final Map<String, Semaphore> limits = new ConcurrentHashMap<>();
    private final Map<String, Deque<SmtpSession>> idle = new ConcurrentHashMap<>();
    private final java.util.concurrent.ScheduledExecutorService janitor;

    public SmtpTransport(String myHostname, MxResolver dns, BlobStore blobs, MessageSigner signer, Smarthosts smarthosts,
            DeliveryProperties.Outbound outbound) {
        this.myHostname = myHostname;
        this.dns = dns;
        this.blobs = blobs;
        this.signer = signer;
        this.smarthosts = smarthosts;
        this.timeouts = outbound.timeouts();
        this.mxPort = outbound.mxPort();
        this.concurrency = Math.max(1, outbound.destinationConcurrency());
        this.idleNanos = outbound.connectionIdle().toNanos();
        this.opportunistic = TlsContexts.opportunistic();
        this.verifying = TlsContexts.verifying();
        this.janitor = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("smtp-idle-connections").daemon().factory());
        janitor.scheduleWithFixedDelay(this::closeIdle, 1, 1, java.util.concurrent.TimeUnit.SECONDS);
    }

    // ---------------------------------------------------------------- coalescing

    /** Recipients of one message for one destination gathered into one transaction. */
    private static final class Batch {
        final List<Delivery> deliveries = new ArrayList<>();
        final Map<Delivery, CompletableFuture<Outcome>> results = new HashMap<>();
        boolean open = true;
    }

    @Override
    public Outcome deliver(Delivery delivery) {
        String key = delivery.queueId() + " " + domainOf(delivery.recipient());
        Batch batch;
        CompletableFuture<Outcome> mine = new CompletableFuture<>();
        boolean leader;
        synchronized (forming) {
            batch = forming.get(key);
            leader = batch == null || !batch.open;
            if (leader) {
                batch = new Batch();
                forming.put(key, batch);
            }
            batch.deliveries.add(delivery);
            batch.results.put(delivery, mine);
        }
        if (!leader) {
            return mine.join();
        }
        Batch own = batch;
        Map<Delivery, Outcome> outcomes = Map.of();
        try {
            outcomes = deliverAll(domainOf(delivery.recipient()), delivery, () -> close(key, own));
        } catch (RuntimeException e) {
            log.error("{}: SMTP delivery failed unexpectedly", delivery.queueId(), e);
        } finally {
            // whatever happened, nobody who joined waits for ever
            close(key, own);
            for (Map.Entry<Delivery, CompletableFuture<Outcome>> e : own.results.entrySet()) {
                e.getValue().complete(outcomes.getOrDefault(e.getKey(), Outcome.deferred("451 4.3.0 internal error")));
            }
        }
        return mine.join();
    }

    private List<Delivery> close(String key, Batch batch) {
        synchronized (forming) {
            batch.open = false;
            forming.remove(key, batch);
            return List.copyOf(batch.deliveries);
        }
    }

    /** Source of the recipients: asked once, right before MAIL FROM; later recipients start a transaction of their own. */
    interface Recipients {
        List<Delivery> close();
    }

    /** Delivers a fixed set of recipients of one message at one domain in one transaction. */
    public Map<Delivery, Outcome> deliverAll(List<Delivery> deliveries) {
        return deliverAll(domainOf(deliveries.getFirst().recipient()), deliveries.getFirst(), () -> deliveries);
    }

    // ---------------------------------------------------------------- one transaction

    private Map<Delivery, Outcome> deliverAll(String domain, Delivery first, Recipients recipients) {
        byte[] signature;
        try {
            String header = signer.signatureHeader(first);
            signature = header == null ? new byte[0] : header.getBytes(StandardCharsets.ISO_8859_1);
        } catch (RuntimeException e) {
            log.warn("{}: cannot sign the message now: {}", first.queueId(), e.toString());
            return all(recipients.close(), Outcome.deferred("451 4.3.0 the message cannot be signed now"));
        }
        Optional<Smarthost> smarthost;
        try {
            smarthost = smarthosts.forSender(first.sender());
        } catch (RuntimeException e) {
            log.warn("{}: the relay for <{}> is not known now: {}", first.queueId(), first.sender(), e.toString());
            return all(recipients.close(), Outcome.deferred("451 4.3.0 the directory cannot tell the sender's relay now"));
        }
        NextHop hop;
        if (smarthost.isPresent()) {
            Smarthost relay = smarthost.get();
            hop = new NextHop(relay.key(), List.of(relay.host()), relay.port(), relay);
        } else {
            MailRoute route = dns.route(domain);
            switch (route) {
                case MailRoute.TemporaryFailure t -> {
                    return all(recipients.close(), Outcome.deferred("451 4.4.3 " + t.reason()));
                }
                case MailRoute.NoSuchDomain n -> {
                    return all(recipients.close(), Outcome.failed("550 5.1.2 " + n.reason()));
                }
                case MailRoute.NullMx n -> {
                    return all(recipients.close(), Outcome.failed("556 5.1.10 the domain " + domain + " accepts no mail (null MX)"));
                }
                case MailRoute.Exchangers x -> hop = new NextHop(domain, x.hosts(), mxPort, null);
            }
        }
        Semaphore limit = limits.computeIfAbsent(hop.key(), k -> new Semaphore(concurrency, true));
        try {
            limit.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return all(recipients.close(), Outcome.deferred("451 4.3.0 delivery interrupted"));
        }
        try {
            return transaction(hop, recipients, signature);
        } finally {
            limit.release();
        }
    }

    private Map<Delivery, Outcome> transaction(NextHop hop, Recipients recipients, byte[] signature) {
        Failure last = null;
        SmtpSession session = reuse(hop.key());
        if (session == null) {
            for (String host : hop.hosts()) {
                List<InetAddress> addresses;
                if (hop.smarthost() != null) {
                    try {
                        addresses = List.of(InetAddress.getAllByName(host));
                    } catch (UnknownHostException e) {
                        last = new Failure(false, "451 4.4.3 cannot find the address of the relay " + host, null, null);
                        continue;
                    }
                } else {
                    HostAddresses found = dns.addresses(host);
                    if (found instanceof HostAddresses.TemporaryFailure t) {
                        last = new Failure(false, "451 4.4.3 " + t.reason(), null, null);
                        continue;
                    }
                    addresses = ((HostAddresses.Found) found).addresses();
                    if (addresses.isEmpty()) {
                        last = new Failure(false, "451 4.4.4 the mail exchanger " + host + " has no address", null, null);
                        continue;
                    }
                }
                for (InetAddress address : addresses) {
                    Opened opened = open(hop, host, new InetSocketAddress(address, hop.port()));
                    if (opened.session() != null) {
                        session = opened.session();
                        break;
                    }
                    last = opened.failure();
                    if (last.permanent() && last.remote() != null) {
                        // the server itself refused us for good (5xx greeting or EHLO): not worth its other addresses
                        break;
                    }
                }
                if (session != null) {
                    break;
                }
            }
        }
        List<Delivery> deliveries = recipients.close();
        if (session == null) {
            Failure f = last != null ? last : new Failure(false, "451 4.4.1 no mail exchanger could be reached", null, null);
            Outcome outcome = f.permanent()
                    ? new Outcome.Failed(f.response(), f.remote(), f.tls())
                    : new Outcome.Deferred(f.response(), f.remote(), f.tls());
            return all(deliveries, outcome);
        }
        Map<Delivery, Outcome> outcomes = send(session, deliveries, signature);
        if (session.usable()) {
            session.idleFrom(System.nanoTime());
            idle.computeIfAbsent(hop.key(), k -> new ArrayDeque<>());
            Deque<SmtpSession> queue = idle.get(hop.key());
            synchronized (queue) {
                queue.push(session);
            }
        } else {
            session.close();
        }
        return outcomes;
    }

    private record Failure(boolean permanent, String response, String remote, String tls) {}

    private record Opened(SmtpSession session, Failure failure) {}

    /** A connection left open by an earlier transaction, checked with RSET; null when none. */
    private SmtpSession reuse(String key) {
        Deque<SmtpSession> queue = idle.get(key);
        if (queue == null) {
            return null;
        }
        while (true) {
            SmtpSession candidate;
            synchronized (queue) {
                candidate = queue.poll();
            }
            if (candidate == null) {
                return null;
            }
            if (System.nanoTime() - candidate.idleSince() > idleNanos || !candidate.usable()) {
                candidate.quit();
                continue;
            }
            try {
                candidate.send("RSET");
                if (candidate.read(timeouts.mail()).code() == 250) {
                    return candidate;
                }
            } catch (IOException e) {
                log.debug("A kept connection to {} was lost: {}", candidate.remote(), e.toString());
            }
            candidate.close();
        }
    }

    /** Closes the connections that have been idle for longer than they may be. */
    public void closeIdle() {
        long now = System.nanoTime();
        for (Deque<SmtpSession> queue : idle.values()) {
            List<SmtpSession> expired = new ArrayList<>();
            synchronized (queue) {
                queue.removeIf(s -> {
                    boolean old = now - s.idleSince() > idleNanos || !s.usable();
                    if (old) {
                        expired.add(s);
                    }
                    return old;
                });
            }
            expired.forEach(SmtpSession::quit);
        }
    }

    /** Connect, greeting, EHLO, STARTTLS, EHLO again, AUTH (smarthost). */
    private Opened open(NextHop hop, String host, InetSocketAddress address) {
        String remote = host + "[" + address.getAddress().getHostAddress() + "]:" + address.getPort();
        SmtpSession session;
        Smarthost relay = hop.smarthost();
        boolean verify = relay != null && relay.verifyCertificate();
        SSLContext tls = verify ? verifying : opportunistic;
        boolean implicitTls = relay != null && relay.tls() == Smarthost.Tls.IMPLICIT;
        try {
            session = SmtpSession.connect(host, address, timeouts.connect(), implicitTls ? tls : null, verify);
        } catch (SSLException e) {
            return new Opened(null, new Failure(false, "451 4.7.5 TLS with " + remote + " failed: " + e.getMessage(), remote, null));
        } catch (IOException e) {
            return new Opened(null, new Failure(false, "451 4.4.1 cannot connect to " + remote + ": " + reason(e), remote, null));
        }
        try {
            SmtpReply greeting = session.read(timeouts.greeting());
            if (greeting.code() != 220) {
                session.quit();
                return new Opened(null, failure(greeting, "the greeting", session));
            }
            SmtpReply ehlo = session.ehlo(myHostname, timeouts.mail());
            if (ehlo.code() != 250) {
                session.quit();
                return new Opened(null, failure(ehlo, "EHLO", session));
            }
            boolean requireTls = relay != null && relay.requiresTls();
            boolean clearOnly = relay != null && relay.tls() == Smarthost.Tls.NONE;
            if (session.tlsProtocol() == null && session.has("STARTTLS") && !clearOnly) {
                SmtpReply starttls = session.startTls(tls, verify, timeouts.mail());
                if (starttls.code() == 220) {
                    ehlo = session.ehlo(myHostname, timeouts.mail());
                    if (ehlo.code() != 250) {
                        session.quit();
                        return new Opened(null, failure(ehlo, "EHLO", session));
                    }
                } else if (requireTls) {
                    session.quit();
                    return new Opened(null, failure(starttls, "STARTTLS", session));
                }
            }
            if (session.tlsProtocol() == null && requireTls) {
                session.quit();
                return new Opened(null, new Failure(false,
                        "451 4.7.0 the relay " + remote + " offers no TLS; "
                                + (relay.authenticates() ? "credentials are never sent in clear" : "it is required"), remote, null));
            }
            if (relay != null && relay.authenticates()) {
                Failure refused = authenticate(session, relay);
                if (refused != null) {
                    session.quit();
                    return new Opened(null, refused);
                }
            }
            return new Opened(session, null);
        } catch (SSLException e) {
            session.close();
            return new Opened(null, new Failure(false, "451 4.7.5 TLS with " + remote + " failed: " + e.getMessage(), remote, null));
        } catch (IOException e) {
            session.close();
            return new Opened(null, new Failure(false, "451 4.4.2 " + remote + ": " + reason(e), remote, session.tlsProtocol()));
        }
    }

    /** AUTH PLAIN, else LOGIN (only ever under TLS); null when accepted. */
    private Failure authenticate(SmtpSession session, Smarthost relay) throws IOException {
        String mechanisms = session.parameter("AUTH");
        String offered = mechanisms == null ? "" : " " + mechanisms.toUpperCase(Locale.ROOT) + " ";
        Base64.Encoder b64 = Base64.getEncoder();
        SmtpReply reply;
        if (offered.contains(" PLAIN ")) {
            String token = b64.encodeToString(("\0" + relay.user() + "\0" + nullToEmpty(relay.password())).getBytes(StandardCharsets.UTF_8));
            session.send("AUTH PLAIN " + token);
            reply = session.read(timeouts.mail());
        } else if (offered.contains(" LOGIN ")) {
            session.send("AUTH LOGIN");
            reply = session.read(timeouts.mail());
            if (reply.code() == 334) {
                session.send(b64.encodeToString(relay.user().getBytes(StandardCharsets.UTF_8)));
                reply = session.read(timeouts.mail());
                if (reply.code() == 334) {
                    session.send(b64.encodeToString(nullToEmpty(relay.password()).getBytes(StandardCharsets.UTF_8)));
                    reply = session.read(timeouts.mail());
                }
            }
        } else {
            return new Failure(false, "451 4.7.0 the relay " + session.remote() + " offers neither AUTH PLAIN nor LOGIN",
                    session.remote(), session.tlsProtocol());
        }
        if (reply.code() == 235) {
            return null;
        }
        // a refused login is a configuration problem here, not the message's: keep the mail and try again later
        return new Failure(false, "451 4.7.0 the relay " + session.remote() + " refused the login: " + reply.text(),
                session.remote(), session.tlsProtocol());
    }

    private static Failure failure(SmtpReply reply, String command, SmtpSession session) {
        return new Failure(reply.permanentFailure(), reply.describe(command), session.remote(), session.tlsProtocol());
    }

    /** MAIL, RCPT…, DATA, the message, the final dot: one outcome per recipient. */
    private Map<Delivery, Outcome> send(SmtpSession session, List<Delivery> deliveries, byte[] prefix) {
        Delivery first = deliveries.getFirst();
        String remote = session.remote();
        String tls = session.tlsProtocol();
        Map<Delivery, Outcome> outcomes = new HashMap<>();
        try {
            long size = first.sizeBytes() + prefix.length;
            String sizeLimit = session.parameter("SIZE");
            if (sizeLimit != null && !sizeLimit.isBlank()) {
                long max = parseLong(sizeLimit.strip());
                if (max > 0 && size > max) {
                    return all(deliveries, new Outcome.Failed("552 5.3.4 the message (" + size + " bytes) is larger than "
                            + remote + " takes (" + max + " bytes)", remote, tls));
                }
            }
            boolean eightBit = hasEightBit(first.blobKey());
            String note = "";
            StringBuilder mail = new StringBuilder("MAIL FROM:<").append(first.sender()).append('>');
            if (session.has("SIZE")) {
                mail.append(" SIZE=").append(size);
            }
            if (eightBit) {
                if (session.has("8BITMIME")) {
                    mail.append(" BODY=8BITMIME");
                } else {
                    note = " (8-bit message sent to a server without 8BITMIME)";
                }
            }
            boolean pipelining = session.has("PIPELINING");
            SmtpReply mailReply;
            List<SmtpReply> rcptReplies = new ArrayList<>();
            SmtpReply dataReply = null;
            if (pipelining) {
                session.buffer(mail.toString());
                for (Delivery d : deliveries) {
                    session.buffer("RCPT TO:<" + d.recipient() + ">");
                }
                session.buffer("DATA");
                session.flush();
                mailReply = session.read(timeouts.mail());
                for (int i = 0; i < deliveries.size(); i++) {
                    rcptReplies.add(session.read(timeouts.rcpt()));
                }
                dataReply = session.read(timeouts.dataInit());
            } else {
                session.send(mail.toString());
                mailReply = session.read(timeouts.mail());
                if (mailReply.positive()) {
                    for (Delivery d : deliveries) {
                        session.send("RCPT TO:<" + d.recipient() + ">");
                        rcptReplies.add(session.read(timeouts.rcpt()));
                    }
                }
            }
            if (!mailReply.positive()) {
                if (dataReply != null && dataReply.code() == 354) {
                    endEmptyData(session);
                }
                return all(deliveries, outcome(mailReply, "MAIL FROM", remote, tls));
            }
            List<Delivery> accepted = new ArrayList<>();
            for (int i = 0; i < deliveries.size(); i++) {
                SmtpReply r = rcptReplies.get(i);
                if (r.positive()) {
                    accepted.add(deliveries.get(i));
                } else {
                    outcomes.put(deliveries.get(i), outcome(r, "RCPT TO", remote, tls));
                }
            }
            if (accepted.isEmpty()) {
                if (dataReply != null && dataReply.code() == 354) {
                    endEmptyData(session);
                }
                return outcomes;
            }
            if (dataReply == null) {
                session.send("DATA");
                dataReply = session.read(timeouts.dataInit());
            }
            if (dataReply.code() != 354) {
                Outcome refused = outcome(dataReply, "DATA", remote, tls);
                accepted.forEach(d -> outcomes.put(d, refused));
                return outcomes;
            }
            writeData(session.output(), prefix, first.blobKey());
            session.flush();
            SmtpReply end = session.read(timeouts.dataTermination());
            String suffix = note;
            accepted.forEach(d -> outcomes.put(d, end.positive()
                    ? new Outcome.Delivered(end.describe("end of data") + suffix, remote, tls)
                    : outcome(end, "end of data", remote, tls)));
            if (end.code() == 421) {
                session.markBroken();
            }
            return outcomes;
        } catch (IOException e) {
            session.markBroken();
            Outcome lost = new Outcome.Deferred("451 4.4.2 lost the connection with " + remote + ": " + reason(e), remote, tls);
            for (Delivery d : deliveries) {
                outcomes.putIfAbsent(d, lost);
            }
            return outcomes;
        }
    }

    private void endEmptyData(SmtpSession session) throws IOException {
        session.send(".");
        session.read(timeouts.dataTermination());
    }

    private static Outcome outcome(SmtpReply reply, String command, String remote, String tls) {
        if (reply.code() == 421) {
            return new Outcome.Deferred(reply.describe(command), remote, tls);
        }
        return reply.permanentFailure()
                ? new Outcome.Failed(reply.describe(command), remote, tls)
                : new Outcome.Deferred(reply.describe(command), remote, tls);
    }

    /** The message with the signature in front, CRLF line ends and dot-stuffing (RFC 5321 §4.5.2), then the final dot. */
    private void writeData(OutputStream out, byte[] prefix, String blobKey) throws IOException {
        out.write(prefix);
        boolean lineStart = true;
        try (InputStream in = new CrlfInputStream(blobs.open(blobKey))) {
            byte[] buffer = new byte[16 * 1024];
            int n;
            while ((n = in.read(buffer)) > 0) {
                int from = 0;
                for (int i = 0; i < n; i++) {
                    byte b = buffer[i];
                    if (lineStart && b == '.') {
                        out.write(buffer, from, i - from);
                        out.write('.');
                        from = i;
                    }
                    lineStart = b == '\n';
                }
                out.write(buffer, from, n - from);
            }
        }
        if (!lineStart) {
            out.write('\r');
            out.write('\n');
        }
        out.write(".\r\n".getBytes(StandardCharsets.US_ASCII));
    }

    private boolean hasEightBit(String blobKey) throws IOException {
        try (InputStream in = blobs.open(blobKey)) {
            byte[] buffer = new byte[16 * 1024];
            int n;
            while ((n = in.read(buffer)) > 0) {
                for (int i = 0; i < n; i++) {
                    if (buffer[i] < 0) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static Map<Delivery, Outcome> all(List<Delivery> deliveries, Outcome outcome) {
        Map<Delivery, Outcome> outcomes = new HashMap<>();
        deliveries.forEach(d -> outcomes.put(d, outcome));
        return outcomes;
    }

    private static String domainOf(String address) {
        return address.substring(address.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
    }

    private static long parseLong(String s) {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    private static String reason(IOException e) {
        String message = e.getMessage();
        return switch (e) {
            case java.net.SocketTimeoutException t -> "timed out";
            case java.net.ConnectException c -> "connection refused";
            case java.io.EOFException eof -> "connection closed";
            default -> message == null ? e.getClass().getSimpleName() : message;
        };
    }

    /** Quits every kept connection (at shutdown). */
    public void close() {
        janitor.shutdownNow();
        for (Deque<SmtpSession> queue : idle.values()) {
            synchronized (queue) {
                queue.forEach(SmtpSession::quit);
                queue.clear();
            }
        }
    }
}
