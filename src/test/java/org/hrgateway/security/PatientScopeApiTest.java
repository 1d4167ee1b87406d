package org.hrgateway.security;

import io.quarkus.test.junit.QuarkusTest;
import org.hrgateway.support.Fixtures;
import org.hrgateway.support.PackagePublished;
import org.hrgateway.support.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hrgateway.support.FhirApi.FHIR_JSON;
import static org.hrgateway.support.FhirApi.created;
import static org.hrgateway.support.FhirApi.fhir;
import static org.hrgateway.support.FhirApi.fhirAs;

/**
 * A patient's own app (`patient/` scopes) sees that patient's compartment and nothing else: reads
 * outside it are 403, searches are narrowed to it, included resources outside it are left out with
 * a warning; it writes nothing and runs no operation. Included resources of types a token may not
 * read are left out for `user/` tokens too.
 */
@QuarkusTest
class PatientScopeApiTest {

    private String code;
    private String organization;
    private String mine;
    private String theirs;
    private String myResult;
    private String theirResult;

    @BeforeEach
    void data() {
        PackagePublished.await();
        code = "pat-" + Fixtures.unique();
        organization = created("Organization", "{\"resourceType\":\"Organization\",\"name\":\"" + code + "\"}");
        mine = created("Patient", "{\"resourceType\":\"Patient\",\"active\":true}");
        theirs = created("Patient", "{\"resourceType\":\"Patient\",\"active\":true}");
        myResult = created("Observation", observation(mine));
        theirResult = created("Observation", observation(theirs));
    }

    private String observation(String patient) {
        return "{\"resourceType\":\"Observation\",\"status\":\"final\",\"code\":{\"coding\":[{\"system\":\"urn:test\","
                + "\"code\":\"" + code + "\"}]},\"subject\":{\"reference\":\"Patient/" + patient + "\"},"
                + "\"performer\":[{\"reference\":\"Organization/" + organization + "\"}]}";
    }

    private String app(String scope) {
        return TestTokens.patient(mine, scope);
    }

    @Test
    void givenMyApp_whenReading_thenOnlyMyCompartmentIsVisible() {
        fhirAs(app("patient/*.rs")).get("/Patient/" + mine).then().statusCode(200);
        fhirAs(app("patient/*.rs")).get("/Observation/" + myResult).then().statusCode(200);
        fhirAs(app("patient/*.rs")).get("/Observation/" + myResult + "/_history/1").then().statusCode(200);
        fhirAs(app("patient/*.rs")).get("/Patient/" + theirs).then().statusCode(403)
                .body("issue[0].code", equalTo("forbidden"))
                .body("issue[0].diagnostics", containsString("not in the compartment of Patient/" + mine));
        fhirAs(app("patient/*.rs")).get("/Observation/" + theirResult).then().statusCode(403);
        fhirAs(app("patient/*.rs")).get("/Observation/" + theirResult + "/_history/1").then().statusCode(403);
        // What is no one's patient data is readable with the scope.
        fhirAs(app("patient/Organization.r")).get("/Organization/" + organization).then().statusCode(200);
    }

    @Test
    void givenMyApp_whenSearching_thenTheSearchIsNarrowedToMe() {
        fhirAs(app("patient/Observation.s")).queryParam("code", "urn:test|" + code).get("/Observation")
                .then().statusCode(200).body("total", equalTo(1))
                .body("entry[0].resource.id", equalTo(myResult))
                .body("link.find { it.relation == 'self' }.url", containsString("subject="))
                .body("link.find { it.relation == 'self' }.url", containsString(mine));
        // Asking for another patient finds nothing rather than their data.
        fhirAs(app("patient/Observation.s")).queryParam("subject", "Patient/" + theirs).get("/Observation")
                .then().statusCode(200).body("total", equalTo(0));
        fhirAs(app("patient/Patient.s")).queryParam("_id", mine + "," + theirs).get("/Patient")
                .then().statusCode(200).body("total", equalTo(1)).body("entry[0].resource.id", equalTo(mine));
    }

    @Test
    void givenMyApp_whenIncludingWhatItMayNotSee_thenItIsLeftOutWithAWarning() {
        fhirAs(app("patient/Observation.s")).queryParam("code", "urn:test|" + code)
                .queryParam("_include", "Observation:performer").queryParam("_include", "Observation:subject")
                .get("/Observation").then().statusCode(200)
                .body("entry.search.mode", equalTo(java.util.List.of("match", "outcome")))
                .body("entry[1].resource.resourceType", equalTo("OperationOutcome"))
                .body("entry[1].resource.issue[0].code", equalTo("suppressed"))
                .body("entry[1].resource.issue[0].diagnostics", containsString("Organization, Patient"));
        fhirAs(app("patient/*.rs")).queryParam("code", "urn:test|" + code)
                .queryParam("_include", "Observation:performer").queryParam("_include", "Observation:subject")
                .get("/Observation").then().statusCode(200)
                .body("entry.search.mode", everyItem(not(equalTo("outcome"))))
                .body("entry.resource.id", hasItem(organization));
    }

    @Test
    void givenMyApp_whenIncludingAnotherPatientsResource_thenItIsLeftOut() {
        fhirAs(app("patient/*.rs")).queryParam("_id", organization).queryParam("_revinclude", "Observation:performer")
                .get("/Organization").then().statusCode(200)
                .body("entry.resource.id", hasItem(myResult))
                .body("entry.resource.id", not(hasItem(theirResult)))
                .body("entry.find { it.search.mode == 'outcome' }.resource.issue[0].diagnostics",
                        containsString("Observation"));
    }

    @Test
    void givenAUserTokenWithoutReadOnTheIncludedType_whenIncluding_thenLeftOutWithAWarning() {
        String token = TestTokens.user("H001", "user/Observation.s");
        fhirAs(token).queryParam("code", "urn:test|" + code).queryParam("_include", "Observation:subject")
                .get("/Observation").then().statusCode(200)
                .body("entry.resource.resourceType", equalTo(java.util.List.of("Observation", "Observation", "OperationOutcome")));
    }

    @Test
    void givenMyApp_whenWritingReadingHistoryOrRunningAnOperation_then403() {
        String token = app("patient/*.cruds");
        fhirAs(token).contentType(FHIR_JSON).body(observation(mine)).post("/Observation").then().statusCode(403);
        fhirAs(token).delete("/Observation/" + myResult).then().statusCode(403);
        fhirAs(token).get("/Observation/" + myResult + "/_history").then().statusCode(403);
        fhirAs(token).get("/Observation/_history").then().statusCode(403);
        fhirAs(token).contentType(FHIR_JSON).body("{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"code\","
                + "\"valueCoding\":{\"system\":\"http://loinc.org\",\"code\":\"718-7\"}}]}")
                .post("/Patient/" + mine + "/$recognize").then().statusCode(403);
    }

    @Test
    void givenAPatientScopeWithoutAPatientClaim_whenReading_then403NamingTheClaim() {
        fhirAs(TestTokens.userWithoutInstitution("patient/*.rs")).get("/Patient/" + mine).then().statusCode(403)
                .body("issue[0].diagnostics", containsString("patient claim"));
    }

    @Test
    void givenHasCriteria_whenSearched_thenPatientScopesAreRefusedAndUserScopesNeedTheOtherType() {
        fhirAs(app("patient/*.rs")).queryParam("_has:Observation:performer:subject", "Patient/" + theirs)
                .get("/Organization").then().statusCode(403).body("issue[0].diagnostics", containsString("_has"));
        fhirAs(TestTokens.user("H001", "user/Patient.s")).queryParam("_has:Observation:subject:code", "urn:test|" + code)
                .get("/Patient").then().statusCode(403);
        fhirAs(TestTokens.user("H001", "user/Patient.s user/Observation.s"))
                .queryParam("_has:Observation:subject:code", "urn:test|" + code).get("/Patient")
                .then().statusCode(200).body("total", equalTo(2));
    }

    @Test
    void givenAPatientClaimThatIsNoId_whenReading_then403() {
        fhirAs(TestTokens.patient(mine + "," + theirs, "patient/*.rs")).get("/Patient/" + mine).then().statusCode(403)
                .body("issue[0].diagnostics", containsString("not a Patient id"));
    }

    /** The patient whose data another patient's app asked for sees the attempt in their log (outcome 4). */
    @Test
    void givenMyApp_whenRefusedAnotherPatientsResult_thenTheirLogShowsTheAttempt() {
        fhirAs(app("patient/*.rs")).get("/Observation/" + theirResult).then().statusCode(403);
        fhir().queryParam("patient", "Patient/" + theirs).queryParam("outcome", "4").get("/AuditEvent")
                .then().statusCode(200).body("total", equalTo(1))
                .body("entry[0].resource.agent[0].altId", equalTo("patient-" + mine))
                .body("entry[0].resource.entity[1].what.reference", equalTo("Observation/" + theirResult + "/_history/1"));
    }
}
