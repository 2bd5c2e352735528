package dev.kuvert.mailbox.imap.store;

import java.util.UUID;
import org.apache.james.mailbox.model.MessageId;

/** A James {@link MessageId}: {@code messages.message_id}, shared by the copies of one message. */
public record StoreMessageId(String value) implements MessageId {

    public static final MessageId.Factory FACTORY = new MessageId.Factory() {
        @Override
        public MessageId fromString(String serialized) {
            return new StoreMessageId(UUID.fromString(serialized).toString());
        }

        @Override
        public MessageId generate() {
            return new StoreMessageId(UUID.randomUUID().toString());
        }
    };

    @Override
    public String serialize() {
        return value;
    }

    @Override
    public boolean isSerializable() {
        return true;
    }

    @Override
    public String toString() {
        return value;
    }
}
