package dev.kuvert.delivery.support;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * A small authoritative DNS server on loopback, UDP and TCP on one port, speaking real DNS (dnsjava's
 * wire format). Names it knows nothing of are answered SERVFAIL (so that mail for them stays
 * deferred), unless marked as not existing (NXDOMAIN).
 */
public final class TestDns implements AutoCloseable {
    private static TestDns shared;

    private final DatagramSocket udp;
    private final ServerSocket tcp;
    private final Map<Name, List<Record>> records = new ConcurrentHashMap<>();
    private final Set<Name> existing = ConcurrentHashMap.newKeySet();
    private final Set<Name> nxdomain = ConcurrentHashMap.newKeySet();
    private final AtomicInteger tcpQueries = new AtomicInteger();
    private final Map<Name, AtomicInteger> questions = new ConcurrentHashMap<>();
    private volatile boolean running = true;

    public TestDns() {
        try {
            udp = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            tcp = new ServerSocket(udp.getLocalPort(), 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread.ofPlatform().daemon().name("test-dns-udp").start(this::serveUdp);
        Thread.ofPlatform().daemon().name("test-dns-tcp").start(this::serveTcp);
    }

    public static synchronized TestDns shared() {
        if (shared == null) {
            shared = new TestDns();
        }
        return shared;
    }

    /** For KUVERT_DNS_SERVERS. */
    public String server() {
        return "127.0.0.1:" + udp.getLocalPort();
    }

    public int tcpQueries() {
        return tcpQueries.get();
    }

    /** How many questions (of any type, over UDP or TCP) about this name came so far. */
    public int questionsAbout(String name) {
        AtomicInteger count = questions.get(name(name));
        return count == null ? 0 : count.get();
    }

    public TestDns mx(String domain, int preference, String host) {
        return add(new MXRecord(name(domain), DClass.IN, 60, preference, name(host)));
    }

    /** RFC 7505: {@code MX 0 .} */
    public TestDns nullMx(String domain) {
        return add(new MXRecord(name(domain), DClass.IN, 60, 0, Name.root));
    }

    public TestDns a(String host, String address) {
        try {
            InetAddress ip = InetAddress.getByName(address);
            return add(ip.getAddress().length == 4
                    ? new ARecord(name(host), DClass.IN, 60, ip)
                    : new AAAARecord(name(host), DClass.IN, 60, ip));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public TestDns txt(String name, String text) {
        return add(new TXTRecord(name(name), DClass.IN, 60, text));
    }

    /** The name exists with no records of the asked type, unless added. */
    public TestDns exists(String domain) {
        existing.add(name(domain));
        return this;
    }

    public TestDns nxdomain(String domain) {
        nxdomain.add(name(domain));
        return this;
    }

    private TestDns add(Record record) {
        records.computeIfAbsent(record.getName(), n -> new java.util.concurrent.CopyOnWriteArrayList<>()).add(record);
        existing.add(record.getName());
        return this;
    }

    private static Name name(String text) {
        try {
            return Name.fromString(text.endsWith(".") ? text : text + ".");
        } catch (TextParseException e) {
            throw new IllegalArgumentException(e);
        }
    }

    byte[] answer(byte[] wire, int maxLength) throws IOException {
        Message query = new Message(wire);
        Record question = query.getQuestion();
        Message response = new Message(query.getHeader().getID());
        response.getHeader().setFlag(Flags.QR);
        response.getHeader().setFlag(Flags.AA);
        if (query.getHeader().getFlag(Flags.RD)) {
            response.getHeader().setFlag(Flags.RD);
        }
        response.addRecord(question, Section.QUESTION);
        Name name = question.getName();
        questions.computeIfAbsent(name, n -> new AtomicInteger()).incrementAndGet();
        if (nxdomain.contains(name)) {
            response.getHeader().setRcode(Rcode.NXDOMAIN);
        } else if (!existing.contains(name)) {
            response.getHeader().setRcode(Rcode.SERVFAIL);
        } else {
            for (Record r : records.getOrDefault(name, List.of())) {
                if (r.getType() == question.getType() || question.getType() == Type.ANY) {
                    response.addRecord(r, Section.ANSWER);
                }
            }
        }
        byte[] out = response.toWire();
        if (out.length > maxLength) {
            Message truncated = new Message(query.getHeader().getID());
            truncated.getHeader().setFlag(Flags.QR);
            truncated.getHeader().setFlag(Flags.TC);
            truncated.addRecord(question, Section.QUESTION);
            return truncated.toWire();
        }
        return out;
    }

    private void serveUdp() {
        byte[] buffer = new byte[4096];
        while (running) {
            try {
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                udp.receive(packet);
                byte[] answer = answer(java.util.Arrays.copyOf(packet.getData(), packet.getLength()), 512);
                udp.send(new DatagramPacket(answer, answer.length, packet.getSocketAddress()));
            } catch (IOException e) {
                if (!running) {
                    return;
                }
            }
        }
    }

    private void serveTcp() {
        while (running) {
            try {
                Socket socket = tcp.accept();
                Thread.ofVirtual().start(() -> {
                    try (socket) {
                        DataInputStream in = new DataInputStream(socket.getInputStream());
                        DataOutputStream out = new DataOutputStream(socket.getOutputStream());
                        byte[] query = new byte[in.readUnsignedShort()];
                        in.readFully(query);
                        tcpQueries.incrementAndGet();
                        byte[] answer = answer(query, 65535);
                        out.writeShort(answer.length);
                        out.write(answer);
                        out.flush();
                    } catch (IOException ignored) {
                        // the client went away
                    }
                });
            } catch (IOException e) {
                if (!running) {
                    return;
                }
            }
        }
    }

    @Override
    public void close() {
        running = false;
        udp.close();
        try {
            tcp.close();
        } catch (IOException ignored) {
            // closing
        }
    }

    /** Every record name known, for debugging. */
    List<String> names() {
        return new ArrayList<>(records.keySet().stream().map(Name::toString).toList());
    }
}
