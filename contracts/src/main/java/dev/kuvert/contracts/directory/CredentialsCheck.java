package dev.kuvert.contracts.directory;

/** Body of {@code POST /internal/v1/authenticate}: a mail client's login, checked by the directory. */
public record CredentialsCheck(String username, String password) {}
