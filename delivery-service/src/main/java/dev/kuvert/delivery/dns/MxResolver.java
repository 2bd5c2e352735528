package dev.kuvert.delivery.dns;

import dev.kuvert.support.ExpiringCache;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.random.RandomGenerator;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedResolver;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * Where mail for a domain goes, per RFC 5321 §5.1: its MX hosts by preference (hosts of equal
 * preference in random order, to spread the load), or the domain itself when it has no MX but an
 * address (the implicit MX); a null MX (RFC 7505) means the domain takes no mail. Questions go to
 * {@code KUVERT_DNS_SERVERS} (or the system's resolvers) over UDP, and over TCP when an answer is truncated.
 */
public final class MxResolver {
    private static final int MAX_CNAME_CHAIN = 8;

    /** Answers are kept for their records' TTL, at most this long. */
    private static final Duration MAX_TTL = Duration.ofHours(1);
    private static final int MAX_ANSWERS = 10_000;

    private final Resolver resolver;
    private final RandomGenerator random;
    private final ExpiringCache<Question, Answer> answers;

    public MxResolver(List<InetSocketAddress> servers, Duration timeout, RandomGenerator random) {
        this(servers, timeout, random, Clock.systemUTC());
    }

    /**
     * Answers are kept for the TTL of their records (a NODATA or NXDOMAIN answer for its SOA's negative TTL, when it
     * has one) and deliveries asking the same question at once share one query: a burst to a few domains asks the
     * DNS once per domain, not once per message. Failures are never kept.
     */
    public MxResolver(List<InetSocketAddress> servers, Duration timeout, RandomGenerator random, Clock clock) {
        ExtendedResolver extended = servers.isEmpty()
                ? new ExtendedResolver()
                : new ExtendedResolver(servers.stream().map(SimpleResolver::new).toArray(Resolver[]::new));
        extended.setTimeout(timeout);
        extended.setRetries(2);
        this.resolver = extended;
        this.random = random;
        this.answers = new ExpiringCache<>(MAX_TTL, MAX_ANSWERS, clock);
    }

    /** What the DNS says about a destination domain. */
    public sealed interface MailRoute {
        /** Hosts to try in this order; {@code implicit} when the domain has no MX and its own address is used. */
        record Exchangers(List<String> hosts, boolean implicit) implements MailRoute {}

        /** RFC 7505: the domain accepts no mail. */
        record NullMx() implements MailRoute {}

        /** The domain does not exist, or has neither MX nor address: permanent. */
        record NoSuchDomain(String reason) implements MailRoute {}

        /** The DNS did not answer or answered SERVFAIL: try later. */
        record TemporaryFailure(String reason) implements MailRoute {}
    }

    /** A host's addresses, IPv4 first; empty when it has none. */
    public sealed interface HostAddresses {
        record Found(List<InetAddress> addresses) implements HostAddresses {}

        record TemporaryFailure(String reason) implements HostAddresses {}
    }

    public MailRoute route(String domain) {
        Answer mx = ask(domain, Type.MX);
        switch (mx.status()) {
            case TEMPORARY -> {
                return new MailRoute.TemporaryFailure("DNS lookup of the MX of " + domain + " failed: " + mx.reason());
            }
            case NXDOMAIN -> {
                return new MailRoute.NoSuchDomain("the domain " + domain + " does not exist");
            }
            default -> {}
        }
        List<MXRecord> records = mx.records().stream().filter(MXRecord.class::isInstance).map(MXRecord.class::cast).toList();
        if (!records.isEmpty()) {
            if (records.stream().anyMatch(r -> r.getTarget().equals(Name.root))) {
                // RFC 7505 §3: a null MX is the only MX record; treat one among others the same way
                return new MailRoute.NullMx();
            }
            Map<Integer, List<String>> byPreference = new TreeMap<>();
            for (MXRecord r : records) {
                byPreference.computeIfAbsent(r.getPriority(), p -> new ArrayList<>()).add(hostName(r.getTarget()));
            }
            List<String> hosts = new ArrayList<>();
            for (List<String> equal : byPreference.values()) {
                List<String> distinct = new ArrayList<>(equal.stream().distinct().toList());
                Collections.shuffle(distinct, random);
                distinct.stream().filter(h -> !hosts.contains(h)).forEach(hosts::add);
            }
            return new MailRoute.Exchangers(List.copyOf(hosts), false);
        }
        HostAddresses own = addresses(domain);
        return switch (own) {
            case HostAddresses.TemporaryFailure t -> new MailRoute.TemporaryFailure(t.reason());
            case HostAddresses.Found f when f.addresses().isEmpty() ->
                    new MailRoute.NoSuchDomain("the domain " + domain + " has no MX and no address record");
            case HostAddresses.Found f -> new MailRoute.Exchangers(List.of(domain), true);
        };
    }

    public HostAddresses addresses(String host) {
        List<InetAddress> found = new ArrayList<>();
        String failure = null;
        for (int type : new int[] {Type.A, Type.AAAA}) {
            Answer answer = ask(host, type);
            if (answer.status() == Status.TEMPORARY) {
                failure = answer.reason();
                continue;
            }
            for (Record r : answer.records()) {
                if (r instanceof ARecord a) {
                    found.add(a.getAddress());
                } else if (r instanceof AAAARecord aaaa) {
                    found.add(aaaa.getAddress());
                }
            }
        }
        if (found.isEmpty() && failure != null) {
            return new HostAddresses.TemporaryFailure("DNS lookup of the address of " + host + " failed: " + failure);
        }
        found.sort(Comparator.comparingInt(a -> a.getAddress().length));
        return new HostAddresses.Found(List.copyOf(found));
    }

    private enum Status {
        OK,
        NXDOMAIN,
        TEMPORARY
    }

    /** @param ttl how long the answer may be reused */
    private record Answer(Status status, List<Record> records, String reason, Duration ttl) {
        static Answer failed(String reason) {
            return new Answer(Status.TEMPORARY, List.of(), reason, Duration.ZERO);
        }
    }

    private record Question(String domain, int type) {}

    private Answer ask(String domain, int type) {
        return answers.get(new Question(domain.toLowerCase(Locale.ROOT), type), this::query, Answer::ttl);
    }

    /** One question, following CNAMEs; the records of the asked type at the end of the chain. */
    private Answer query(Question question) {
        Name name;
        String domain = question.domain();
        int type = question.type();
        try {
            name = Name.fromString(domain.endsWith(".") ? domain : domain + ".");
        } catch (TextParseException e) {
            return new Answer(Status.NXDOMAIN, List.of(), "not a domain name", Duration.ZERO);
        }
        long ttl = MAX_TTL.toSeconds();
        for (int hop = 0; hop < MAX_CNAME_CHAIN; hop++) {
            Message response;
            try {
                response = resolver.send(Message.newQuery(Record.newRecord(name, type, DClass.IN)));
            } catch (IOException e) {
                return Answer.failed("no answer (" + e.getClass().getSimpleName() + ")");
            }
            int rcode = response.getRcode();
            if (rcode == Rcode.NXDOMAIN) {
                return new Answer(Status.NXDOMAIN, List.of(), "NXDOMAIN", negativeTtl(response, ttl));
            }
            if (rcode != Rcode.NOERROR) {
                return Answer.failed(Rcode.string(rcode));
            }
            List<Record> answers = response.getSection(Section.ANSWER);
            List<Record> wanted = new ArrayList<>();
            Name cname = null;
            for (Record r : answers) {
                if (r.getType() == type) {
                    wanted.add(r);
                    ttl = Math.min(ttl, r.getTTL());
                } else if (r instanceof CNAMERecord c && c.getName().equals(name)) {
                    cname = c.getTarget();
                    ttl = Math.min(ttl, c.getTTL());
                }
            }
            if (!wanted.isEmpty()) {
                return new Answer(Status.OK, wanted, null, Duration.ofSeconds(ttl));
            }
            if (cname == null) {
                return new Answer(Status.OK, wanted, null, negativeTtl(response, ttl));
            }
            name = cname;
        }
        return Answer.failed("CNAME chain too long");
    }

    /** RFC 2308 §5: a negative answer lives as long as the lesser of its SOA's TTL and minimum; without a SOA, not at all. */
    private static Duration negativeTtl(Message response, long atMost) {
        return response.getSection(Section.AUTHORITY).stream()
                .filter(SOARecord.class::isInstance)
                .map(SOARecord.class::cast)
                .map(soa -> Duration.ofSeconds(Math.min(atMost, Math.min(soa.getTTL(), soa.getMinimum()))))
                .findFirst()
                .orElse(Duration.ZERO);
    }

    private static String hostName(Name name) {
        String text = name.toString(true);
        return text.toLowerCase(Locale.ROOT);
    }
}
