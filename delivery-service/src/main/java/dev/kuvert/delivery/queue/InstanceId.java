package dev.kuvert.delivery.queue;

/** The name under which this delivery-service instance holds its leases and signs its log rows. */
public record InstanceId(String value) {
    public InstanceId {
        if (value == null || value.isBlank() || value.length() > 100) {
            throw new IllegalArgumentException("an instance id needs 1 to 100 characters");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
