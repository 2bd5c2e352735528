package dev.kuvert.contracts.directory;

import java.util.List;

/**
 * What the directory knows of a recipient address.
 *
 * @param kind ACCOUNT, ALIAS (expanded, catch-all included), or UNKNOWN
 * @param mailboxes the local accounts that receive the mail (empty when unknown)
 * @param external remote addresses an alias forwards to
 * @param localDomain whether the address's domain is one of ours
 * @param overQuota true when every receiving account is already full
 */
public record RecipientResolution(
        String address, Kind kind, boolean localDomain, List<String> mailboxes, List<String> external, boolean overQuota) {
    public enum Kind {
        ACCOUNT,
        ALIAS,
        UNKNOWN
    }
}
