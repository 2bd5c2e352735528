package dev.kuvert.contracts.directory;

/**
 * One DNS record an administrator publishes for a domain.
 *
 * @param type MX, TXT, CNAME, SRV …
 * @param purpose MX, SPF, DKIM, DMARC, AUTOCONFIG, AUTODISCOVER, …
 * @param status live state of the record in DNS
 */
public record DnsRecord(String purpose, String type, String name, String value, Integer priority, DnsRecordStatus status, String detail) {}
