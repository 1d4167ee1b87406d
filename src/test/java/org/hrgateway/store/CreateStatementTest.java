package org.hrgateway.store;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import org.hibernate.reactive.mutiny.Mutiny;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hrgateway.db.StatementCachingPool;
import org.hrgateway.interaction.Prepared;
import org.hrgateway.interaction.ResourcePreparer;
import org.hrgateway.store.ResourceStore.NewResource;
import org.hrgateway.support.Fixtures;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.hamcrest.Matchers.equalTo;
import static org.hrgateway.support.FhirApi.fhir;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The one-statement create, on its own (the audit trail's path): every index table written, all or nothing. */
@QuarkusTest
class CreateStatementTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    ResourceStore store;

    @Inject
    ResourcePreparer preparer;

    @Inject
    Mutiny.SessionFactory sessions;

    @Inject
    IndexTables indexes;

    /** Longer, and the pool would parse and plan it again on every create. */
    @Test
    void givenTheCreateStatement_whenPrepared_thenThePoolKeepsIt() {
        String sql = new CreateStatement(indexes).sql();
        assertTrue(sql.length() <= StatementCachingPool.CACHED_SQL_LIMIT, sql.length() + " characters");
    }

    @Test
    void givenAResultCreatedByTheStatementAlone_whenSearchedByEachKindOfIndex_thenItIsFound() {
        String id = "create-" + Fixtures.unique();
        created(List.of(encoded(id, "Glucose")));

        fhir().get("/Observation/" + id).then().statusCode(200).body("meta.versionId", equalTo("1"));
        for (String[] search : List.of(
                new String[]{"code", "http://loinc.org|" + id},                             // token
                new String[]{"subject", "Patient/" + id},                                   // reference
                new String[]{"date", "2026-03-01"},                                         // date
                new String[]{"value-quantity", "5.4|http://unitsofmeasure.org|mmol/L"},     // quantity
                new String[]{"code-value-quantity", "http://loinc.org|" + id + "$5.4"})) {  // composite
            fhir().queryParam("_id", id).queryParam(search[0], search[1]).queryParam("_summary", "count")
                    .get("/Observation").then().statusCode(200).body("total", equalTo(1));
        }
    }

    @Test
    void givenTwoResultsOneOfWhichCannotBeStored_whenCreatedTogether_thenNeitherIs() {
        String good = "create-" + Fixtures.unique();
        String bad = "create-" + Fixtures.unique();
        // PostgreSQL refuses a NUL character in text: the second result's code text cannot be indexed.
        List<ResourceStore.Encoded> both = List.of(encoded(good, "Glucose"), encoded(bad, "Glu\u0000cose"));

        assertThrows(RuntimeException.class, () -> created(both));

        fhir().get("/Observation/" + good).then().statusCode(404);
        fhir().get("/Observation/" + bad).then().statusCode(404);
    }

    /** The statement alone, in a transaction of its own, as the audit trail runs it. */
    private void created(List<ResourceStore.Encoded> resources) {
        try {
            VertxContextSupport.subscribeAndAwait(() -> sessions.withTransaction(session ->
                    store.insertEncoded(session, resources)).ifNoItem().after(WAIT).fail());
        } catch (Throwable failure) {
            throw new RuntimeException(failure);
        }
    }

    private ResourceStore.Encoded encoded(String id, String codeText) {
        Observation observation = new Observation();
        observation.setStatus(Observation.ObservationStatus.FINAL);
        observation.setCode(new CodeableConcept().setText(codeText));
        observation.getCode().addCoding().setSystem("http://loinc.org").setCode(id);
        observation.setSubject(new Reference("Patient/" + id));
        observation.setEffective(new DateTimeType("2026-03-01T08:00:00+08:00"));
        observation.setValue(new Quantity().setValue(new BigDecimal("5.4")).setSystem("http://unitsofmeasure.org")
                .setCode("mmol/L").setUnit("mmol/L"));
        Prepared prepared = preparer.prepareNow(observation);
        return store.encodeNew(new NewResource("Observation", id, prepared.resource(), prepared.index(), "POST"),
                Instant.now());
    }
}
