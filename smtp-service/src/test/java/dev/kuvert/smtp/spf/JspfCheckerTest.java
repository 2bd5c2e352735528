package dev.kuvert.smtp.spf;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

/** jSPF over dnsjava against a small DNS server on loopback (KUVERT_DNS_SERVERS points at it). */
class JspfCheckerTest {
    static DatagramSocket dns;
    static Thread server;
    static final Map<String, String> SPF = Map.of(
            "pass.spf.test.", "v=spf1 ip4:192.0.2.0/24 -all",
            "fail.spf.test.", "v=spf1 ip4:198.51.100.1 -all",
            "soft.spf.test.", "v=spf1 ~all");

    @BeforeAll
    static void startDns() throws Exception {
        dns = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        server = Thread.ofVirtual().start(() -> {
            byte[] buffer = new byte[1500];
            while (!dns.isClosed()) {
                try {
                    DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                    dns.receive(packet);
                    Message query = new Message(java.util.Arrays.copyOf(packet.getData(), packet.getLength()));
                    var question = query.getQuestion();
                    if (question.getName().toString().startsWith("slow.")) {
                        continue;
                    }
                    Message answer = new Message(query.getHeader().getID());
                    answer.getHeader().setFlag(Flags.QR);
                    answer.getHeader().setFlag(Flags.AA);
                    answer.addRecord(question, Section.QUESTION);
                    String spf = SPF.get(question.getName().toString());
                    if (spf != null && question.getType() == Type.TXT) {
                        answer.addRecord(new TXTRecord(question.getName(), DClass.IN, 60, spf), Section.ANSWER);
                    } else if (spf == null) {
                        answer.getHeader().setRcode(Rcode.NXDOMAIN);
                    }
                    byte[] wire = answer.toWire();
                    dns.send(new DatagramPacket(wire, wire.length, packet.getSocketAddress()));
                } catch (Exception e) {
                    // closed, or a query this server does not understand
                }
            }
        });
    }

    @AfterAll
    static void stopDns() {
        dns.close();
    }

    private static JspfChecker checker(Duration timeout) {
        return new JspfChecker(List.of(new InetSocketAddress("127.0.0.1", dns.getLocalPort())), timeout);
    }

    @Test
    void passesAnAddressThePolicyPermits() throws Exception {
        assertThat(checker(Duration.ofSeconds(3)).check(InetAddress.getByName("192.0.2.7"), "a@pass.spf.test", "mail.pass.spf.test").result())
                .isEqualTo("pass");
    }

    @Test
    void failsAnAddressThePolicyDenies() throws Exception {
        assertThat(checker(Duration.ofSeconds(3)).check(InetAddress.getByName("192.0.2.7"), "a@fail.spf.test", "x").result())
                .isEqualTo("fail");
    }

    @Test
    void softFailsUnderTilde() throws Exception {
        assertThat(checker(Duration.ofSeconds(3)).check(InetAddress.getByName("192.0.2.7"), "a@soft.spf.test", "x").result())
                .isEqualTo("softfail");
    }

    @Test
    void answersNoneForADomainWithoutPolicy() throws Exception {
        assertThat(checker(Duration.ofSeconds(3)).check(InetAddress.getByName("192.0.2.7"), "a@none.spf.test", "x").result())
                .isEqualTo("none");
    }

    @Test
    void answersTemperrorWhenDnsDoesNotAnswerInTime() throws Exception {
        long start = System.nanoTime();
        var verdict = checker(Duration.ofMillis(600)).check(InetAddress.getByName("192.0.2.7"), "a@slow.spf.test", "x");
        assertThat(verdict.result()).isEqualTo("temperror");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
    }
}
