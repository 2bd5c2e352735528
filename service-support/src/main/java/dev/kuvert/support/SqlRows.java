package dev.kuvert.support;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.stream.LongStream;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Statements over many rows at once: multi-row inserts and {@code IN (…)} lists, in as few round trips as the limits allow,
 * and integer columns of many rows read without holding the rows.
 */
public final class SqlRows {
    /** Rows (or values) per statement: far below the packet and placeholder limits. */
    static final int PER_STATEMENT = 500;

    private SqlRows() {}

    /** {@code INSERT INTO table (columns) VALUES (?, …), (?, …)} for all rows. */
    public static void insert(JdbcTemplate jdbc, String table, List<String> columns, List<Object[]> rows) {
        String tuple = "(" + String.join(", ", Collections.nCopies(columns.size(), "?")) + ")";
        String head = "INSERT INTO " + table + " (" + String.join(", ", columns) + ") VALUES ";
        for (int from = 0; from < rows.size(); from += PER_STATEMENT) {
            List<Object[]> chunk = rows.subList(from, Math.min(rows.size(), from + PER_STATEMENT));
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

    /**
     * The first {@code columns} columns of a query whose values are all integers, column by column: {@code result[c][r]}
     * is column c of row r. The rows are streamed (MySQL Connector/J reads them as they are used instead of holding
     * them all first), so listing a folder of 100,000 messages allocates its arrays and hardly anything else.
     */
    public static long[][] longColumns(JdbcTemplate jdbc, int columns, String sql, Object... args) {
        LongStream.Builder[] values = new LongStream.Builder[columns];
        Arrays.setAll(values, c -> LongStream.builder());
        jdbc.query(connection -> {
            PreparedStatement statement = connection.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
            statement.setFetchSize(Integer.MIN_VALUE); // Connector/J's signal to stream
            for (int i = 0; i < args.length; i++) {
                statement.setObject(i + 1, args[i]);
            }
            return statement;
        }, (ResultSet rs) -> {
            for (int c = 0; c < columns; c++) {
                values[c].add(rs.getLong(c + 1));
            }
        });
        return Arrays.stream(values).map(v -> v.build().toArray()).toArray(long[][]::new);
    }

    /** {@code ?, ?, …} for an {@code IN (…)} list of {@code n} values (n ≥ 1). */
    public static String placeholders(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("an IN list needs at least one value");
        }
        return String.join(", ", Collections.nCopies(n, "?"));
    }

    /** The values in chunks small enough for one {@code IN (…)} each. */
    public static <T> List<List<T>> chunks(Collection<T> values) {
        List<T> all = List.copyOf(values);
        List<List<T>> chunks = new ArrayList<>();
        for (int from = 0; from < all.size(); from += PER_STATEMENT) {
            chunks.add(all.subList(from, Math.min(all.size(), from + PER_STATEMENT)));
        }
        return chunks;
    }
}
