package dev.kuvert.delivery.db;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/** Small JDBC helpers the queue and the log share: millisecond timestamps and multi-row inserts. */
public final class Sql {
    /** Rows per INSERT statement: few round trips, far below the packet and placeholder limits. */
    private static final int ROWS_PER_STATEMENT = 500;

    private Sql() {}

    /** The columns are DATETIME(3): cut to milliseconds here, so that the server never rounds. */
    public static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant.truncatedTo(ChronoUnit.MILLIS));
    }

    public static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }

    /** Cuts {@code value} to the column width (a hand-off never fails for an overlong HELO). */
    public static String clip(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }

    /** {@code INSERT INTO table (columns) VALUES (?, …), (?, …)} for all rows, in as few statements as the limits allow. */
    public static void insertRows(JdbcTemplate jdbc, String table, List<String> columns, List<Object[]> rows) {
        String tuple = "(" + String.join(", ", Collections.nCopies(columns.size(), "?")) + ")";
        String head = "INSERT INTO " + table + " (" + String.join(", ", columns) + ") VALUES ";
        for (int from = 0; from < rows.size(); from += ROWS_PER_STATEMENT) {
            List<Object[]> chunk = rows.subList(from, Math.min(rows.size(), from + ROWS_PER_STATEMENT));
            List<Object> args = new ArrayList<>(chunk.size() * columns.size());
            for (Object[] row : chunk) {
                if (row.length != columns.size()) {
                    throw new IllegalArgumentException("a row of " + table + " has " + row.length + " values for " + columns.size() + " columns");
                }
                Collections.addAll(args, row);
            }
            jdbc.update(head + String.join(", ", Collections.nCopies(chunk.size(), tuple)), args.toArray());
        }
    }
}
