package dev.kuvert.contracts.directory;

public enum DnsRecordStatus {
    /** Not looked up yet. */
    UNCHECKED,
    /** Published as expected. */
    OK,
    /** Nothing published under that name. */
    MISSING,
    /** Something else is published under that name. */
    MISMATCH
}
