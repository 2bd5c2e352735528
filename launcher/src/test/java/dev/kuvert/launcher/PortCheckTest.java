package dev.kuvert.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.kuvert.contracts.KuvertPort;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

class PortCheckTest {

    /** An offset whose ports are free right now, found by probing (the test machine is shared). */
    private static int freeOffset() {
        for (int offset = 41000; offset <= Settings.MAX_PORT_OFFSET; offset += 137) {
            if (PortCheck.conflicts(offset, true).isEmpty()) {
                return offset;
            }
        }
        throw new IllegalStateException("no offset with all ports free");
    }

    @Test
    void conflictsShouldBeEmptyWhenEveryPortIsFree() {
        int offset = freeOffset();
        assertThat(PortCheck.conflicts(offset, true)).isEmpty();
    }

    @Test
    void conflictsShouldNameThePortAndItsServiceWhenSomethingListens() throws Exception {
        int offset = freeOffset();
        int taken = KuvertPort.MAILBOX_HTTP.withOffset(offset);
        try (ServerSocket listener = new ServerSocket()) {
            listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), taken));

            List<PortCheck.Conflict> conflicts = PortCheck.conflicts(offset, true);

            assertThat(conflicts).containsExactly(new PortCheck.Conflict(KuvertPort.MAILBOX_HTTP, taken));
            assertThat(conflicts.getFirst().message())
                    .isEqualTo("port " + taken + " (mailbox-service HTTP) is already in use");
        }
    }

    @Test
    void conflictsShouldSkipTheDatabasePortWhenAnExternalDatabaseIsUsed() throws Exception {
        int offset = freeOffset();
        int databasePort = KuvertPort.EMBEDDED_DATABASE.withOffset(offset);
        try (ServerSocket listener = new ServerSocket(databasePort)) {
            assertThat(PortCheck.conflicts(offset, false)).isEmpty();
            assertThat(PortCheck.conflicts(offset, true))
                    .extracting(PortCheck.Conflict::message)
                    .containsExactly("port " + databasePort + " (embedded MariaDB) is already in use");
        }
    }

    @Test
    void describeShouldNameOwnerAndProtocol() {
        assertThat(PortCheck.describe(KuvertPort.SMTP_MX)).isEqualTo("smtp-service SMTP");
        assertThat(PortCheck.describe(KuvertPort.IMAPS)).isEqualTo("mailbox-service IMAPS");
        assertThat(PortCheck.describe(KuvertPort.GATEWAY_HTTP)).isEqualTo("gateway-service HTTP");
    }

    @Test
    void portsInTheEphemeralRangeShouldBeNamedAndOnlyThose() {
        int[] linuxDefault = {32768, 60999};

        assertThat(PortCheck.inEphemeralRange(0, linuxDefault)).isEmpty();
        assertThat(PortCheck.inEphemeralRange(22500, linuxDefault)).isEmpty();
        assertThat(PortCheck.inEphemeralRange(25000, linuxDefault))
                .containsExactly(KuvertPort.GATEWAY_HTTP.withOffset(25000), KuvertPort.MAILBOX_HTTP.withOffset(25000),
                        KuvertPort.DELIVERY_HTTP.withOffset(25000), KuvertPort.SMTP_HTTP.withOffset(25000),
                        KuvertPort.ADMIN_UI_HTTP.withOffset(25000));
        assertThat(PortCheck.inEphemeralRange(50000, linuxDefault)).hasSize(KuvertPort.values().length);
    }

    @Test
    void theEphemeralRangeShouldBeReadWhereTheKernelPublishesIt() {
        assumeTrue(Files.isReadable(PortCheck.EPHEMERAL_RANGE), "not Linux: no " + PortCheck.EPHEMERAL_RANGE);

        int[] range = PortCheck.ephemeralRange().orElseThrow();

        assertThat(range[0]).isBetween(1, 65535);
        assertThat(range[1]).isBetween(range[0], 65535);
    }
}
