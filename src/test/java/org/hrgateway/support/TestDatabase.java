package org.hrgateway.support;

import io.quarkus.test.common.QuarkusTestResource;

/** Registers the test database, and the keys the gateway trusts, for every @QuarkusTest in the suite. */
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = SecurityResource.class, restrictToAnnotatedClass = false)
public final class TestDatabase {

    private TestDatabase() {
    }
}
