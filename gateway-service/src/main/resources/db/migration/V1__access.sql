CREATE TABLE admins (
    id            BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    username      VARCHAR(64)  NOT NULL,
    password_hash VARCHAR(200) NOT NULL,
    super_admin   BOOLEAN      NOT NULL,
    created_at    TIMESTAMP(3) NOT NULL,
    CONSTRAINT uq_admins_username UNIQUE (username)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- the domains (ASCII names) a domain administrator manages
CREATE TABLE admin_domains (
    admin_id BIGINT       NOT NULL,
    domain   VARCHAR(253) NOT NULL,
    PRIMARY KEY (admin_id, domain),
    CONSTRAINT fk_admin_domains_admin FOREIGN KEY (admin_id) REFERENCES admins (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- token_hash: SHA-256 (hex) of the secret token, which is shown once and never stored
CREATE TABLE api_tokens (
    id           VARCHAR(26)  NOT NULL PRIMARY KEY,
    admin_id     BIGINT       NOT NULL,
    name         VARCHAR(100) NOT NULL,
    token_hash   CHAR(64)     NOT NULL,
    created_at   TIMESTAMP(3) NOT NULL,
    expires_at   TIMESTAMP(3) NULL,
    last_used_at TIMESTAMP(3) NULL,
    CONSTRAINT uq_api_tokens_hash UNIQUE (token_hash),
    CONSTRAINT fk_api_tokens_admin FOREIGN KEY (admin_id) REFERENCES admins (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
