-- A domain's own smarthost: all outbound mail whose envelope sender is in the domain goes through it.
-- tls: STARTTLS, IMPLICIT or NONE. username and password are both set or both NULL (never with NONE).
-- password: AES-256-GCM (12-byte nonce || ciphertext) under a key derived from the platform secret, as dkim_keys.private_key
CREATE TABLE domain_relays (
    domain_id  BIGINT          NOT NULL PRIMARY KEY,
    host       VARCHAR(253)    NOT NULL,
    port       INT             NOT NULL,
    tls        VARCHAR(10)     NOT NULL,
    username   VARCHAR(255)    NULL,
    password   VARBINARY(2048) NULL,
    updated_at TIMESTAMP(3)    NOT NULL,
    CONSTRAINT fk_domain_relays_domain FOREIGN KEY (domain_id) REFERENCES domains (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
