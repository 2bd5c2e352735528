package dev.kuvert.contracts;

/**
 * Every port of the embedded default. {@code KUVERT_PORT_OFFSET} is added to each of them, so two
 * instances can run side by side on one machine.
 */
public enum KuvertPort {
    GATEWAY_HTTP("gateway-service", 8080),
    ADMIN_UI_HTTP("admin-ui", 8090),
    MAILBOX_HTTP("mailbox-service", 8082),
    IMAP("mailbox-service", 2143),
    IMAPS("mailbox-service", 2993),
    POP3("mailbox-service", 2110),
    POP3S("mailbox-service", 2995),
    DELIVERY_HTTP("delivery-service", 8083),
    SMTP_HTTP("smtp-service", 8084),
    SMTP_MX("smtp-service", 2525),
    SUBMISSION("smtp-service", 2587),
    SUBMISSIONS("smtp-service", 2465),
    EMBEDDED_DATABASE("embedded MariaDB", 3307);

    private final String owner;
    private final int defaultPort;

    KuvertPort(String owner, int defaultPort) {
        this.owner = owner;
        this.defaultPort = defaultPort;
    }

    public String owner() {
        return owner;
    }

    public int defaultPort() {
        return defaultPort;
    }

    public int withOffset(int offset) {
        return defaultPort + offset;
    }
}
