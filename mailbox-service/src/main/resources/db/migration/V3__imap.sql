-- IMAP on the message store (issue 4).

-- A message's identity across folders (RFC 8474 EMAILID; James's MessageId): a copy keeps it, a
-- delivered or appended message gets a new one.
ALTER TABLE messages ADD COLUMN message_id CHAR(36) NULL DEFAULT (UUID());
UPDATE messages SET message_id = UUID() WHERE message_id IS NULL;
CREATE INDEX ix_messages_message_id ON messages (message_id);

-- Subscriptions to names that are not (or not yet) folders; a folder's own subscription is folders.subscribed.
CREATE TABLE imap_subscriptions (
    account_id BIGINT       NOT NULL,
    mailbox    VARCHAR(512) NOT NULL,
    PRIMARY KEY (account_id, mailbox),
    CONSTRAINT fk_imap_subscriptions_account FOREIGN KEY (account_id) REFERENCES accounts (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- RFC 5464 METADATA on folders.
CREATE TABLE folder_annotations (
    folder_id      BIGINT       NOT NULL,
    annotation_key VARCHAR(255) NOT NULL,
    value          MEDIUMTEXT   NOT NULL,
    PRIMARY KEY (folder_id, annotation_key),
    CONSTRAINT fk_folder_annotations_folder FOREIGN KEY (folder_id) REFERENCES folders (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
