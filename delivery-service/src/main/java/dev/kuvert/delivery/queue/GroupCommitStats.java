package dev.kuvert.delivery.queue;

/** @param batches group commits so far @param items what they wrote in all */
record GroupCommitStats(long batches, long items) {}
