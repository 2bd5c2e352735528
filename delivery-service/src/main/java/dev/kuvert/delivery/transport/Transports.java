package dev.kuvert.delivery.transport;

import java.util.EnumMap;
import java.util.Map;

/** The transport for each route. */
public final class Transports {
    private final Map<Route, Transport> byRoute;

    public Transports(Transport local, Transport remote) {
        byRoute = new EnumMap<>(Route.class);
        byRoute.put(Route.LOCAL, local);
        byRoute.put(Route.REMOTE, remote);
    }

    public Transport forRoute(Route route) {
        return byRoute.get(route);
    }
}
