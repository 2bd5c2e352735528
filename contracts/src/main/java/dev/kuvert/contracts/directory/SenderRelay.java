package dev.kuvert.contracts.directory;

/**
 * The smarthost of one of our domains for delivery-service: all mail whose envelope sender is in {@code domain} goes
 * through it. The password is decrypted for the caller; both it and {@code username} are null without credentials.
 */
public record SenderRelay(String domain, String host, int port, RelayTls tls, String username, String password) {

    @Override
    public String toString() {
        return "SenderRelay[domain=" + domain + ", host=" + host + ", port=" + port + ", tls=" + tls + ", username=" + username + "]";
    }
}
