package org.hrgateway.client;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.PreconditionFailedException;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hrgateway.support.Fixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URL;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Drives the gateway with HAPI FHIR's own generic client, the way a hospital integrator would. */
@QuarkusTest
class HapiGenericClientTest {

    private static final String RESIDENT_ID = "http://hr-gateway.org/fhir/sid/resident-id";

    @TestHTTPResource("/fhir")
    URL base;

    private IGenericClient client;

    @BeforeEach
    void connect() {
        FhirContext context = FhirContext.forR4Cached();
        context.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.ONCE);
        client = context.newRestfulGenericClient(base.toString());
        client.registerInterceptor(new ca.uhn.fhir.rest.client.interceptor.BearerTokenAuthInterceptor(
                org.hrgateway.support.TestTokens.system()));
    }

    @Test
    void givenGenericClient_whenCreateReadUpdateDelete_thenVersionsFollow() {
        Patient patient = new Patient();
        patient.addIdentifier().setSystem(RESIDENT_ID).setValue("hapi-" + Fixtures.unique());
        patient.addName().setFamily("Liu").addGiven("Yang");

        MethodOutcome created = client.create().resource(patient).execute();
        assertTrue(created.getCreated());
        IdType id = (IdType) created.getId();
        assertEquals("1", id.getVersionIdPart());

        Patient read = client.read().resource(Patient.class).withId(id.getIdPart()).execute();
        assertEquals("Liu", read.getNameFirstRep().getFamily());

        read.getNameFirstRep().setFamily("Liu-Updated");
        MethodOutcome updated = client.update().resource(read).execute();
        assertEquals("2", updated.getId().getVersionIdPart());

        Patient first = client.read().resource(Patient.class).withIdAndVersion(id.getIdPart(), "1").execute();
        assertEquals("Liu", first.getNameFirstRep().getFamily());

        read.setId(id.withVersion("1"));
        assertThrows(PreconditionFailedException.class,
                () -> client.update().resource(read).withId(id.toUnqualifiedVersionless().withVersion("1")).execute(),
                "a stale version must not overwrite");

        client.delete().resourceById(id.toUnqualifiedVersionless()).execute();
        assertThrows(ResourceGoneException.class,
                () -> client.read().resource(Patient.class).withId(id.getIdPart()).execute());
    }

    @Test
    void givenGenericClient_whenTransactionAndHistory_thenReferencesResolvedAndHistoryListed() {
        Patient patient = new Patient();
        String resident = "hapi-tx-" + Fixtures.unique();
        patient.addIdentifier().setSystem(RESIDENT_ID).setValue(resident);
        Observation observation = new Observation();
        observation.setStatus(Observation.ObservationStatus.FINAL);
        observation.getCode().addCoding().setSystem("http://loinc.org").setCode("2345-7");
        observation.setSubject(new Reference("urn:uuid:patient-1"));
        observation.setValue(new Quantity().setValue(5.4).setUnit("mmol/L"));

        Bundle transaction = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        transaction.addEntry().setFullUrl("urn:uuid:patient-1").setResource(patient).getRequest()
                .setMethod(Bundle.HTTPVerb.POST).setUrl("Patient").setIfNoneExist("identifier=" + RESIDENT_ID + "|" + resident);
        transaction.addEntry().setResource(observation).getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Observation");

        Bundle response = client.transaction().withBundle(transaction).execute();
        assertEquals(Bundle.BundleType.TRANSACTIONRESPONSE, response.getType());
        String patientId = new IdType(response.getEntry().get(0).getResponse().getLocation()).getIdPart();
        String observationId = new IdType(response.getEntry().get(1).getResponse().getLocation()).getIdPart();

        Observation stored = client.read().resource(Observation.class).withId(observationId).execute();
        assertEquals("Patient/" + patientId, stored.getSubject().getReference());

        Bundle history = client.history().onInstance(new IdType("Observation", observationId))
                .returnBundle(Bundle.class).execute();
        assertEquals(1, history.getEntry().size());
        assertEquals(Bundle.BundleType.HISTORY, history.getType());
    }
}
