package org.hrgateway.interaction;

import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;
import org.hrgateway.support.Fixtures;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hrgateway.support.FhirApi.FHIR_JSON;
import static org.hrgateway.support.FhirApi.fhir;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Every path that stores a resource announces it to the write listeners once committed, with the
 * stored version; a listener that fails leaves the write and its answer as they were.
 */
@QuarkusTest
class WriteEventsTest {

    private static final String MARK = "WriteEventsProbe-";

    /** Listens to Patients whose family name carries the test's mark; a name with "fails" makes it throw. */
    @ApplicationScoped
    public static class Probe implements WriteListener {

        static final Map<String, String> SEEN = new ConcurrentHashMap<>();

        @Override
        public boolean wants(String type, int status) {
            return "Patient".equals(type);
        }

        @Override
        public Uni<WriteOutcome> committed(Resource stored, WriteOutcome outcome, String baseUrl) {
            String family = ((Patient) stored).getNameFirstRep().getFamily();
            if (family == null || !family.startsWith(MARK)) {
                return Uni.createFrom().item(outcome);
            }
            SEEN.put(family, outcome.status() + " " + stored.getIdElement().getIdPart());
            if (family.contains("fails")) {
                return Uni.createFrom().failure(new IllegalStateException("the probe fails on purpose"));
            }
            return Uni.createFrom().item(outcome.withWarnings(List.of("seen by the probe")));
        }
    }

    private static String patient(String family, String id) {
        return "{\"resourceType\":\"Patient\"" + (id == null ? "" : ",\"id\":\"" + id + "\"")
                + ",\"identifier\":[{\"system\":\"http://hospital.example.cn/his/patient\",\"value\":\"" + family + "\"}]"
                + ",\"name\":[{\"family\":\"" + family + "\"}]}";
    }

    @ParameterizedTest
    @ValueSource(strings = {"post", "put", "conditional-put", "transaction", "batch"})
    void givenAWrite_whenCommitted_thenTheListenerSeesTheStoredVersionAndItsWarningIsAnswered(String path) {
        String family = MARK + path + "-" + Fixtures.unique();
        String id = "probe-" + Fixtures.unique();
        String answer = switch (path) {
            case "post" -> fhir().contentType(FHIR_JSON).header("Prefer", "return=OperationOutcome")
                    .body(patient(family, null)).when().post("/Patient").then().statusCode(201).extract().asString();
            case "put" -> fhir().contentType(FHIR_JSON).header("Prefer", "return=OperationOutcome")
                    .body(patient(family, id)).when().put("/Patient/" + id).then().statusCode(201).extract().asString();
            case "conditional-put" -> fhir().contentType(FHIR_JSON).header("Prefer", "return=OperationOutcome")
                    .body(patient(family, null))
                    .when().put("/Patient?identifier=http://hospital.example.cn/his/patient|" + family)
                    .then().statusCode(201).extract().asString();
            default -> fhir().contentType(FHIR_JSON).body("{\"resourceType\":\"Bundle\",\"type\":\"" + path + "\",\"entry\":[{"
                            + "\"fullUrl\":\"urn:uuid:0c6a7f52-1b1e-4c7e-9d55-" + Fixtures.unique().replace("-", "").substring(0, 12) + "\","
                            + "\"resource\":" + patient(family, null) + ",\"request\":{\"method\":\"POST\",\"url\":\"Patient\"}}]}")
                    .when().post("").then().statusCode(200).body("entry[0].response.status", containsString("201"))
                    .extract().asString();
        };

        assertEquals(true, Probe.SEEN.getOrDefault(family, "").startsWith("201 "), family + " seen: " + Probe.SEEN.get(family));
        String storedId = Probe.SEEN.get(family).substring(4);
        fhir().when().get("/Patient/" + storedId).then().statusCode(200).body("name[0].family", equalTo(family));
        org.hamcrest.MatcherAssert.assertThat(answer, containsString("seen by the probe"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"post", "put"})
    void givenAListenerThatFails_whenWritten_thenTheWriteStandsAndIsAnswered201(String path) {
        String family = MARK + "fails-" + path + "-" + Fixtures.unique();
        String id = "probe-" + Fixtures.unique();
        String location = ("post".equals(path)
                ? fhir().contentType(FHIR_JSON).body(patient(family, null)).when().post("/Patient")
                : fhir().contentType(FHIR_JSON).body(patient(family, id)).when().put("/Patient/" + id))
                .then().statusCode(201).extract().header("Location");

        assertEquals(true, Probe.SEEN.containsKey(family));
        fhir().when().get(location.replaceAll(".*/fhir", "").replaceAll("/_history/.*", ""))
                .then().statusCode(200).body("name[0].family", equalTo(family));
    }
}
