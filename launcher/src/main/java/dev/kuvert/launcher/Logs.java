package dev.kuvert.launcher;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** Reading the end of a log file without reading all of it. */
final class Logs {

    private static final int MAX_TAIL_BYTES = 64 * 1024;

    private Logs() {}

    /** The last {@code lines} lines of the file, each indented by two spaces; a note when there is no file. */
    static String tail(Path file, int lines) {
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            long length = in.length();
            int size = (int) Math.min(length, MAX_TAIL_BYTES);
            byte[] bytes = new byte[size];
            in.seek(length - size);
            in.readFully(bytes);
            List<String> all = Arrays.asList(new String(bytes, StandardCharsets.UTF_8).split("\r?\n"));
            List<String> last = all.subList(Math.max(0, all.size() - lines), all.size());
            return "  " + String.join("\n  ", last);
        } catch (IOException e) {
            return "  (no log at " + file + ")";
        }
    }
}
