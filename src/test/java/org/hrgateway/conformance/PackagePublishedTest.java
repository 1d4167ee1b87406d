package org.hrgateway.conformance;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import org.hibernate.reactive.mutiny.Mutiny;
import org.hrgateway.capability.PackageInstaller;
import org.hrgateway.support.PackagePublished;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItems;
import static org.hrgateway.support.FhirApi.FHIR_JSON;
import static org.hrgateway.support.FhirApi.fhir;

/** The package's conformance resources are served at the base, searchable, and read-only. */
@QuarkusTest
class PackagePublishedTest {

    private static final String BASE = "http://hr-gateway.org/fhir";

    @Inject
    PackageInstaller installer;

    @Inject
    ProfilePackage profiles;

    @Inject
    Mutiny.SessionFactory sessions;

    @BeforeEach
    void packagePublished() {
        PackagePublished.await();
    }

    @Test
    void givenRecordedDigestIsStale_whenInstalledAgain_thenComparedUnchangedAndTheDigestRecorded() throws Throwable {
        sessions.withTransaction(session -> session.createNativeQuery(
                        "update installed_package set digest = 'stale' where name = ?1")
                .setParameter(1, profiles.name()).executeUpdate()).await().indefinitely();

        int written = VertxContextSupport.subscribeAndAwait(() -> installer.install());

        assertEquals(0, written, "every stored package resource equals the package's");
        String recorded = sessions.withSession(session -> session.createNativeQuery(
                        "select digest from installed_package where name = ?1", String.class)
                .setParameter(1, profiles.name()).getSingleResult()).await().indefinitely();
        assertEquals(profiles.digest(), recorded);
    }

    @Test
    void whenProfileSearchedByUrl_thenItsSnapshotIsServed() {
        fhir().queryParam("url", BASE + "/StructureDefinition/mr-observation")
                .when().get("/StructureDefinition")
                .then().statusCode(200)
                .body("total", equalTo(1))
                .body("entry[0].resource.id", equalTo("mr-observation"))
                .body("entry[0].resource.snapshot.element.size()", greaterThan(40))
                .body("entry[0].resource.snapshot.element.find { it.id == 'Observation.issued' }.min", equalTo(1));
    }

    @Test
    void whenEachKindSearched_thenThePackageResourcesAreThere() {
        fhir().queryParam("url", BASE + "/ValueSet/mr-lab-items").when().get("/ValueSet")
                .then().statusCode(200).body("total", equalTo(1));
        fhir().when().get("/CodeSystem/mr-lab-items")
                .then().statusCode(200).body("content", equalTo("supplement")).body("concept.size()", equalTo(77));
        fhir().queryParam("url", BASE + "/SearchParameter/mark").when().get("/SearchParameter")
                .then().statusCode(200).body("total", equalTo(1));
        fhir().queryParam("type", "Extension").queryParam("url:below", BASE)
                .when().get("/StructureDefinition")
                .then().statusCode(200)
                .body("entry.resource.id", hasItems("recognition-mark", "eqa-certification", "hospital-level"));
    }

    @Test
    void whenAPackageResourceIsChanged_then405AndItStaysAsPublished() {
        String current = fhir().when().get("/CodeSystem/mr-mark").then().statusCode(200).extract().asString();

        fhir().contentType(FHIR_JSON).body(current.replace("\"HR\"", "\"XX\""))
                .when().put("/CodeSystem/mr-mark")
                .then().statusCode(405).body("resourceType", equalTo("OperationOutcome"));
        fhir().when().delete("/CodeSystem/mr-mark").then().statusCode(405);
        fhir().when().get("/CodeSystem/mr-mark").then().statusCode(200).body("meta.versionId", equalTo("1"))
                .body("concept[0].code", equalTo("HR"));
    }

    @Test
    void whenAnotherResourceClaimsAPackageUrl_then409() {
        fhir().contentType(FHIR_JSON).body("""
                {"resourceType": "ValueSet", "status": "draft", "url": "%s/ValueSet/mr-mark"}
                """.formatted(BASE))
                .when().post("/ValueSet")
                .then().statusCode(409).body("resourceType", equalTo("OperationOutcome"));
    }

    @Test
    void whenObservationsSearchedInThePackageValueSet_thenTheValueSetIsKnown() {
        fhir().queryParam("code:in", BASE + "/ValueSet/mr-lab-items").queryParam("_summary", "count")
                .when().get("/Observation")
                .then().statusCode(200);
    }
}
