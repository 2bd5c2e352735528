package dev.kuvert.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kuvert.contracts.KuvertPort;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SettingsTest {

    private static final Path HOME = Path.of("/opt/kuvert");
    private static final Path CWD = Path.of("/home/me");

    @Test
    void defaultsShouldFollowTheContract() {
        Settings settings = Settings.from(Map.of(), HOME, CWD);

        assertThat(settings.layout().dataDir()).isEqualTo(Path.of("/home/me/data"));
        assertThat(settings.portOffset()).isZero();
        assertThat(settings.hostname()).isEqualTo("localhost");
        assertThat(settings.adminUser()).isEqualTo("admin");
        assertThat(settings.adminPasswordOverride()).isEmpty();
        assertThat(settings.embeddedDatabase()).isTrue();
        assertThat(settings.startTimeout().toSeconds()).isEqualTo(180);
        assertThat(settings.port(KuvertPort.EMBEDDED_DATABASE)).isEqualTo(3307);
    }

    @Test
    void relativeDataDirShouldBeResolvedAgainstTheWorkingDirectory() {
        Settings settings = Settings.from(Map.of("KUVERT_DATA_DIR", "../var/kuvert"), HOME, CWD);

        assertThat(settings.layout().dataDir()).isEqualTo(Path.of("/home/var/kuvert"));
        assertThat(settings.layout().processMarker()).isEqualTo("-Dkuvert.data.dir=/home/var/kuvert");
    }

    @Test
    void offsetShouldMoveEveryPort() {
        Settings settings = Settings.from(Map.of("KUVERT_PORT_OFFSET", "30000"), HOME, CWD);

        assertThat(settings.port(KuvertPort.GATEWAY_HTTP)).isEqualTo(38080);
        assertThat(settings.port(KuvertPort.SMTP_MX)).isEqualTo(32525);
    }

    @Test
    void offsetShouldBeRejectedWhenNotANumberOrTooLarge() {
        assertThatThrownBy(() -> Settings.from(Map.of("KUVERT_PORT_OFFSET", "lots"), HOME, CWD))
                .hasMessageContaining("KUVERT_PORT_OFFSET");
        assertThatThrownBy(() -> Settings.from(Map.of("KUVERT_PORT_OFFSET", "60000"), HOME, CWD))
                .hasMessageContaining("between 0 and 57445");
    }

    @Test
    void externalDatabaseShouldBeUsedWhenUrlIsSet() {
        Settings settings = Settings.from(Map.of("KUVERT_DB_URL", "jdbc:mysql://db:3306", "KUVERT_DB_USER", "mail",
                "KUVERT_DB_PASSWORD", "pw"), HOME, CWD);

        assertThat(settings.embeddedDatabase()).isFalse();
        assertThat(settings.externalDatabase()).contains(new Settings.ExternalDatabase("jdbc:mysql://db:3306", "mail", "pw"));
    }
}
