package dev.kuvert.delivery.bounce;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kuvert.delivery.bounce.DeliveryStatusNotification.Action;
import dev.kuvert.delivery.bounce.DeliveryStatusNotification.Recipient;
import dev.kuvert.delivery.bounce.DeliveryStatusNotification.Report;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.apache.james.mime4j.dom.Entity;
import org.apache.james.mime4j.dom.Message;
import org.apache.james.mime4j.dom.Multipart;
import org.apache.james.mime4j.dom.SingleBody;
import org.apache.james.mime4j.message.DefaultMessageBuilder;
import org.junit.jupiter.api.Test;

/** The bounce's structure per RFC 3464 / RFC 6522, read back with an independent MIME parser (Apache mime4j). */
class DeliveryStatusNotificationTest {
    static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");
    static final String HEADERS = "From: Alice <alice@example.test>\r\nTo: bob@remote.test\r\nSubject: lunch?\r\nMessage-ID: <42@example.test>\r\n";

    static Message parse(byte[] dsn) throws Exception {
        return new DefaultMessageBuilder().parseMessage(new ByteArrayInputStream(dsn));
    }

    static String text(Entity part) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ((SingleBody) part.getBody()).writeTo(out);
        return out.toString(StandardCharsets.ISO_8859_1);
    }

    @Test
    void aBounceShouldBeAMultipartReportWithWordsTheStatusAndTheOriginalHeader() throws Exception {
        byte[] dsn = DeliveryStatusNotification.compose(new Report("mx.kuvert.test", "Q123", "alice@example.test", Action.FAILED,
                List.of(new Recipient("bob@remote.test", null, "550 5.1.1 <bob@remote.test>: User unknown (in reply to RCPT TO)", NOW),
                        new Recipient("carol@other.test", "team@example.test", "554 5.4.7 delivery time expired after 5d; last error: "
                                + "451 4.4.1 cannot connect to mx.other.test[192.0.2.1]:25: connection refused", NOW)),
                HEADERS, null, NOW, null));

        Message message = parse(dsn);

        assertThat(message.getMimeType()).isEqualTo("multipart/report");
        assertThat(message.getHeader().getField("Content-Type").getBody()).contains("report-type=delivery-status");
        assertThat(message.getTo().toString()).contains("alice@example.test");
        assertThat(message.getFrom().getFirst().getAddress()).isEqualTo("MAILER-DAEMON@mx.kuvert.test");
        assertThat(message.getHeader().getField("Auto-Submitted").getBody()).isEqualTo("auto-replied");
        List<Entity> parts = ((Multipart) message.getBody()).getBodyParts();
        assertThat(parts).extracting(Entity::getMimeType).containsExactly("text/plain", "message/delivery-status", "text/rfc822-headers");
        assertThat(text(parts.get(0))).contains("could not be delivered").contains("<bob@remote.test>: 550 5.1.1")
                .contains("<carol@other.test> (sent to <team@example.test>): 554 5.4.7");
        String status = text(parts.get(1));
        assertThat(status).startsWith("Reporting-MTA: dns; mx.kuvert.test\r\n")
                .contains("\r\n\r\nFinal-Recipient: rfc822; bob@remote.test\r\nAction: failed\r\nStatus: 5.1.1\r\n"
                        + "Diagnostic-Code: smtp; 550 5.1.1 <bob@remote.test>: User unknown (in reply to RCPT TO)\r\n"
                        + "Last-Attempt-Date: Thu, 26 Nov 2026 12:00:00 GMT\r\n")
                .contains("\r\n\r\nFinal-Recipient: rfc822; carol@other.test\r\nOriginal-Recipient: rfc822; team@example.test\r\n"
                        + "Action: failed\r\nStatus: 5.4.7\r\n");
        assertThat(text(parts.get(2))).startsWith(HEADERS);
    }

    @Test
    void theStatusShouldBeTheEnhancedCodeOfTheReplyInTheClassOfTheAction() {
        assertThat(DeliveryStatusNotification.status("550 5.1.1 no such user", true)).isEqualTo("5.1.1");
        assertThat(DeliveryStatusNotification.status("552 5.3.4 too big", true)).isEqualTo("5.3.4");
        assertThat(DeliveryStatusNotification.status("550 no enhanced code here", true)).isEqualTo("5.0.0");
        assertThat(DeliveryStatusNotification.status("451 4.4.1 cannot connect", false)).isEqualTo("4.4.1");
        assertThat(DeliveryStatusNotification.status(null, true)).isEqualTo("5.0.0");
    }

    @Test
    void aDelayNoticeShouldSayDelayedAndUntilWhenItIsTried() throws Exception {
        byte[] dsn = DeliveryStatusNotification.compose(new Report("mx.kuvert.test", "Q9", "alice@example.test", Action.DELAYED,
                List.of(new Recipient("bob@remote.test", null, "451 4.4.1 cannot connect", NOW)), HEADERS, null, NOW,
                Instant.parse("2026-12-01T12:00:00Z")));

        List<Entity> parts = ((Multipart) parse(dsn).getBody()).getBodyParts();

        assertThat(text(parts.get(0))).contains("This is only a warning");
        assertThat(text(parts.get(1))).contains("Action: delayed\r\nStatus: 4.4.1\r\n")
                .contains("Will-Retry-Until: Tue, 1 Dec 2026 12:00:00 GMT");
    }

    @Test
    void repliesWithControlOrEightBitCharactersShouldBeMadePrintableAscii() {
        assertThat(DeliveryStatusNotification.ascii("550 5.1.1 bad\r\nline \u00e9")).isEqualTo("550 5.1.1 bad??line ?");
    }
}
