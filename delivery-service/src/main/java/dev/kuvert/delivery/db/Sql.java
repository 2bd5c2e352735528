package dev.kuvert.delivery.db;

import dev.kuvert.support.SqlRows;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/** Small JDBC helpers the queue and the log share: millisecond timestamps and multi-row inserts. */
public final class Sql {
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
        SqlRows.insert(jdbc, table, columns, rows);
    }
}
