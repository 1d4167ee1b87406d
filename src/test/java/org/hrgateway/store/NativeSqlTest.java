package org.hrgateway.store;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import org.hibernate.reactive.mutiny.Mutiny;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** How NativeSql hands back rows: arrays always, values cast, no row as null. */
@QuarkusTest
class NativeSqlTest {

    @Inject
    Mutiny.SessionFactory sessions;

    @Test
    void givenOneColumnSelect_whenRows_thenEachRowIsAnArrayAnyway() throws Throwable {
        List<Object[]> rows = VertxContextSupport.subscribeAndAwait(() -> sessions.withSession(session ->
                NativeSql.rows(session, "select x from generate_series(1, ?1) as x", List.of(3))));

        assertEquals(3, rows.size());
        assertArrayEquals(new Object[]{2}, rows.get(1));
    }

    @Test
    void givenSeveralColumns_whenValues_thenTheFirstColumnCast() throws Throwable {
        List<String> values = VertxContextSupport.subscribeAndAwait(() -> sessions.withSession(session ->
                NativeSql.values(session, "select 'v' || x, x from generate_series(1, 2) as x", List.of(), String.class)));

        assertEquals(List.of("v1", "v2"), values);
    }

    @Test
    void givenNoRow_whenValue_thenNull() throws Throwable {
        Long value = VertxContextSupport.subscribeAndAwait(() -> sessions.withSession(session ->
                NativeSql.value(session, "select cast(?1 as bigint) where false", List.of(1L), Long.class)));

        assertNull(value);
    }
}
