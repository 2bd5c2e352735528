package dev.kuvert.smtp.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SmtpSessionHandlerTest {
    @ParameterizedTest
    @ValueSource(strings = {"EHLO client.example\r\n", "helo x\r\n", "MAIL FROM:<a@b.example>\r\n", "DATA\r\n", "data\n",
            "RSET\r\n", "NOOP\r\n", "quit\r\n", "VRFY bob\r\n", "EXPN list\r\n", "HELP\r\n"})
    void commandsWhoseHandlersNeverWaitRunOnTheIoThread(String line) {
        assertThat(SmtpSessionHandler.isNonBlockingCommand(Unpooled.copiedBuffer(line, StandardCharsets.US_ASCII))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"RCPT TO:<bob@example.test>\r\n", "AUTH PLAIN AGJvYgBzZWNyZXQ=\r\n", "STARTTLS\r\n", "BDAT 10\r\n",
            "MAILX\r\n", "EHL\r\n", "", "NOOPNOOP\r\n", "MA\u00c9L x\r\n", "dXNlcg==\r\n"})
    void anythingElseGoesToTheSessionWorker(String line) {
        assertThat(SmtpSessionHandler.isNonBlockingCommand(Unpooled.copiedBuffer(line, StandardCharsets.ISO_8859_1))).isFalse();
    }
}
