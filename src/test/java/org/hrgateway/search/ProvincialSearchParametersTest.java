package org.hrgateway.search;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import org.hrgateway.support.Fixtures;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hrgateway.support.FhirApi.created;
import static org.hrgateway.support.FhirApi.fhir;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The provincial SearchParameters of fhir-profiles/: `mark` (the recognition mark extension on
 * Observation and DiagnosticReport), `eqa-category` (a sub-extension of the EQA certification on
 * Organization) and `resident-id` (a Patient identifier of one system, searched by value alone),
 * and how the CapabilityStatement declares them next to the core ones.
 */
@QuarkusTest
class ProvincialSearchParametersTest {

    private static final String MR_MARK = "http://hr-gateway.org/fhir/CodeSystem/mr-mark";
    private static final String MR_CATEGORY = "http://hr-gateway.org/fhir/CodeSystem/mr-category";
    private static final String INSTITUTION = "http://hr-gateway.org/fhir/sid/institution-code";
    private static final String RESIDENT = "http://hr-gateway.org/fhir/sid/resident-id";

    private static Set<String> ids(RequestSpecification request, String type) {
        return Set.copyOf(Searchset.of(request.get("/" + type)).matchIds());
    }

    private record Marked(String subject, String hr, String sdHr, String unmarked) {
    }

    private static Marked markedObservations() {
        String subject = "Patient/mark-" + Fixtures.unique();
        return new Marked(subject,
                created("Observation", SearchFixtures.load("observation-marked.json", "subject", subject, "mark", "HR")),
                created("Observation", SearchFixtures.load("observation-marked.json", "subject", subject, "mark", "SD-HR")),
                created("Observation", SearchFixtures.load("observation-of-subject.json",
                        "subject", subject, "unique", Fixtures.unique())));
    }

    @Test
    void givenMarkedObservations_whenMarkSystemAndCode_thenOnlyThatMark() {
        Marked written = markedObservations();

        assertEquals(Set.of(written.hr()), ids(fhir().queryParam("subject", written.subject())
                .queryParam("mark", MR_MARK + "|HR"), "Observation"));
        assertEquals(Set.of(written.sdHr()), ids(fhir().queryParam("subject", written.subject())
                .queryParam("mark", MR_MARK + "|SD-HR"), "Observation"));
    }

    @Test
    void givenMarkedObservations_whenMarkCodeAlone_thenThatMarkInAnySystem() {
        Marked written = markedObservations();

        assertEquals(Set.of(written.hr()), ids(fhir().queryParam("subject", written.subject())
                .queryParam("mark", "HR"), "Observation"));
        assertEquals(Set.of(), ids(fhir().queryParam("subject", written.subject())
                .queryParam("mark", "http://example.org/other-marks|HR"), "Observation"));
    }

    @Test
    void givenMarkedObservations_whenMarkMissing_thenSplitByPresence() {
        Marked written = markedObservations();

        assertEquals(Set.of(written.unmarked()), ids(fhir().queryParam("subject", written.subject())
                .queryParam("mark:missing", "true"), "Observation"));
        assertEquals(Set.of(written.hr(), written.sdHr()), ids(fhir().queryParam("subject", written.subject())
                .queryParam("mark:missing", "false"), "Observation"));
    }

    @Test
    void givenMarkedReports_whenMarkOnDiagnosticReport_thenOnlyTheMarkedReport() {
        String subject = "Patient/mark-" + Fixtures.unique();
        String marked = created("DiagnosticReport", SearchFixtures.load("diagnostic-report-marked.json",
                "subject", subject, "mark", "HR"));
        created("DiagnosticReport", SearchFixtures.load("diagnostic-report-of-subject.json", "subject", subject));

        assertEquals(Set.of(marked), ids(fhir().queryParam("subject", subject)
                .queryParam("mark", MR_MARK + "|HR"), "DiagnosticReport"));
    }

    @Test
    void givenCertifiedHospitals_whenEqaCategory_thenOnlyThoseCertifiedForIt() {
        String unique = Fixtures.unique();
        String haematology = created("Organization", SearchFixtures.load("organization-eqa-certified.json",
                "institution", "h-" + unique, "category", "hematology"));
        String chemistry = created("Organization", SearchFixtures.load("organization-eqa-certified.json",
                "institution", "c-" + unique, "category", "clinical-chemistry"));
        String uncertified = created("Organization", SearchFixtures.load("organization-lab.json",
                "institution", "u-" + unique, "name", "Uncertified clinic " + unique));
        String ours = INSTITUTION + "|h-" + unique + "," + INSTITUTION + "|c-" + unique + "," + INSTITUTION + "|u-" + unique;

        assertEquals(Set.of(haematology), ids(fhir().queryParam("identifier", ours)
                .queryParam("eqa-category", MR_CATEGORY + "|hematology"), "Organization"));
        assertEquals(Set.of(haematology, chemistry), ids(fhir().queryParam("identifier", ours)
                .queryParam("eqa-category", "hematology,clinical-chemistry"), "Organization"));
        assertEquals(Set.of(uncertified), ids(fhir().queryParam("identifier", ours)
                .queryParam("eqa-category:missing", "true"), "Organization"));
    }

    @Test
    void givenSameValueInTwoIdentifierSystems_whenResidentId_thenOnlyTheResidentIdSystem() {
        String value = "37010" + Fixtures.unique();
        String resident = created("Patient", SearchFixtures.load("patient-identified.json",
                "system", RESIDENT, "value", value));
        created("Patient", SearchFixtures.load("patient-identified.json",
                "system", "http://hospital.example.cn/mrn", "value", value));

        assertEquals(Set.of(resident), ids(fhir().queryParam("resident-id", value), "Patient"));
    }

    @Test
    void whenMetadata_thenObservationDeclaresParametersOfEveryTypeWithTheirDefinitions() {
        String observation = "rest[0].resource.find { it.type == 'Observation' }.searchParam";
        fhir().when().get("/metadata")
                .then().statusCode(200)
                .body(observation + ".type", hasItems("token", "string", "reference", "date", "quantity", "composite"))
                .body(observation + ".find { it.name == 'code-value-quantity' }.definition",
                        equalTo("http://hl7.org/fhir/SearchParameter/Observation-code-value-quantity"))
                .body(observation + ".find { it.name == 'code-value-quantity' }.type", equalTo("composite"))
                .body(observation + ".find { it.name == 'mark' }.definition",
                        equalTo("http://hr-gateway.org/fhir/SearchParameter/mark"))
                .body(observation + ".find { it.name == 'mark' }.type", equalTo("token"))
                .body(observation + ".find { it.name == 'subject' }.definition",
                        equalTo("http://hl7.org/fhir/SearchParameter/Observation-subject"))
                .body(observation + ".find { it.name == 'subject' }.type", equalTo("reference"))
                .body(observation + ".find { it.name == 'date' }.definition",
                        equalTo("http://hl7.org/fhir/SearchParameter/clinical-date"))
                .body(observation + ".find { it.name == 'value-quantity' }.definition",
                        equalTo("http://hl7.org/fhir/SearchParameter/Observation-value-quantity"))
                .body(observation + ".find { it.name == 'value-string' }.type", equalTo("string"))
                .body("rest[0].resource.find { it.type == 'Organization' }.searchParam.find { it.name == 'eqa-category' }"
                        + ".definition", equalTo("http://hr-gateway.org/fhir/SearchParameter/eqa-category"))
                .body("rest[0].resource.find { it.type == 'Patient' }.searchParam.find { it.name == 'resident-id' }"
                        + ".definition", equalTo("http://hr-gateway.org/fhir/SearchParameter/resident-id"));
    }
}
