CREATE TABLE domains (
    id           BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    name         VARCHAR(253) NOT NULL,
    display_name VARCHAR(253) NOT NULL,
    created_at   TIMESTAMP(3) NOT NULL,
    CONSTRAINT uq_domains_name UNIQUE (name)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE accounts (
    id            BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    domain_id     BIGINT       NOT NULL,
    address       VARCHAR(320) NOT NULL,
    display_name  VARCHAR(200) NULL,
    password_hash VARCHAR(200) NOT NULL,
    quota_bytes   BIGINT       NOT NULL,
    used_bytes    BIGINT       NOT NULL DEFAULT 0,
    enabled       BOOLEAN      NOT NULL DEFAULT TRUE,
    created_at    TIMESTAMP(3) NOT NULL,
    CONSTRAINT uq_accounts_address UNIQUE (address),
    CONSTRAINT fk_accounts_domain FOREIGN KEY (domain_id) REFERENCES domains (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- address is 'local@domain', or '@domain' for the domain's catch-all
CREATE TABLE aliases (
    id         BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    domain_id  BIGINT       NOT NULL,
    address    VARCHAR(320) NOT NULL,
    created_at TIMESTAMP(3) NOT NULL,
    CONSTRAINT uq_aliases_address UNIQUE (address),
    CONSTRAINT fk_aliases_domain FOREIGN KEY (domain_id) REFERENCES domains (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE alias_destinations (
    alias_id    BIGINT       NOT NULL,
    position    INT          NOT NULL,
    destination VARCHAR(320) NOT NULL,
    PRIMARY KEY (alias_id, position),
    CONSTRAINT uq_alias_destination UNIQUE (alias_id, destination),
    CONSTRAINT fk_alias_destinations_alias FOREIGN KEY (alias_id) REFERENCES aliases (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE INDEX ix_alias_destinations_destination ON alias_destinations (destination);

-- private_key: AES-256-GCM (12-byte nonce || ciphertext) under a key derived from the platform secret
CREATE TABLE dkim_keys (
    domain_id   BIGINT        NOT NULL PRIMARY KEY,
    selector    VARCHAR(63)   NOT NULL,
    algorithm   VARCHAR(20)   NOT NULL,
    public_key  VARCHAR(1024) NOT NULL,
    private_key VARBINARY(4096) NOT NULL,
    created_at  TIMESTAMP(3)  NOT NULL,
    CONSTRAINT fk_dkim_keys_domain FOREIGN KEY (domain_id) REFERENCES domains (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
