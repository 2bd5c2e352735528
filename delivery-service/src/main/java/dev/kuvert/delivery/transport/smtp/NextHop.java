package dev.kuvert.delivery.transport.smtp;

import java.util.List;

/**
 * Where a destination's mail goes: the hosts to try in order (their addresses are looked up when each is
 * tried). {@code key} names the destination for connection reuse and the concurrency limit; {@code smarthost}
 * is null for a domain's mail exchangers.
 */
record NextHop(String key, List<String> hosts, int port, Smarthost smarthost) {}
