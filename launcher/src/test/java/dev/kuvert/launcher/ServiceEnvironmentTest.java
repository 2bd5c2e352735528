package dev.kuvert.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServiceEnvironmentTest {

    @Test
    void servicesShouldGetTheContractVariablesOnTopOfTheInheritedOnes() {
        Settings settings = Settings.from(Map.of("KUVERT_DATA_DIR", "/srv/kuvert", "KUVERT_PORT_OFFSET", "100",
                "KUVERT_HOSTNAME", "mail.example.test"), Path.of("/opt/kuvert"), Path.of("/"));
        Map<String, String> inherited = Map.of("KUVERT_DNS_SERVERS", "127.0.0.1:5353", "KUVERT_SECRET", "old", "PATH", "/bin");

        Map<String, String> env = ServiceEnvironment.of(inherited, settings,
                new ServiceEnvironment.Database("jdbc:mysql://127.0.0.1:3407", "kuvert", "db-pw"), "s3cret", "admin-pw");

        assertThat(env)
                .containsEntry("KUVERT_HOSTNAME", "mail.example.test")
                .containsEntry("KUVERT_DATA_DIR", "/srv/kuvert")
                .containsEntry("KUVERT_PORT_OFFSET", "100")
                .containsEntry("KUVERT_DB_URL", "jdbc:mysql://127.0.0.1:3407")
                .containsEntry("KUVERT_DB_USER", "kuvert")
                .containsEntry("KUVERT_DB_PASSWORD", "db-pw")
                .containsEntry("KUVERT_SECRET", "s3cret")
                .containsEntry("KUVERT_ADMIN_USER", "admin")
                .containsEntry("KUVERT_ADMIN_PASSWORD", "admin-pw")
                .containsEntry("KUVERT_MAILBOX_URL", "http://127.0.0.1:8182")
                .containsEntry("KUVERT_DELIVERY_URL", "http://127.0.0.1:8183")
                .containsEntry("KUVERT_SMTP_URL", "http://127.0.0.1:8184")
                .containsEntry("KUVERT_GATEWAY_URL", "http://127.0.0.1:8180")
                .containsEntry("KUVERT_ADMIN_UI_URL", "http://127.0.0.1:8190")
                .containsEntry("KUVERT_DNS_SERVERS", "127.0.0.1:5353")
                .containsEntry("PATH", "/bin");
    }
}
