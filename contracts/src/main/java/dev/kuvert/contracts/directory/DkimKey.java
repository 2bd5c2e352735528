package dev.kuvert.contracts.directory;

/** A domain's DKIM signing key for delivery-service; the private key is PKCS#8 PEM, decrypted for the caller. */
public record DkimKey(String domain, String selector, String algorithm, String privateKeyPem, String publicKeyBase64) {}
