-- Folders are IMAP mailboxes; every account has INBOX, Sent, Drafts, Trash, Junk and Archive.
CREATE TABLE folders (
    id             BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    account_id     BIGINT       NOT NULL,
    name           VARCHAR(255) NOT NULL,
    special_use    VARCHAR(20)  NULL,
    uid_validity   BIGINT       NOT NULL,
    uid_next       BIGINT       NOT NULL DEFAULT 1,
    highest_modseq BIGINT       NOT NULL DEFAULT 0,
    subscribed     BOOLEAN      NOT NULL DEFAULT TRUE,
    created_at     TIMESTAMP(3) NOT NULL,
    CONSTRAINT uq_folders_name UNIQUE (account_id, name),
    CONSTRAINT fk_folders_account FOREIGN KEY (account_id) REFERENCES accounts (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- blob_id: SHA-256 (hex) of the message bytes in the blob store; flags: system flags as a bit set
CREATE TABLE messages (
    id            BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
    folder_id     BIGINT        NOT NULL,
    uid           BIGINT        NOT NULL,
    modseq        BIGINT        NOT NULL,
    blob_id       CHAR(64)      NOT NULL,
    size          BIGINT        NOT NULL,
    internal_date TIMESTAMP(3)  NOT NULL,
    flags         INT           NOT NULL DEFAULT 0,
    user_flags    VARCHAR(2000) NULL,
    CONSTRAINT uq_messages_uid UNIQUE (folder_id, uid),
    CONSTRAINT fk_messages_folder FOREIGN KEY (folder_id) REFERENCES folders (id) ON DELETE CASCADE,
    INDEX ix_messages_blob (blob_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- One row per queued message delivered to an account: delivery is idempotent per (account, queue id).
CREATE TABLE local_deliveries (
    account_id   BIGINT       NOT NULL,
    queue_id     VARCHAR(64)  NOT NULL,
    folder_id    BIGINT       NOT NULL,
    uid          BIGINT       NOT NULL,
    delivered_at TIMESTAMP(3) NOT NULL,
    PRIMARY KEY (account_id, queue_id),
    CONSTRAINT fk_local_deliveries_account FOREIGN KEY (account_id) REFERENCES accounts (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- Blobs whose last message went away; swept once no message refers to them after a grace period.
CREATE TABLE orphan_blobs (
    blob_id      CHAR(64)     NOT NULL PRIMARY KEY,
    orphaned_at  TIMESTAMP(3) NOT NULL
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
