package dev.kuvert.launcher;

import dev.kuvert.launcher.db.EmbeddedMariaDb;
import dev.kuvert.launcher.os.Processes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Finds the processes of one platform instance (one data directory) and ends them. */
final class PlatformProcesses {

    private PlatformProcesses() {}

    /** The live supervisor of this data directory, if any. */
    static Optional<ProcessHandle> supervisor(Layout layout) {
        return readPid(layout.supervisorPidFile())
                .flatMap(Processes::alive)
                .filter(process -> Processes.hasArgument(process, layout.processMarker()));
    }

    /**
     * Every live process of this instance other than the caller: the supervisor and the services carry
     * {@link Layout#processMarker()} on their command line, the embedded mariadbd its data directory.
     */
    static List<ProcessHandle> all(Layout layout) {
        long self = ProcessHandle.current().pid();
        return ProcessHandle.allProcesses()
                .filter(process -> process.pid() != self)
                .filter(process -> Processes.hasArgument(process, layout.processMarker())
                        || EmbeddedMariaDb.isServerOf(process, layout.databaseDir()))
                .toList();
    }

    /**
     * Stops this instance: SIGTERM to the supervisor (which stops the services, then the database), then
     * whatever is still left, e.g. after the supervisor itself was killed. Removes the pid and state files.
     *
     * @return true when nothing of this instance runs any more
     */
    static boolean stop(Layout layout, Duration supervisorGrace) {
        supervisor(layout).ifPresent(supervisor -> Processes.terminate(supervisor, supervisorGrace));
        List<ProcessHandle> left = all(layout);
        List<ProcessHandle> javaProcesses = left.stream().filter(p -> !EmbeddedMariaDb.isServerOf(p, layout.databaseDir())).toList();
        terminateAll(javaProcesses, Duration.ofSeconds(20));
        terminateAll(all(layout), Duration.ofSeconds(60));
        try {
            Files.deleteIfExists(layout.supervisorPidFile());
            Files.deleteIfExists(layout.stateFile());
        } catch (IOException e) {
            // harmless: both are recognised as stale on the next start
        }
        return all(layout).isEmpty();
    }

    /** SIGTERM to all at once; SIGKILL to those still there after {@code grace}. */
    static void terminateAll(List<ProcessHandle> processes, Duration grace) {
        processes.forEach(ProcessHandle::destroy);
        Instant deadline = Instant.now().plus(grace);
        for (ProcessHandle process : processes) {
            Duration left = Duration.between(Instant.now(), deadline);
            Processes.awaitExit(process, left.isNegative() ? Duration.ZERO : left);
        }
        List<ProcessHandle> stubborn = processes.stream().filter(ProcessHandle::isAlive).toList();
        stubborn.forEach(ProcessHandle::destroyForcibly);
        stubborn.forEach(process -> Processes.awaitExit(process, Duration.ofSeconds(10)));
    }

    static Optional<Long> readPid(Path file) {
        try {
            return Optional.of(Long.parseLong(Files.readString(file).strip()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }
}
