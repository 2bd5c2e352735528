package dev.kuvert.launcher;

import dev.kuvert.contracts.KuvertPort;
import java.util.HashMap;
import java.util.Map;

/**
 * The environment each service process gets: the launcher's own environment passed through unchanged
 * (so {@code KUVERT_DNS_SERVERS}, {@code KUVERT_RELAY_HOST} … reach the services), with the values the
 * launcher resolved set on top.
 */
final class ServiceEnvironment {

    /** Where the services find the database. */
    record Database(String url, String user, String password) {}

    private ServiceEnvironment() {}

    static Map<String, String> of(Map<String, String> inherited, Settings settings, Database database, String secret,
            String adminPassword) {
        Map<String, String> env = new HashMap<>(inherited);
        env.put("KUVERT_HOSTNAME", settings.hostname());
        env.put("KUVERT_DATA_DIR", settings.layout().dataDir().toString());
        env.put("KUVERT_PORT_OFFSET", Integer.toString(settings.portOffset()));
        env.put("KUVERT_DB_URL", database.url());
        env.put("KUVERT_DB_USER", database.user());
        env.put("KUVERT_DB_PASSWORD", database.password());
        env.put("KUVERT_SECRET", secret);
        env.put("KUVERT_ADMIN_USER", settings.adminUser());
        env.put("KUVERT_ADMIN_PASSWORD", adminPassword);
        for (Service service : Service.values()) {
            env.put(service.urlVariable(), "http://127.0.0.1:" + settings.port(service.httpPort()));
        }
        // fewer glibc malloc arenas: noticeably less resident memory for five JVMs on a small machine
        env.putIfAbsent("MALLOC_ARENA_MAX", "2");
        return env;
    }

    static String embeddedDatabaseUrl(Settings settings) {
        return "jdbc:mysql://127.0.0.1:" + settings.port(KuvertPort.EMBEDDED_DATABASE);
    }
}
