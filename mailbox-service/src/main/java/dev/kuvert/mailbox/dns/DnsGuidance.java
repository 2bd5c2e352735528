package dev.kuvert.mailbox.dns;

import dev.kuvert.contracts.directory.DnsRecord;
import dev.kuvert.contracts.directory.DnsRecordStatus;
import dev.kuvert.mailbox.MailboxProperties;
import dev.kuvert.mailbox.dkim.DkimKeys;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The records a domain publishes so that mail reaches Kuvert and is trusted: MX, SPF, DKIM, DMARC,
 * and client autoconfiguration (Mozilla autoconfig, Outlook autodiscover, RFC 6186 SRV records).
 * Live checks come with the DNS checker; until then every record is {@code UNCHECKED}.
 */
@Component
public class DnsGuidance {
    private final String hostname;

    DnsGuidance(MailboxProperties properties) {
        this.hostname = properties.hostname();
    }

    public List<DnsRecord> recordsFor(String domain, DkimKeys.PublicKeyRecord dkim) {
        String host = hostname + ".";
        List<DnsRecord> records = new ArrayList<>();
        records.add(record("MX", "MX", domain, host, 10, "Mail for " + domain + " goes to " + hostname + "."));
        records.add(record("SPF", "TXT", domain, "v=spf1 mx -all", null, "Only the domain's MX hosts may send its mail."));
        if (dkim != null) {
            records.add(record("DKIM", "TXT", dkim.selector() + "._domainkey." + domain, dkim.txtValue(), null,
                    "Public key receivers use to verify Kuvert's DKIM signatures (" + dkim.algorithm() + ")."));
        }
        records.add(record("DMARC", "TXT", "_dmarc." + domain,
                "v=DMARC1; p=quarantine; adkim=r; aspf=r; rua=mailto:postmaster@" + domain, null,
                "Receivers quarantine mail that fails SPF and DKIM alignment and report to postmaster."));
        records.add(record("AUTOCONFIG", "CNAME", "autoconfig." + domain, host, null, "Thunderbird and others find their settings here."));
        records.add(record("AUTODISCOVER", "CNAME", "autodiscover." + domain, host, null, "Outlook finds its settings here."));
        records.add(record("SUBMISSION", "SRV", "_submission._tcp." + domain, "0 1 587 " + host, 0, "RFC 6186: mail submission with STARTTLS."));
        records.add(record("SUBMISSIONS", "SRV", "_submissions._tcp." + domain, "0 1 465 " + host, 0,
                "RFC 8314: mail submission over TLS."));
        records.add(record("IMAPS", "SRV", "_imaps._tcp." + domain, "0 1 993 " + host, 0, "RFC 6186: IMAP over TLS."));
        records.add(record("POP3S", "SRV", "_pop3s._tcp." + domain, "0 1 995 " + host, 0, "RFC 6186: POP3 over TLS."));
        return List.copyOf(records);
    }

    private static DnsRecord record(String purpose, String type, String name, String value, Integer priority, String detail) {
        return new DnsRecord(purpose, type, name + ".", value, priority, DnsRecordStatus.UNCHECKED, detail);
    }
}
