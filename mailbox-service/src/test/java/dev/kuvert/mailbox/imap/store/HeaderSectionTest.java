package dev.kuvert.mailbox.imap.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class HeaderSectionTest {

    @Test
    void shouldEndAfterTheBlankLineAsMimeSummaryCountsIt() throws IOException {
        for (String message : new String[] {"Subject: a\r\nTo: b\r\n\r\nbody\r\n\r\nmore\r\n", "Subject: a\nTo: b\n\nbody\n\nmore\n"}) {
            byte[] bytes = message.getBytes(StandardCharsets.US_ASCII);
            int bodyStart = MimeSummary.read(new ByteArrayInputStream(bytes)).bodyStart();
            assertThat(new HeaderSection(new ByteArrayInputStream(bytes)).readAllBytes()).isEqualTo(Arrays.copyOf(bytes, bodyStart));
            assertThat(byteByByte(new HeaderSection(new ByteArrayInputStream(bytes)))).isEqualTo(Arrays.copyOf(bytes, bodyStart));
        }
    }

    @Test
    void aMessageWithoutBodyShouldBeAllHeader() throws IOException {
        byte[] bytes = "Subject: only a header\r\n".getBytes(StandardCharsets.US_ASCII);
        assertThat(new HeaderSection(new ByteArrayInputStream(bytes)).readAllBytes()).isEqualTo(bytes);
    }

    private static byte[] byteByByte(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            out.write(b);
        }
        return out.toByteArray();
    }
}
