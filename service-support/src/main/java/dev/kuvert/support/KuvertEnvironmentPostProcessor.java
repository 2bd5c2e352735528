package dev.kuvert.support;

import dev.kuvert.contracts.KuvertPort;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Platform defaults every service shares, derived from the {@code KUVERT_*} environment so that no
 * service repeats them: ports shifted by {@code KUVERT_PORT_OFFSET} ({@code kuvert.ports.<name>}),
 * the other services' URLs ({@code kuvert.urls.<service>}), the service's own database on the
 * server named by {@code KUVERT_DB_URL} (when the service sets {@code kuvert.database-name}), and
 * the operational settings (probes, problem details, no stack traces, strict JSON).
 *
 * <p>The property source is added last, so anything set explicitly still wins.
 */
public class KuvertEnvironmentPostProcessor implements EnvironmentPostProcessor {
    static final String SOURCE_NAME = "kuvertPlatformDefaults";
    private static final String DB_PARAMETERS = "createDatabaseIfNotExist=true&allowPublicKeyRetrieval=true"
            + "&connectionTimeZone=UTC&forceConnectionTimeZoneToSession=true&characterEncoding=UTF-8"
            + "&cachePrepStmts=true&prepStmtCacheSize=250&prepStmtCacheSqlLimit=2048";
    /** TLS to a database on the same host only costs CPU; to any other host the driver's default (preferred) stays. */
    private static final String LOOPBACK_PARAMETERS = "&sslMode=DISABLED";
    static final String WEBMVC_OBSERVATION = "org.springframework.boot.webmvc.autoconfigure.WebMvcObservationAutoConfiguration";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment env, SpringApplication application) {
        Map<String, Object> defaults = new LinkedHashMap<>();
        int offset = portOffset(env.getProperty("KUVERT_PORT_OFFSET"));
        defaults.put("kuvert.port-offset", offset);
        for (KuvertPort port : KuvertPort.values()) {
            defaults.put("kuvert.ports." + kebab(port.name()), port.withOffset(offset));
        }
        serviceUrl(env, defaults, "gateway", KuvertPort.GATEWAY_HTTP, offset);
        serviceUrl(env, defaults, "admin-ui", KuvertPort.ADMIN_UI_HTTP, offset);
        serviceUrl(env, defaults, "mailbox", KuvertPort.MAILBOX_HTTP, offset);
        serviceUrl(env, defaults, "delivery", KuvertPort.DELIVERY_HTTP, offset);
        serviceUrl(env, defaults, "smtp", KuvertPort.SMTP_HTTP, offset);

        String databaseName = env.getProperty("kuvert.database-name");
        if (databaseName != null) {
            String server = env.getProperty("KUVERT_DB_URL");
            if (server == null || server.isBlank()) {
                server = "jdbc:mysql://127.0.0.1:" + KuvertPort.EMBEDDED_DATABASE.withOffset(offset);
            }
            defaults.put("spring.datasource.url", databaseUrl(server, databaseName));
            defaults.put("spring.datasource.username", env.getProperty("KUVERT_DB_USER", "root"));
            defaults.put("spring.datasource.password", env.getProperty("KUVERT_DB_PASSWORD", ""));
            defaults.put("spring.datasource.hikari.maximum-pool-size", 8);
            defaults.put("spring.datasource.hikari.minimum-idle", 1);
            defaults.put("spring.flyway.locations", "classpath:db/migration");
        }

        defaults.put("management.endpoint.health.probes.enabled", true);
        defaults.put("management.endpoints.web.exposure.include", "health,info");
        defaults.put("management.endpoint.health.show-details", "never");
        defaults.put("server.error.include-stacktrace", "never");
        defaults.put("server.error.include-message", "never");
        defaults.put("server.shutdown", "graceful");
        defaults.put("spring.jackson.deserialization.fail-on-unknown-properties", true);
        defaults.put("spring.main.banner-mode", "off");
        defaults.put("spring.threads.virtual.enabled", true);
        // no HTTP request observations: nothing exposes them (the actuator shows health and info only), and the
        // filter that records them cost ~4 % of delivery-service's CPU per queued message
        defaults.put("spring.autoconfigure.exclude", WEBMVC_OBSERVATION);
        env.getPropertySources().addLast(new MapPropertySource(SOURCE_NAME, defaults));
    }

    /** The service's own database on the given server; any database path or parameters on the server URL are replaced. */
    static String databaseUrl(String serverUrl, String databaseName) {
        String url = serverUrl.strip();
        int query = url.indexOf('?');
        if (query >= 0) {
            url = url.substring(0, query);
        }
        int schemeEnd = url.indexOf("//");
        int pathStart = schemeEnd < 0 ? -1 : url.indexOf('/', schemeEnd + 2);
        if (pathStart >= 0) {
            url = url.substring(0, pathStart);
        }
        boolean loopback = url.contains("//127.0.0.1") || url.contains("//localhost") || url.contains("//[::1]");
        return url + "/" + databaseName + "?" + DB_PARAMETERS + (loopback ? LOOPBACK_PARAMETERS : "");
    }

    static int portOffset(String value) {
        if (value == null || value.isBlank()) {
            return 0;
        }
        try {
            int offset = Integer.parseInt(value.strip());
            if (offset < 0 || offset > 60000) {
                throw new IllegalArgumentException("KUVERT_PORT_OFFSET must be between 0 and 60000, was " + value);
            }
            return offset;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("KUVERT_PORT_OFFSET must be a number, was '" + value + "'", e);
        }
    }

    static String kebab(String constant) {
        return constant.toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static void serviceUrl(ConfigurableEnvironment env, Map<String, Object> defaults, String service, KuvertPort port, int offset) {
        String variable = "KUVERT_" + service.toUpperCase(Locale.ROOT).replace('-', '_') + "_URL";
        String url = env.getProperty(variable);
        defaults.put("kuvert.urls." + service, url != null && !url.isBlank() ? url : "http://127.0.0.1:" + port.withOffset(offset));
    }
}
