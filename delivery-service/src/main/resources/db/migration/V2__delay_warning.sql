-- when the sender was told that the message is delayed (one warning per message, RFC 3464 Action: delayed);
-- NULL while none was sent
ALTER TABLE queue_message ADD COLUMN delay_warned_at DATETIME(3) NULL;
