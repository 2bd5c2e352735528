package dev.kuvert.support.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LazyInputStreamTest {
    @Test
    void opensAtTheFirstReadAndClosesAtTheEnd() throws Exception {
        AtomicInteger opened = new AtomicInteger();
        AtomicInteger closed = new AtomicInteger();
        var stream = new LazyInputStream(() -> {
            opened.incrementAndGet();
            return new ByteArrayInputStream("hello".getBytes(StandardCharsets.US_ASCII)) {
                @Override
                public void close() {
                    closed.incrementAndGet();
                }
            };
        });
        assertThat(opened).hasValue(0);
        assertThat(stream.read()).isEqualTo('h');
        assertThat(stream.isOpen()).isTrue();
        assertThat(new String(stream.readAllBytes(), StandardCharsets.US_ASCII)).isEqualTo("ello");
        assertThat(stream.isOpen()).isFalse();
        assertThat(closed).hasValue(1);
        stream.close();
        assertThat(stream.read()).isEqualTo(-1);
        assertThat(opened).hasValue(1);
        assertThat(closed).hasValue(1);
    }

    @Test
    void aStreamClosedUnreadIsNeverOpened() throws Exception {
        AtomicInteger opened = new AtomicInteger();
        new LazyInputStream(() -> {
            opened.incrementAndGet();
            return InputStream.nullInputStream();
        }).close();
        assertThat(opened).hasValue(0);
    }

    /** More queued streams than this process may have open files. */
    @Test
    void manyQueuedStreamsHoldNoFileDescriptors(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("body"), "x".repeat(100));
        int count = openFileLimit() + 100;
        List<InputStream> queued = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            queued.add(new LazyInputStream(() -> Files.newInputStream(file)));
        }
        long total = 0;
        for (InputStream stream : queued) {
            total += stream.readAllBytes().length;
        }
        assertThat(total).isEqualTo(100L * count);
    }

    /** The soft limit on open files (Linux), capped so that the test stays quick where it is huge. */
    private static int openFileLimit() throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/limits"))) {
            if (line.startsWith("Max open files")) {
                String soft = line.substring("Max open files".length()).trim().split("\\s+")[0];
                return soft.equals("unlimited") ? 200_000 : (int) Math.min(200_000, Long.parseLong(soft));
            }
        }
        return 200_000;
    }
}
