package dev.kuvert.mailbox.store;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Linux's {@code syncfs(2)} for the file system holding a directory: everything written to that file
 * system so far (file contents, inodes, directory entries) is on stable storage when {@link #sync()}
 * returns. One call makes a whole batch of new files durable, where per-file durability costs an
 * {@code fsync} of each file and of each directory it was renamed into; see ADR 0004.
 */
final class FileSystemSync implements AutoCloseable {
    private static final int O_RDONLY_CLOEXEC = 0x80000;
    private static final StructLayout CALL_STATE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CALL_STATE.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    private static final Natives NATIVES = Natives.find();
    private final int fd;

    private FileSystemSync(int fd) {
        this.fd = fd;
    }

    /** The file system of {@code directory}, or empty where {@code syncfs} is not available (not Linux). */
    static Optional<FileSystemSync> of(Path directory) throws IOException {
        if (NATIVES == null) {
            return Optional.empty();
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CALL_STATE);
            int fd = (int) NATIVES.open.invokeExact(state, arena.allocateFrom(directory.toString()), O_RDONLY_CLOEXEC);
            if (fd < 0) {
                throw new IOException("cannot open " + directory + ": errno " + (int) ERRNO.get(state, 0L));
            }
            return Optional.of(new FileSystemSync(fd));
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    void sync() throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CALL_STATE);
            if ((int) NATIVES.syncfs.invokeExact(state, fd) != 0) {
                throw new IOException("syncfs failed: errno " + (int) ERRNO.get(state, 0L));
            }
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        try {
            int ignored = (int) NATIVES.close.invokeExact(fd);
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    private record Natives(MethodHandle open, MethodHandle syncfs, MethodHandle close) {
        static Natives find() {
            if (!System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("linux")) {
                return null;
            }
            Linker linker = Linker.nativeLinker();
            var libc = linker.defaultLookup();
            var errno = Linker.Option.captureCallState("errno");
            var syncfs = libc.find("syncfs");
            if (syncfs.isEmpty()) {
                return null;
            }
            return new Natives(
                    linker.downcallHandle(libc.find("open").orElseThrow(),
                            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT),
                            errno, Linker.Option.firstVariadicArg(2)),
                    linker.downcallHandle(syncfs.get(), FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT), errno),
                    linker.downcallHandle(libc.find("close").orElseThrow(), FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT)));
        }
    }
}
