-- One row per delivery attempt; the queue tables arrive with the SMTP hand-off.
CREATE TABLE delivery_log (
    id           BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    queue_id     VARCHAR(40)  NOT NULL,
    sender       VARCHAR(320) NOT NULL,
    recipient    VARCHAR(320) NOT NULL,
    status       VARCHAR(20)  NOT NULL,
    remote_host  VARCHAR(255) NULL,
    tls          VARCHAR(40)  NULL,
    response     VARCHAR(1000) NULL,
    attempted_at TIMESTAMP(3) NOT NULL,
    INDEX ix_delivery_log_time (attempted_at),
    INDEX ix_delivery_log_recipient (recipient),
    INDEX ix_delivery_log_sender (sender)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
