package dev.kuvert.contracts.queue;

import java.util.List;

/**
 * One page of {@code GET /api/v1/logs/deliveries}, newest attempt first.
 *
 * @param total how many entries match the filter in all
 */
public record DeliveryLogPage(List<DeliveryLogEntry> items, int offset, int limit, long total) {
    public DeliveryLogPage {
        items = List.copyOf(items);
    }
}
