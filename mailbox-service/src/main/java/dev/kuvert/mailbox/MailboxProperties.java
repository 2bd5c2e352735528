package dev.kuvert.mailbox;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * mailbox-service configuration, bound from the {@code KUVERT_*} environment (see application.yml).
 *
 * @param hostname the server's FQDN, the target of MX and autoconfig records
 * @param defaultQuotaBytes quota of an account created without one
 * @param dkimSelector selector under which new DKIM keys are published
 * @param maxMessageBytes the largest message the store accepts
 * @param pop3Port POP3 with STLS
 * @param pop3sPort POP3 over TLS
 * @param imapPort IMAP with STARTTLS
 * @param imapsPort IMAP over TLS
 * @param tlsCert PEM certificate chain ({@code KUVERT_TLS_CERT}); empty for the generated self-signed one
 * @param tlsKey PEM private key ({@code KUVERT_TLS_KEY})
 */
@ConfigurationProperties(prefix = "kuvert")
public record MailboxProperties(String hostname, Path dataDir, long defaultQuotaBytes, String dkimSelector, long maxMessageBytes,
        int pop3Port, int pop3sPort, String tlsCert, String tlsKey, int imapPort, int imapsPort) {}
