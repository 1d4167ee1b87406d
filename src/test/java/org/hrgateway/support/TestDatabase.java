package org.hrgateway.support;

import io.quarkus.test.common.QuarkusTestResource;

/** Registers the test database for every @QuarkusTest in the suite. */
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = false)
public final class TestDatabase {

    private TestDatabase() {
    }
}
