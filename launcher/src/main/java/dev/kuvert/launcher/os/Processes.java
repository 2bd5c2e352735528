package dev.kuvert.launcher.os;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Finding and ending operating-system processes by pid, for the launcher and the embedded database. */
public final class Processes {

    private Processes() {}

    public static Optional<ProcessHandle> alive(long pid) {
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
    }

    /** True when one of the process's arguments is exactly {@code argument} (the kernel truncates nothing here). */
    public static boolean hasArgument(ProcessHandle process, String argument) {
        return process.info().arguments().map(List::of).map(args -> args.contains(argument)).orElse(false);
    }

    /**
     * Sends SIGTERM, waits up to {@code grace}, then sends SIGKILL and waits a little more.
     *
     * @return true when the process is gone
     */
    public static boolean terminate(ProcessHandle process, Duration grace) {
        if (!process.isAlive()) {
            return true;
        }
        process.destroy();
        if (awaitExit(process, grace)) {
            return true;
        }
        process.destroyForcibly();
        return awaitExit(process, Duration.ofSeconds(10));
    }

    public static boolean awaitExit(ProcessHandle process, Duration timeout) {
        try {
            process.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return !process.isAlive();
        } catch (ExecutionException e) {
            return !process.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        }
    }
}
