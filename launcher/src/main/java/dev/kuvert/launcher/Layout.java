package dev.kuvert.launcher;

import java.nio.file.Path;

/** Where the launcher keeps its files inside {@code $KUVERT_DATA_DIR}. */
record Layout(Path dataDir) {

    Layout {
        dataDir = dataDir.toAbsolutePath().normalize();
    }

    Path secretFile() {
        return dataDir.resolve("secret");
    }

    Path adminPasswordFile() {
        return dataDir.resolve("admin-password");
    }

    Path runDir() {
        return dataDir.resolve("run");
    }

    Path supervisorPidFile() {
        return runDir().resolve("supervisor.pid");
    }

    Path stateFile() {
        return runDir().resolve("state.properties");
    }

    Path startLock() {
        return runDir().resolve("start.lock");
    }

    Path logsDir() {
        return dataDir.resolve("logs");
    }

    Path launcherLog() {
        return logsDir().resolve("launcher.log");
    }

    Path databaseLog() {
        return logsDir().resolve("mariadb.log");
    }

    Path log(Service service) {
        return logsDir().resolve(service.id() + ".log");
    }

    /** The services' {@code java.io.tmpdir}, emptied on every start. */
    Path tmpDir() {
        return dataDir.resolve("tmp");
    }

    Path databaseDir() {
        return dataDir.resolve("db");
    }

    /**
     * The argument that marks every Java process of this platform instance, so that {@code stop} finds them
     * even when the supervisor was killed.
     */
    String processMarker() {
        return "-Dkuvert.data.dir=" + dataDir;
    }
}
