package org.hrgateway.store;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import org.hibernate.metamodel.spi.MappingMetamodelImplementor;
import org.hibernate.query.spi.QueryInterpretationCache;
import org.hibernate.reactive.mutiny.Mutiny;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Hibernate's plan cache and native selects (see NativeSql and application.properties). */
@QuarkusTest
class NativeSqlTest {

    private static final int CALLS = 200;

    @Inject
    Mutiny.SessionFactory sessions;

    @Test
    void givenSameSelectRepeated_whenRun_thenAnsweredAndPlanCacheStaysSmall() throws Throwable {
        String sql = "select cast(?1 as bigint) + 7";

        for (int i = 0; i < CALLS; i++) {
            long value = i;
            Long answer = VertxContextSupport.subscribeAndAwait(() -> sessions.withSession(session ->
                    NativeSql.value(session, sql, List.of(value), Long.class)));
            assertEquals(Long.valueOf(value + 7), answer);
        }

        // Hibernate adds a plan per call; the configured size bounds what each lookup scans.
        assertTrue(cachedPlans() <= 64, "cached plans: " + cachedPlans());
    }

    private int cachedPlans() {
        return cache().getNumberOfCachedQueryPlans();
    }

    private QueryInterpretationCache cache() {
        return ((MappingMetamodelImplementor) sessions.getMetamodel()).getTypeConfiguration().getSessionFactory()
                .getQueryEngine().getInterpretationCache();
    }
}
