package dev.kuvert.smtp.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.james.core.MaybeSender;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IncomingMessageTest {
    @TempDir
    Path spoolDir;

    private IncomingMessage message(long maxSize) {
        return new IncomingMessage(MaybeSender.nullSender(), List.of(), new SpoolDirectory(spoolDir, 64).newSpool(), maxSize);
    }

    /** Feeds the lines and returns the index of the line that ended the message, or -1. */
    private static int feed(IncomingMessage message, String... lines) {
        for (int i = 0; i < lines.length; i++) {
            if (message.onLine(lines[i].getBytes(StandardCharsets.ISO_8859_1))) {
                return i;
            }
        }
        return -1;
    }

    private static String content(IncomingMessage message) throws IOException {
        try (var in = message.getMessageInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    @Test
    void endsOnlyOnADotLineAfterACrlf() throws IOException {
        IncomingMessage message = message(1000);
        assertThat(feed(message, "Subject: x\r\n", "\r\n", "body\r\n", ".\r\n")).isEqualTo(3);
        assertThat(content(message)).isEqualTo("Subject: x\r\n\r\nbody\r\n");
        assertThat(message.hasBareLineEnding()).isFalse();
    }

    @Test
    void aDotCrlfLineAfterABareLfIsDataAndTaintsTheMessage() {
        IncomingMessage message = message(1000);
        assertThat(feed(message, "Subject: x\r\n", "\r\n", "body\n", ".\r\n", "MAIL FROM:<x@y.z>\r\n")).isEqualTo(-1);
        assertThat(message.hasBareLineEnding()).isTrue();
        assertThat(feed(message, ".\r\n")).as("the real end still ends it").isZero();
    }

    @Test
    void aDotLfLineIsDataAndTaintsTheMessage() {
        IncomingMessage message = message(1000);
        assertThat(feed(message, "body\r\n", ".\n")).isEqualTo(-1);
        assertThat(message.hasBareLineEnding()).isTrue();
    }

    @Test
    void aBareCrInsideALineTaintsTheMessage() {
        IncomingMessage message = message(1000);
        feed(message, "body\r.\rmore\r\n");
        assertThat(message.hasBareLineEnding()).isTrue();
    }

    @Test
    void removesOneLeadingDotFromStuffedLines() throws IOException {
        IncomingMessage message = message(1000);
        feed(message, "Subject: x\r\n", "\r\n", "..\r\n", "...dots\r\n", ".\r\n");
        assertThat(content(message)).isEqualTo("Subject: x\r\n\r\n.\r\n..dots\r\n");
    }

    @Test
    void unstuffsOnlyAtTheStartOfALineNotAtTheStartOfAPiece() throws IOException {
        IncomingMessage message = message(1000);
        feed(message, "abc", ".def\r\n", ".\r\n");
        assertThat(content(message)).isEqualTo("abc.def\r\n");
    }

    @Test
    void findsMessageIdAndDateOnlyInTheHeaderSection() {
        IncomingMessage withBoth = message(1000);
        feed(withBoth, "message-id: <a@b>\r\n", "DATE: Mon, 1 Jan 2024 10:00:00 +0000\r\n", "\r\n", "body\r\n");
        assertThat(withBoth.hasMessageId()).isTrue();
        assertThat(withBoth.hasDate()).isTrue();

        IncomingMessage inBody = message(1000);
        feed(inBody, "Subject: x\r\n", "\r\n", "Message-ID: <not@header>\r\n");
        assertThat(inBody.hasMessageId()).isFalse();
    }

    @Test
    void putsTraceFieldsOnTopThenAddedFieldsThenTheMessage() throws IOException {
        IncomingMessage message = message(1000);
        feed(message, "Subject: x\r\n", "\r\n", "body\r\n", ".\r\n");
        message.addField("Message-ID", "<id@host>");
        message.addTraceField("Received-SPF", "none");
        message.addTraceField("Received", "from a\r\n\tby b; date");
        assertThat(content(message)).isEqualTo(
                "Received: from a\r\n\tby b; date\r\nReceived-SPF: none\r\nMessage-ID: <id@host>\r\nSubject: x\r\n\r\nbody\r\n");
        assertThat(message.getSize()).isEqualTo(content(message).length());
    }

    @Test
    void separatesAddedFieldsFromAMessageThatHasNoHeaderSection() throws IOException {
        IncomingMessage message = message(1000);
        feed(message, "just text\r\n", ".\r\n");
        message.addTraceField("Received", "x");
        assertThat(content(message)).isEqualTo("Received: x\r\n\r\njust text\r\n");
    }

    @Test
    void marksAMessageOverTheLimitAndKeepsNothingOfIt() throws IOException {
        IncomingMessage message = message(10);
        feed(message, "0123456789\r\n", ".\r\n");
        assertThat(message.isOversize()).isTrue();
        try (var files = Files.list(spoolDir)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void spoolsALargeMessageToAFileAndDeletesItWhenDiscarded() throws IOException {
        IncomingMessage message = message(10_000);
        for (int i = 0; i < 20; i++) {
            feed(message, "line " + i + " of a message that outgrows memory\r\n");
        }
        try (var files = Files.list(spoolDir)) {
            assertThat(files).hasSize(1);
        }
        assertThat(content(message)).startsWith("line 0 of").endsWith("line 19 of a message that outgrows memory\r\n");
        message.discard();
        try (var files = Files.list(spoolDir)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void refusesHeaderValuesWithBareLineBreaks() {
        IncomingMessage message = message(1000);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> message.addField("X-Test", "a\r\nInjected: yes"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
