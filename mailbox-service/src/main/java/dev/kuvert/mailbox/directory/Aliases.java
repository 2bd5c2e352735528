package dev.kuvert.mailbox.directory;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** The {@code aliases} and {@code alias_destinations} tables. A catch-all's address is {@code @domain}. */
@Repository
class Aliases {
    private final JdbcClient jdbc;

    Aliases(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record Row(long id, String address, String domain, List<String> destinations, Instant createdAt) {
        boolean catchAll() {
            return address.startsWith("@");
        }
    }

    List<Row> all() {
        return select("", List.of());
    }

    List<Row> inDomain(String domain) {
        return select("WHERE d.name = ?", List.of(domain));
    }

    Optional<Row> find(String address) {
        return select("WHERE l.address = ?", List.of(address)).stream().findFirst();
    }

    /** Addresses of the aliases that name {@code destination} among their destinations. */
    List<String> pointingTo(String destination) {
        return jdbc.sql("""
                SELECT l.address FROM aliases l JOIN alias_destinations t ON t.alias_id = l.id
                WHERE t.destination = ? ORDER BY l.address""")
                .param(destination)
                .query(String.class)
                .list();
    }

    void insert(long domainId, String address, List<String> destinations) {
        var keys = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO aliases (domain_id, address, created_at) VALUES (?, ?, ?)")
                .params(domainId, address, Timestamp.from(Instant.now()))
                .update(keys);
        long id = keys.getKey().longValue();
        for (int i = 0; i < destinations.size(); i++) {
            jdbc.sql("INSERT INTO alias_destinations (alias_id, position, destination) VALUES (?, ?, ?)")
                    .params(id, i, destinations.get(i))
                    .update();
        }
    }

    void delete(long id) {
        jdbc.sql("DELETE FROM aliases WHERE id = ?").param(id).update();
    }

    private List<Row> select(String where, List<Object> params) {
        Map<Long, Row> rows = new LinkedHashMap<>();
        jdbc.sql("""
                SELECT l.id, l.address, d.name AS domain, l.created_at, t.destination
                FROM aliases l JOIN domains d ON d.id = l.domain_id
                LEFT JOIN alias_destinations t ON t.alias_id = l.id
                """ + where + " ORDER BY l.address, t.position")
                .params(params)
                .query(rs -> {
                    long id = rs.getLong("id");
                    Row row = rows.get(id);
                    if (row == null) {
                        row = new Row(id, rs.getString("address"), rs.getString("domain"), new ArrayList<>(),
                                rs.getTimestamp("created_at").toInstant());
                        rows.put(id, row);
                    }
                    String destination = rs.getString("destination");
                    if (destination != null) {
                        row.destinations().add(destination);
                    }
                });
        return rows.values().stream()
                .map(r -> new Row(r.id(), r.address(), r.domain(), List.copyOf(r.destinations()), r.createdAt()))
                .toList();
    }
}
