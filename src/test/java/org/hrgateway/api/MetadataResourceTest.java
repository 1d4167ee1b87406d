package org.hrgateway.api;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.hrgateway.support.FhirApi.FHIR_XML;
import static org.hrgateway.support.FhirApi.fhir;

@QuarkusTest
class MetadataResourceTest {

    @Test
    void whenMetadata_thenCapabilityStatementListsServedTypesInteractionsAndSearchParams() {
        fhir().when().get("/metadata")
                .then().statusCode(200)
                .body("resourceType", equalTo("CapabilityStatement"))
                .body("fhirVersion", equalTo("4.0.1"))
                .body("format", hasItems("application/fhir+json", "application/fhir+xml"))
                .body("rest[0].interaction.code", hasItems("transaction", "batch", "history-system"))
                .body("rest[0].resource.type", hasItems("Patient", "Observation", "DiagnosticReport",
                        "ServiceRequest", "Specimen", "DetectedIssue", "AuditEvent", "Provenance", "OperationDefinition"))
                .body("rest[0].resource.type", not(hasItem("Medication")))
                .body("rest[0].operation.name", hasItems("recognize", "recognition-report"))
                .body("rest[0].operation.name", not(hasItem("validate")))
                .body("rest[0].resource.find { it.type == 'Observation' }.interaction.code",
                        hasItems("read", "vread", "update", "delete", "create", "history-instance", "history-type"))
                .body("rest[0].resource.find { it.type == 'Observation' }.conditionalCreate", equalTo(true))
                .body("rest[0].resource.find { it.type == 'Observation' }.searchParam.name",
                        hasItems("_id", "_lastUpdated", "_tag", "_profile", "code", "identifier", "subject", "patient",
                                "date", "value-quantity", "code-value-quantity"))
                .body("rest[0].resource.find { it.type == 'Observation' }.searchParam.find { it.name == 'code' }.definition",
                        equalTo("http://hl7.org/fhir/SearchParameter/clinical-code"));
    }

    @Test
    void whenMetadata_thenOperationsAndPackageProfilesListedPerType() {
        fhir().when().get("/metadata")
                .then().statusCode(200)
                .body("rest[0].resource.find { it.type == 'Observation' }.operation.name", hasItems("validate"))
                .body("rest[0].resource.find { it.type == 'Observation' }.supportedProfile",
                        hasItems("http://hr-gateway.org/fhir/StructureDefinition/mr-observation"))
                .body("rest[0].resource.find { it.type == 'ValueSet' }.operation.name",
                        hasItems("validate", "expand", "validate-code"))
                .body("rest[0].resource.find { it.type == 'CodeSystem' }.operation.find { it.name == 'lookup' }.definition",
                        equalTo("http://hl7.org/fhir/OperationDefinition/CodeSystem-lookup"))
                .body("rest[0].resource.find { it.type == 'DetectedIssue' }.supportedProfile",
                        hasItems("http://hr-gateway.org/fhir/StructureDefinition/mr-declined-recognition"));
    }

    @Test
    void givenXmlAccept_whenMetadata_thenXml() {
        fhir().accept(FHIR_XML).when().get("/metadata")
                .then().statusCode(200).contentType(startsWith(FHIR_XML))
                .body("CapabilityStatement.fhirVersion.@value", equalTo("4.0.1"));
    }
}
