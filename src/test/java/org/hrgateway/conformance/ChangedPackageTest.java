package org.hrgateway.conformance;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Observation;
import org.hrgateway.support.Fixtures;
import org.hrgateway.support.PackagePublished;
import org.hrgateway.validation.LabResources;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

import static org.hamcrest.Matchers.equalTo;
import static org.hrgateway.support.FhirApi.FHIR_JSON;
import static org.hrgateway.support.FhirApi.created;
import static org.hrgateway.support.FhirApi.fhir;
import static org.hrgateway.validation.LabResources.json;

/**
 * The package is data: a copy of fhir-profiles/ with a shorter validity window for hemoglobin and
 * one more item (ferritin), given by `hr.profiles-dir`, changes lookups and validation with no
 * Java change. The copy has no snapshots, so the gateway generates them itself at start.
 */
@QuarkusTest
@TestProfile(ChangedPackageTest.EditedPackage.class)
class ChangedPackageTest {

    private static final String FERRITIN = "2276-4";

    public static class EditedPackage implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("hr.profiles-dir", editedCopy().toString(), "hr.profiles.required", "Observation");
        }
    }

    @BeforeEach
    void packagePublished() {
        PackagePublished.await();
    }

    @Test
    void givenAShorterWindowInTheFile_whenLookedUp_thenTheNewWindow() {
        fhir().queryParam("system", "http://loinc.org").queryParam("code", "718-7")
                .when().get("/CodeSystem/$lookup")
                .then().statusCode(200)
                .body("parameter.findAll { it.name == 'property' }.find { it.part[0].valueCode == 'validity-days' }.part[1].valueInteger",
                        equalTo(3));
    }

    @Test
    void givenAnItemAddedInTheFiles_whenAResultForItIsWritten_thenAccepted() {
        String patientId = created("Patient", json(LabResources.patient("37010219600101" + Fixtures.unique().substring(0, 4))));
        String organizationId = created("Organization", json(LabResources.organization("ORG-" + Fixtures.unique())));
        Observation observation = LabResources.observation(patientId, organizationId);
        observation.setCode(new CodeableConcept(new Coding("http://loinc.org", FERRITIN, "Ferritin [Mass/volume] in Serum or Plasma")));

        created("Observation", json(observation));
        fhir().queryParam("system", "http://loinc.org").queryParam("code", FERRITIN)
                .when().get("/CodeSystem/$lookup")
                .then().statusCode(200);
    }

    @Test
    void givenAShorterWindowAndAnAddedItemInTheFiles_whenRecognize_thenTheNewWindowAndTheNewItemApply() {
        String patientId = created("Patient", json(LabResources.patient("37010219600101" + Fixtures.unique().substring(0, 4))));
        org.hl7.fhir.r4.model.Organization lab = LabResources.organization("ORG-" + Fixtures.unique());
        org.hl7.fhir.r4.model.Extension certification = lab.addExtension()
                .setUrl("http://hr-gateway.org/fhir/StructureDefinition/eqa-certification");
        certification.addExtension("category", new Coding("http://hr-gateway.org/fhir/CodeSystem/mr-category", "hematology", null));
        certification.addExtension("period", new org.hl7.fhir.r4.model.Period()
                .setStartElement(new org.hl7.fhir.r4.model.DateTimeType("2020-01-01"))
                .setEndElement(new org.hl7.fhir.r4.model.DateTimeType("2099-12-31")));
        String labId = created("Organization", json(lab));
        Observation observation = LabResources.observation(patientId, labId);
        observation.setEffective(new org.hl7.fhir.r4.model.DateTimeType("2026-11-20T08:30:00+08:00"));
        observation.setIssued(java.util.Date.from(java.time.Instant.parse("2026-11-20T04:00:00Z")));
        created("Observation", json(observation));
        String call = """
                {"resourceType": "Parameters", "parameter": [
                  {"name": "code", "valueCoding": {"system": "http://loinc.org", "code": "718-7"}},
                  {"name": "code", "valueCoding": {"system": "http://loinc.org", "code": "%s"}},
                  {"name": "at", "valueDateTime": "2026-11-24T08:30:00+08:00"}]}""".formatted(FERRITIN);

        // Four days after the specimen: within the package's 7 days, past the edited 3.
        fhir().contentType(FHIR_JSON).body(call).when().post("/Patient/" + patientId + "/$recognize")
                .then().statusCode(200)
                .body("parameter[0].part.find { it.name == 'outcome' }.valueCode", equalTo("not-recognized"))
                .body("parameter[0].part.find { it.name == 'reason' }.valueCodeableConcept.coding[0].code", equalTo("expired"))
                .body("parameter[1].part.find { it.name == 'outcome' }.valueCode", equalTo("not-recognized"))
                .body("parameter[1].part.find { it.name == 'reason' }.valueCodeableConcept.coding[0].code",
                        equalTo("no-prior-result"));
    }

    @Test
    void givenObservationsRequiredToClaimAProfile_whenOneClaimsNone_then422() {
        Observation observation = LabResources.observation("p", "o");
        observation.getMeta().getProfile().clear();

        fhir().contentType(FHIR_JSON).body(json(observation))
                .when().post("/Observation")
                .then().statusCode(422)
                .body("issue[0].expression[0]", equalTo("Observation.meta.profile"));
    }

    /** fhir-profiles/ copied to a temporary folder, then edited as a provincial team would. */
    static Path editedCopy() {
        try {
            Path copy = Files.createTempDirectory("hr-profiles-");
            try (Stream<Path> files = Files.list(Path.of("fhir-profiles"))) {
                for (Path file : files.toList()) {
                    Files.copy(file, copy.resolve(file.getFileName()));
                }
            }
            ObjectMapper json = new ObjectMapper();
            Path codeSystemFile = copy.resolve("CodeSystem-mr-lab-items.json");
            ObjectNode codeSystem = (ObjectNode) json.readTree(codeSystemFile.toFile());
            for (var concept : codeSystem.withArray("concept")) {
                if (concept.path("code").asText().equals("718-7")) {
                    for (var property : concept.withArray("property")) {
                        if (property.path("code").asText().equals("validity-days")) {
                            ((ObjectNode) property).put("valueInteger", 3);
                        }
                    }
                }
            }
            ObjectNode ferritin = codeSystem.withArray("concept").addObject()
                    .put("code", FERRITIN).put("display", "Ferritin [Mass/volume] in Serum or Plasma");
            ArrayNode properties = ferritin.putArray("property");
            properties.addObject().put("code", "category").put("valueCode", "biochemistry");
            properties.addObject().put("code", "validity-days").put("valueInteger", 30);
            json.writerWithDefaultPrettyPrinter().writeValue(codeSystemFile.toFile(), codeSystem);

            Path valueSetFile = copy.resolve("ValueSet-mr-lab-items.json");
            ObjectNode valueSet = (ObjectNode) json.readTree(valueSetFile.toFile());
            ((ArrayNode) valueSet.path("compose").path("include").get(0).path("concept")).addObject()
                    .put("code", FERRITIN).put("display", "Ferritin [Mass/volume] in Serum or Plasma");
            json.writerWithDefaultPrettyPrinter().writeValue(valueSetFile.toFile(), valueSet);
            copy.toFile().deleteOnExit();
            return copy;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
