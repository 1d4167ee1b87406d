package org.hrgateway.search;

import org.hrgateway.search.query.SearchSql;
import org.hrgateway.store.StoredResource;

import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;

/** One resource a search returned, with its row key and sort values (for the page's cursors). */
public record SearchRow(long pk, StoredResource stored, List<Object> sortValues) {

    static SearchRow of(Object[] columns) {
        StoredResource stored = new StoredResource((String) columns[SearchSql.TYPE], (String) columns[SearchSql.ID],
                ((Number) columns[SearchSql.VERSION]).intValue(), instant(columns[SearchSql.LAST_UPDATED]), false,
                (String) columns[SearchSql.CONTENT], null);
        List<Object> sortValues = columns.length > SearchSql.FIRST_SORT_VALUE
                ? Arrays.asList(Arrays.copyOfRange(columns, SearchSql.FIRST_SORT_VALUE, columns.length))
                : List.of();
        return new SearchRow(((Number) columns[SearchSql.PK]).longValue(), stored, sortValues);
    }

    private static java.time.Instant instant(Object value) {
        if (value instanceof OffsetDateTime time) {
            return time.toInstant();
        }
        if (value instanceof java.sql.Timestamp timestamp) {
            return timestamp.toInstant();
        }
        if (value instanceof java.time.LocalDateTime local) {
            return local.toInstant(java.time.ZoneOffset.UTC);
        }
        return (java.time.Instant) value;
    }
}
