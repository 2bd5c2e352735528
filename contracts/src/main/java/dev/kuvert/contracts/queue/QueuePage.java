package dev.kuvert.contracts.queue;

import java.util.List;

/**
 * One page of {@code GET /api/v1/queue}, newest message first.
 *
 * @param total how many messages match the filter in all
 */
public record QueuePage(List<QueuedMessage> items, int offset, int limit, long total) {
    public QueuePage {
        items = List.copyOf(items);
    }
}
