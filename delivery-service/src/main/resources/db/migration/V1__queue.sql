-- delivery-service's queue: one row per message (the body lives in the blob store under blob_key),
-- one row per recipient with its own delivery state, and one log row per delivery attempt.
-- Times are UTC, DATETIME(3).

CREATE TABLE queue_message (
    id                    VARCHAR(32)   NOT NULL,
    sender                VARCHAR(320)  NOT NULL,
    sender_domain         VARCHAR(255)  NULL,
    size_bytes            BIGINT        NOT NULL,
    blob_key              VARCHAR(200)  NOT NULL,
    client_address        VARCHAR(64)   NULL,
    helo                  VARCHAR(255)  NULL,
    authenticated_account VARCHAR(320)  NULL,
    listener              VARCHAR(20)   NULL,
    received_at           DATETIME(3)   NOT NULL,
    expires_at            DATETIME(3)   NOT NULL,
    completed_at          DATETIME(3)   NULL,
    PRIMARY KEY (id),
    INDEX ix_message_received (received_at),
    INDEX ix_message_completed (completed_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- state: QUEUED and DEFERRED rows are due at next_attempt_at; an IN_FLIGHT row belongs to
-- lease_owner until lease_expires_at, after which any instance may take it back.
-- route is NULL until the recipient was resolved against the directory (aliases expand into
-- one row per destination, original_recipient keeping the envelope address).
CREATE TABLE queue_recipient (
    id                 BIGINT        NOT NULL AUTO_INCREMENT,
    message_id         VARCHAR(32)   NOT NULL,
    recipient          VARCHAR(320)  NOT NULL,
    recipient_domain   VARCHAR(255)  NOT NULL,
    original_recipient VARCHAR(320)  NOT NULL,
    original_domain    VARCHAR(255)  NOT NULL,
    route              ENUM ('LOCAL', 'REMOTE') NULL,
    state              ENUM ('QUEUED', 'IN_FLIGHT', 'DELIVERED', 'DEFERRED', 'FAILED') NOT NULL,
    attempts           INT           NOT NULL DEFAULT 0,
    next_attempt_at    DATETIME(3)   NULL,
    last_attempt_at    DATETIME(3)   NULL,
    last_response      VARCHAR(1000) NULL,
    lease_owner        VARCHAR(100)  NULL,
    lease_expires_at   DATETIME(3)   NULL,
    PRIMARY KEY (id),
    CONSTRAINT fk_recipient_message FOREIGN KEY (message_id) REFERENCES queue_message (id) ON DELETE CASCADE,
    INDEX ix_recipient_due (state, next_attempt_at, id),
    INDEX ix_recipient_lease (state, lease_expires_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE delivery_log (
    id                 BIGINT        NOT NULL AUTO_INCREMENT,
    queue_id           VARCHAR(32)   NOT NULL,
    sender             VARCHAR(320)  NOT NULL,
    sender_domain      VARCHAR(255)  NULL,
    recipient          VARCHAR(320)  NOT NULL,
    recipient_domain   VARCHAR(255)  NOT NULL,
    original_recipient VARCHAR(320)  NOT NULL,
    original_domain    VARCHAR(255)  NOT NULL,
    status             ENUM ('DELIVERED', 'DEFERRED', 'FAILED') NOT NULL,
    remote_host        VARCHAR(255)  NULL,
    tls                VARCHAR(40)   NULL,
    response           VARCHAR(1000) NULL,
    instance_id        VARCHAR(100)  NULL,
    attempted_at       DATETIME(3)   NOT NULL,
    PRIMARY KEY (id),
    INDEX ix_log_time (attempted_at),
    INDEX ix_log_queue_id (queue_id),
    INDEX ix_log_recipient (recipient),
    INDEX ix_log_sender (sender)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
