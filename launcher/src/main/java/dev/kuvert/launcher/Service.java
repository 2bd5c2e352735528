package dev.kuvert.launcher;

import dev.kuvert.contracts.KuvertPort;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** The five services the launcher supervises, each an executable jar built by its Maven module. */
enum Service {
    MAILBOX("mailbox-service", KuvertPort.MAILBOX_HTTP, "KUVERT_MAILBOX_URL", 192, true),
    DELIVERY("delivery-service", KuvertPort.DELIVERY_HTTP, "KUVERT_DELIVERY_URL", 192, true),
    SMTP("smtp-service", KuvertPort.SMTP_HTTP, "KUVERT_SMTP_URL", 192, true),
    GATEWAY("gateway-service", KuvertPort.GATEWAY_HTTP, "KUVERT_GATEWAY_URL", 192, false),
    ADMIN_UI("admin-ui", KuvertPort.ADMIN_UI_HTTP, "KUVERT_ADMIN_UI_URL", 256, false);

    private final String id;
    private final KuvertPort httpPort;
    private final String urlVariable;
    private final int maxHeapMegabytes;
    private final boolean speaksTls;

    Service(String id, KuvertPort httpPort, String urlVariable, int maxHeapMegabytes, boolean speaksTls) {
        this.id = id;
        this.httpPort = httpPort;
        this.urlVariable = urlVariable;
        this.maxHeapMegabytes = maxHeapMegabytes;
        this.speaksTls = speaksTls;
    }

    /** Whether it serves or sends mail over TLS, and so needs the optimising compiler's crypto intrinsics. */
    boolean speaksTls() {
        return speaksTls;
    }

    /** The module and service name, e.g. {@code mailbox-service}. */
    String id() {
        return id;
    }

    KuvertPort httpPort() {
        return httpPort;
    }

    /** The variable through which the other services find this one, e.g. {@code KUVERT_MAILBOX_URL}. */
    String urlVariable() {
        return urlVariable;
    }

    int maxHeapMegabytes() {
        return maxHeapMegabytes;
    }

    /** Every port this service listens on. */
    List<KuvertPort> ports() {
        return Arrays.stream(KuvertPort.values()).filter(port -> port.owner().equals(id)).toList();
    }

    Path jar(Path home) {
        return home.resolve(id).resolve("target").resolve(id + "-exec.jar");
    }

    static Service byId(String id) {
        return Arrays.stream(values())
                .filter(service -> service.id.equals(id))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown service '" + id + "'; one of "
                        + Arrays.stream(values()).map(Service::id).toList()));
    }
}
