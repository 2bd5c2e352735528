package dev.kuvert.launcher.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedMariaDbIT {

    @TempDir
    Path dir;

    @Test
    void startShouldInstallOnceAndKeepDataAcrossRestarts() throws Exception {
        try (EmbeddedMariaDb db = EmbeddedMariaDb.start(dir, 0)) {
            try (Connection connection = connect(db, "kuvert_launcher_it"); Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE note (id INT PRIMARY KEY, text VARCHAR(20))");
                statement.execute("INSERT INTO note VALUES (1, 'kept')");
            }
        }

        try (EmbeddedMariaDb db = EmbeddedMariaDb.start(dir, 0)) {
            try (Connection connection = connect(db, "kuvert_launcher_it"); Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery("SELECT text FROM note WHERE id = 1")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getString(1)).isEqualTo("kept");
            }
        }
    }

    @Test
    void accountShouldOnlyCreateKuvertDatabases() throws Exception {
        EmbeddedMariaDb db = EmbeddedMariaDb.shared();
        assertThat(db.jdbcBaseUrl()).matches("jdbc:mysql://127\\.0\\.0\\.1:\\d+");
        try (Connection connection = DriverManager.getConnection(db.jdbcBaseUrl(), db.user(), db.password());
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE IF NOT EXISTS kuvert_allowed");
            assertThatThrownBy(() -> statement.execute("CREATE DATABASE not_ours")).isInstanceOf(SQLException.class);
        }
    }

    @Test
    void sharedShouldBeOneServerPerJvm() {
        assertThat(EmbeddedMariaDb.shared()).isSameAs(EmbeddedMariaDb.shared());
        assertThat(EmbeddedMariaDb.shared().isRunning()).isTrue();
    }

    @Test
    void serverShouldListenOnLoopbackOnly() throws Exception {
        EmbeddedMariaDb db = EmbeddedMariaDb.shared();
        Optional<InetAddress> otherAddress = NetworkInterface.networkInterfaces()
                .filter(nic -> !isLoopback(nic))
                .flatMap(NetworkInterface::inetAddresses)
                .filter(address -> address instanceof Inet4Address)
                .findFirst();
        if (otherAddress.isEmpty()) {
            return;
        }
        try (Socket socket = new Socket()) {
            assertThatThrownBy(() -> socket.connect(new InetSocketAddress(otherAddress.get(), db.port()), 1000))
                    .isInstanceOf(java.io.IOException.class);
        }
    }

    @Test
    void stopShouldEndTheServerProcess() {
        EmbeddedMariaDb db = EmbeddedMariaDb.start(dir.resolve("stop"), 0);
        long pid = db.pid();

        db.stop();

        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    }

    private static boolean isLoopback(NetworkInterface nic) {
        try {
            return nic.isLoopback() || !nic.isUp();
        } catch (java.net.SocketException e) {
            return true;
        }
    }

    private static Connection connect(EmbeddedMariaDb db, String database) throws SQLException {
        return DriverManager.getConnection(db.jdbcUrl(database), db.user(), db.password());
    }
}
