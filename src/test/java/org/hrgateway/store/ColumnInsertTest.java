package org.hrgateway.store;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The statement text; the rows it writes are checked by every store and search test against PostgreSQL. */
class ColumnInsertTest {

    @Test
    void givenColumns_whenBuilt_thenOneArrayPerColumnAndInstantsCastFromText() {
        ColumnInsert insert = new ColumnInsert("idx_date", List.of(new ColumnInsert.Column("resource_pk", Long.class),
                new ColumnInsert.Column("param", String.class), new ColumnInsert.Column("low", OffsetDateTime.class)));

        assertEquals("insert into idx_date (resource_pk, param, low) select v1, v2, cast(v3 as timestamptz)"
                + " from unnest(cast(?1 as bigint[]), cast(?2 as text[]), cast(?3 as text[])) as u(v1, v2, v3)",
                insert.sql());
    }

    @Test
    void givenTypeWithoutSqlArray_whenBuilt_thenRefused() {
        assertThrows(IllegalArgumentException.class, () -> new ColumnInsert("t",
                List.of(new ColumnInsert.Column("at", Instant.class))));
    }
}
