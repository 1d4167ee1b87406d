package org.hrgateway.search.query;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SqlWriterTest {

    @Test
    void givenPlainCode_whenWritten_thenALiteralTheGenericPlanCanWeigh() {
        SqlQuery query = new SqlWriter().append("code = ").code("718-7").build();

        assertEquals("code = '718-7'", query.sql());
        assertEquals(List.of(), query.parameters());
    }

    @Test
    void givenCodeWithAnythingButPlainCharacters_whenWritten_thenBound() {
        SqlQuery query = new SqlWriter().append("code = ").code("x' or '1'='1").build();

        assertEquals("code = ?1", query.sql());
        assertEquals(List.of("x' or '1'='1"), query.parameters());
    }
}
