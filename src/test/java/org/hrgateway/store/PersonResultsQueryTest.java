package org.hrgateway.store;

import org.hrgateway.db.StatementCachingPool;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

class PersonResultsQueryTest {

    /** Longer, and the pool would parse and plan it on every `$recognize` again (about 5 ms each). */
    @Test
    void givenTheRecognitionStatement_whenPrepared_thenThePoolKeepsIt() {
        assertTrue(PersonResultsQuery.SQL.length() <= StatementCachingPool.CACHED_SQL_LIMIT,
                PersonResultsQuery.SQL.length() + " characters");
    }
}
