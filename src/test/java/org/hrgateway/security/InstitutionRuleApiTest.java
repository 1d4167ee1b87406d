package org.hrgateway.security;

import io.quarkus.test.junit.QuarkusTest;
import org.hrgateway.support.Fixtures;
import org.hrgateway.support.PackagePublished;
import org.hrgateway.support.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.hrgateway.support.FhirApi.FHIR_JSON;
import static org.hrgateway.support.FhirApi.created;
import static org.hrgateway.support.FhirApi.fhir;
import static org.hrgateway.support.FhirApi.fhirAs;

/**
 * A hospital writes only its own results: with a `user/` token, what a write leaves behind and what
 * it replaces must belong to the token's institution, on every write path; `system/` tokens are not
 * bound, but a clinician's decision is amended only by its author's institution. Each refusal leaves
 * the stored version as it was.
 */
@QuarkusTest
class InstitutionRuleApiTest {

    private static final String SYSTEM = TestTokens.INSTITUTION_SYSTEM;

    private String mine;
    private String theirs;
    private String myOrg;
    private String theirOrg;
    private String myRole;
    private String theirRole;
    private String patient;

    @BeforeEach
    void institutions() {
        PackagePublished.await();
        String unique = Fixtures.unique();
        mine = "MINE-" + unique;
        theirs = "THEIRS-" + unique;
        myOrg = created("Organization", organization(null, mine));
        theirOrg = created("Organization", organization(null, theirs));
        myRole = created("PractitionerRole", role(myOrg));
        theirRole = created("PractitionerRole", role(theirOrg));
        patient = created("Patient", "{\"resourceType\":\"Patient\",\"managingOrganization\":{\"reference\":\"Organization/"
                + theirOrg + "\"}}");
    }

    private static String organization(String id, String code) {
        return "{\"resourceType\":\"Organization\"," + (id == null ? "" : "\"id\":\"" + id + "\",")
                + "\"identifier\":[{\"system\":\"" + SYSTEM + "\",\"value\":\"" + code + "\"}],\"name\":\"" + code + "\"}";
    }

    private static String role(String org) {
        return "{\"resourceType\":\"PractitionerRole\",\"organization\":{\"reference\":\"Organization/" + org + "\"}}";
    }

    /** An Observation performed by `performers` (references), with `id` when given. */
    private String observation(String id, String... performers) {
        StringBuilder json = new StringBuilder("{\"resourceType\":\"Observation\",");
        if (id != null) {
            json.append("\"id\":\"").append(id).append("\",");
        }
        json.append("\"status\":\"final\",\"code\":{\"coding\":[{\"system\":\"http://loinc.org\",\"code\":\"718-7\"}]},")
                .append("\"subject\":{\"reference\":\"Patient/").append(patient).append("\"}");
        for (int i = 0; i < performers.length; i++) {
            json.append(i == 0 ? ",\"performer\":[" : ",").append("{\"reference\":\"").append(performers[i]).append("\"}");
        }
        return json.append(performers.length == 0 ? "}" : "]}").toString();
    }

    private String me() {
        return TestTokens.user(mine, "user/*.cruds");
    }

    @Test
    void givenMyOrganizationAsPerformer_whenCreated_then201() {
        fhirAs(me()).contentType(FHIR_JSON).body(observation(null, "Organization/" + myOrg)).post("/Observation")
                .then().statusCode(201);
    }

    @Test
    void givenMyPractitionerRoleAsPerformer_whenCreated_thenItStandsForItsOrganization() {
        fhirAs(me()).contentType(FHIR_JSON).body(observation(null, "PractitionerRole/" + myRole, "Practitioner/x"))
                .post("/Observation").then().statusCode(201);
        fhirAs(me()).contentType(FHIR_JSON).body(observation(null, "PractitionerRole/" + theirRole))
                .post("/Observation").then().statusCode(403)
                .body("issue[0].code", equalTo("forbidden"))
                .body("issue[0].diagnostics", containsString("Organization/" + theirOrg + " (institution " + theirs + ")"));
    }

    @Test
    void givenAnotherInstitutionAsPerformer_whenCreated_then403AndNothingStored() {
        String marker = "urn:test:" + Fixtures.unique();
        String body = observation(null, "Organization/" + theirOrg)
                .replace("\"status\"", "\"identifier\":[{\"system\":\"urn:test\",\"value\":\"" + marker + "\"}],\"status\"");
        fhirAs(me()).contentType(FHIR_JSON).body(body).post("/Observation").then().statusCode(403)
                .body("issue[0].code", equalTo("forbidden"))
                .body("issue[0].diagnostics", containsString("not to your institution (" + mine + ")"));
        fhir().queryParam("identifier", "urn:test|" + marker).get("/Observation").then().body("total", equalTo(0));
    }

    @Test
    void givenBothInstitutionsAsPerformers_whenCreated_then403() {
        fhirAs(me()).contentType(FHIR_JSON).body(observation(null, "Organization/" + myOrg, "Organization/" + theirOrg))
                .post("/Observation").then().statusCode(403);
    }

    @Test
    void givenNoOrganizationAsPerformer_whenCreated_then403NamingWhatIsMissing() {
        fhirAs(me()).contentType(FHIR_JSON).body(observation(null, "Practitioner/x")).post("/Observation")
                .then().statusCode(403)
                .body("issue[0].diagnostics", containsString("names no Organization in performer"));
        fhirAs(me()).contentType(FHIR_JSON).body(observation(null, "Organization/not-stored-" + Fixtures.unique()))
                .post("/Observation").then().statusCode(403)
                .body("issue[0].diagnostics", containsString("(no institution code)"));
    }

    @Test
    void givenATokenWithoutAnInstitution_whenWriting_then403NamingTheClaim() {
        String token = TestTokens.userWithoutInstitution("user/*.cruds");
        fhirAs(token).contentType(FHIR_JSON).body(observation(null, "Organization/" + myOrg)).post("/Observation")
                .then().statusCode(403).body("issue[0].diagnostics", containsString("institution claim"));
        // Types the rule does not bind are written as the scopes allow.
        fhirAs(token).contentType(FHIR_JSON).body("{\"resourceType\":\"Practitioner\",\"active\":true}")
                .post("/Practitioner").then().statusCode(201);
    }

    @Test
    void givenMyObservation_whenUpdatedToAnotherInstitution_then403AndTheStoredVersionStays() {
        String id = created("Observation", observation(null, "Organization/" + myOrg));
        fhirAs(me()).contentType(FHIR_JSON).body(observation(id, "Organization/" + theirOrg)).put("/Observation/" + id)
                .then().statusCode(403).body("issue[0].diagnostics", containsString("as written belongs to"));
        fhir().get("/Observation/" + id).then().statusCode(200).body("meta.versionId", equalTo("1"))
                .body("performer[0].reference", equalTo("Organization/" + myOrg));
        fhirAs(me()).contentType(FHIR_JSON).body(observation(id, "Organization/" + myOrg)).put("/Observation/" + id)
                .then().statusCode(200);
    }

    @Test
    void givenTheirObservation_whenUpdatedToMine_then403AsStored() {
        String id = created("Observation", observation(null, "Organization/" + theirOrg));
        fhirAs(me()).contentType(FHIR_JSON).body(observation(id, "Organization/" + myOrg)).put("/Observation/" + id)
                .then().statusCode(403)
                .body("issue[0].diagnostics", containsString("may not change or delete it"));
        fhir().get("/Observation/" + id).then().body("meta.versionId", equalTo("1"));
    }

    @Test
    void givenTheirObservation_whenDeleted_then403AndItStays_andMineIsDeleted() {
        String theirsId = created("Observation", observation(null, "Organization/" + theirOrg));
        fhirAs(me()).delete("/Observation/" + theirsId).then().statusCode(403);
        fhir().get("/Observation/" + theirsId).then().statusCode(200);
        String mineId = created("Observation", observation(null, "Organization/" + myOrg));
        fhirAs(me()).delete("/Observation/" + mineId).then().statusCode(200);
    }

    @Test
    void givenConditionalWrites_whenTheyReachAnotherInstitution_then403() {
        String marker = Fixtures.unique();
        String body = observation(null, "Organization/" + theirOrg)
                .replace("\"status\"", "\"identifier\":[{\"system\":\"urn:test\",\"value\":\"" + marker + "\"}],\"status\"");
        fhir().contentType(FHIR_JSON).body(body).post("/Observation").then().statusCode(201);
        fhirAs(me()).contentType(FHIR_JSON).body(body.replace(theirOrg, myOrg))
                .put("/Observation?identifier=urn:test|" + marker).then().statusCode(403);
        fhirAs(me()).delete("/Observation?identifier=urn:test|" + marker).then().statusCode(403);
        fhir().queryParam("identifier", "urn:test|" + marker).get("/Observation").then().body("total", equalTo(1));
    }

    @Test
    void givenAPatientManagedElsewhere_whenMyHospitalUpdatesIt_then403_andItsResultsMayStillBeWritten() {
        fhirAs(me()).contentType(FHIR_JSON)
                .body("{\"resourceType\":\"Patient\",\"id\":\"" + patient + "\",\"active\":true,\"managingOrganization\":"
                        + "{\"reference\":\"Organization/" + myOrg + "\"}}")
                .put("/Patient/" + patient).then().statusCode(403);
        fhirAs(me()).contentType(FHIR_JSON).body(observation(null, "Organization/" + myOrg)).post("/Observation")
                .then().statusCode(201);
        fhirAs(me()).contentType(FHIR_JSON).body("{\"resourceType\":\"Patient\",\"managingOrganization\":"
                + "{\"reference\":\"Organization/" + myOrg + "\"}}").post("/Patient").then().statusCode(201);
    }

    @Test
    void givenAnOrder_whenTheRequesterIsAnotherInstitutionsRole_then403() {
        String order = "{\"resourceType\":\"ServiceRequest\",\"status\":\"draft\",\"intent\":\"order\","
                + "\"subject\":{\"reference\":\"Patient/" + patient + "\"},\"requester\":{\"reference\":\"PractitionerRole/%s\"}}";
        fhirAs(me()).contentType(FHIR_JSON).body(order.formatted(theirRole)).post("/ServiceRequest").then().statusCode(403);
        fhirAs(me()).contentType(FHIR_JSON).body(order.formatted(myRole)).post("/ServiceRequest").then().statusCode(201);
    }

    @Test
    void givenOrganizations_whenAHospitalWritesThem_thenOnlyItsOwn() {
        fhirAs(me()).contentType(FHIR_JSON).body(organization(null, mine)).post("/Organization").then().statusCode(201);
        fhirAs(me()).contentType(FHIR_JSON).body(organization(null, theirs)).post("/Organization").then().statusCode(403);
        // Taking another hospital's Organization over would let its results be written in that name.
        fhirAs(me()).contentType(FHIR_JSON).body(organization(theirOrg, mine)).put("/Organization/" + theirOrg)
                .then().statusCode(403);
        fhirAs(me()).contentType(FHIR_JSON).body(role(myOrg).replace("{\"resourceType\":\"PractitionerRole\",",
                        "{\"resourceType\":\"PractitionerRole\",\"id\":\"" + theirRole + "\","))
                .put("/PractitionerRole/" + theirRole).then().statusCode(403);
    }

    @Test
    void givenTheSystemToken_whenWritingForAnyInstitution_thenAllowed() {
        String id = created("Observation", observation(null, "Organization/" + theirOrg));
        fhir().contentType(FHIR_JSON).body(observation(id, "Organization/" + myOrg)).put("/Observation/" + id)
                .then().statusCode(200);
        fhir().contentType(FHIR_JSON).body(observation(null)).post("/Observation").then().statusCode(201);
    }

    @Test
    void givenATransaction_whenOneEntryIsAnotherInstitutions_thenNothingIsStored() {
        String marker = Fixtures.unique();
        String placeholder = "urn:uuid:" + java.util.UUID.randomUUID();
        String transaction = "{\"resourceType\":\"Bundle\",\"type\":\"transaction\",\"entry\":["
                + "{\"fullUrl\":\"" + placeholder + "\",\"resource\":"
                + organization(null, mine).replace("\"name\":\"" + mine + "\"", "\"name\":\"" + marker + "\"")
                + ",\"request\":{\"method\":\"POST\",\"url\":\"Organization\"}},"
                + "{\"resource\":" + observation(null, placeholder) + ",\"request\":{\"method\":\"POST\",\"url\":\"Observation\"}},"
                + "{\"resource\":" + observation(null, "Organization/%s") + ",\"request\":{\"method\":\"POST\",\"url\":\"Observation\"}}]}";
        fhirAs(me()).contentType(FHIR_JSON).body(transaction.formatted(theirOrg)).post("").then().statusCode(403)
                .body("issue[0].code", equalTo("forbidden"));
        fhir().queryParam("name", marker).get("/Organization").then().body("total", equalTo(0));
        // The same transaction for my own institution: the Organization it creates is seen at its end.
        fhirAs(me()).contentType(FHIR_JSON).body(transaction.formatted(myOrg)).post("").then().statusCode(200)
                .body("entry[1].response.status", startsWith("201"));
    }

    @Test
    void givenABatch_whenOneEntryIsAnotherInstitutions_thenOnlyThatEntryIs403() {
        String batch = "{\"resourceType\":\"Bundle\",\"type\":\"batch\",\"entry\":["
                + "{\"resource\":" + observation(null, "Organization/" + theirOrg) + ",\"request\":{\"method\":\"POST\",\"url\":\"Observation\"}},"
                + "{\"resource\":" + observation(null, "Organization/" + myOrg) + ",\"request\":{\"method\":\"POST\",\"url\":\"Observation\"}}]}";
        fhirAs(me()).contentType(FHIR_JSON).body(batch).post("").then().statusCode(200)
                .body("entry[0].response.status", startsWith("403"))
                .body("entry[0].response.outcome.issue[0].code", equalTo("forbidden"))
                .body("entry[1].response.status", startsWith("201"));
    }

    @Test
    void givenAClinicianDecision_whenAmended_thenOnlyByItsAuthorsInstitution_andItsHistoryIsKept() {
        String result = created("Observation", observation(null, "Organization/" + theirOrg));
        String order = created("ServiceRequest", "{\"resourceType\":\"ServiceRequest\",\"status\":\"active\","
                + "\"intent\":\"order\",\"subject\":{\"reference\":\"Patient/" + patient + "\"}}");
        String decision = "{\"resourceType\":\"DetectedIssue\",%s\"status\":\"%s\",\"code\":{\"coding\":[{\"system\":"
                + "\"http://hr-gateway.org/fhir/CodeSystem/mr-issue-type\",\"code\":\"repeat-test\"}]},"
                + "\"patient\":{\"reference\":\"Patient/" + patient + "\"},\"author\":{\"reference\":\"PractitionerRole/"
                + myRole + "\"},\"implicated\":[{\"reference\":\"Observation/" + result + "\"},{\"reference\":"
                + "\"ServiceRequest/" + order + "\"}],\"mitigation\":[{\"action\":{\"coding\":[{\"system\":"
                + "\"http://hr-gateway.org/fhir/CodeSystem/mr-decline-reason\",\"code\":\"%s\"}]}}]}";
        String id = fhirAs(me()).contentType(FHIR_JSON).body(decision.formatted("", "preliminary", "emergency")).post("/DetectedIssue")
                .then().log().ifValidationFails().statusCode(201).extract().path("id");
        String amended = decision.formatted("\"id\":\"" + id + "\",", "final", "condition-changed");
        fhirAs(TestTokens.user(theirs, "user/*.cruds")).contentType(FHIR_JSON).body(amended).put("/DetectedIssue/" + id)
                .then().statusCode(403);
        fhir().contentType(FHIR_JSON).body(amended).put("/DetectedIssue/" + id).then().statusCode(403)
                .body("issue[0].diagnostics", containsString("only its author's institution may amend it"));
        fhirAs(me()).contentType(FHIR_JSON).body(amended).put("/DetectedIssue/" + id).then().statusCode(200);
        fhir().get("/DetectedIssue/" + id + "/_history").then().statusCode(200).body("entry.size()", equalTo(2))
                .body("entry[1].resource.status", equalTo("preliminary"));
        fhir().delete("/DetectedIssue/" + id).then().statusCode(403);
    }

    @Test
    void givenAUserTokenWithSomeSystemScope_whenWritingAnotherInstitutionsResult_thenStillBound() {
        String mixed = TestTokens.user(mine, "user/*.cruds system/ValueSet.r");
        fhirAs(mixed).contentType(FHIR_JSON).body(observation(null, "Organization/" + theirOrg)).post("/Observation")
                .then().statusCode(403);
        fhirAs(mixed).contentType(FHIR_JSON).body(observation(null, "Organization/" + myOrg)).post("/Observation")
                .then().statusCode(201);
    }

    @Test
    void givenAnOrganizationCarryingTwoInstitutionCodes_whenUsedOrMade_then403() {
        String both = created("Organization", "{\"resourceType\":\"Organization\",\"identifier\":[{\"system\":\""
                + SYSTEM + "\",\"value\":\"" + mine + "\"},{\"system\":\"" + SYSTEM + "\",\"value\":\"" + theirs + "\"}]}");
        fhirAs(me()).contentType(FHIR_JSON).body(observation(null, "Organization/" + both)).post("/Observation")
                .then().statusCode(403).body("issue[0].diagnostics", containsString("alone"));
        fhirAs(me()).contentType(FHIR_JSON).body("{\"resourceType\":\"Organization\",\"identifier\":[{\"system\":\""
                        + SYSTEM + "\",\"value\":\"" + mine + "\"},{\"system\":\"" + SYSTEM + "\",\"value\":\"" + theirs + "\"}]}")
                .post("/Organization").then().statusCode(403);
    }

    @Test
    void givenAnOwnerThisGatewayCannotResolve_whenWritten_then403NamingIt() {
        fhirAs(me()).contentType(FHIR_JSON)
                .body(observation(null, "Organization/" + myOrg, "https://heze.example/fhir/Organization/" + theirOrg))
                .post("/Observation").then().statusCode(403)
                .body("issue[0].diagnostics", containsString("https://heze.example/fhir/Organization/" + theirOrg));
    }

    @Test
    void givenMyDeletedObservation_whenRecreatedWithItsIdByAUserToken_then403_andBySystemAllowed() {
        String id = created("Observation", observation(null, "Organization/" + myOrg));
        fhirAs(me()).delete("/Observation/" + id).then().statusCode(200);
        fhirAs(me()).contentType(FHIR_JSON).body(observation(id, "Organization/" + myOrg)).put("/Observation/" + id)
                .then().statusCode(403).body("issue[0].diagnostics", containsString("was deleted"));
        fhir().contentType(FHIR_JSON).body(observation(id, "Organization/" + myOrg)).put("/Observation/" + id)
                .then().statusCode(201);
    }
}
