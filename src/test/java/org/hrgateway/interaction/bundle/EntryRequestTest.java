package org.hrgateway.interaction.bundle;

import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.hl7.fhir.r4.model.Bundle.HTTPVerb;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;
import org.hrgateway.fhir.ResourceTypes;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A transaction or batch entry's request as the Bundle interactions read it, before anything runs. */
@QuarkusTest
class EntryRequestTest {

    private static final String BASE = "http://localhost:8080/fhir";

    @Inject
    ResourceTypes types;

    private static BundleEntryComponent entry(HTTPVerb method, String url, Resource resource) {
        BundleEntryComponent entry = new BundleEntryComponent().setResource(resource);
        entry.getRequest().setMethod(method).setUrl(url);
        return entry;
    }

    private EntryRequest parse(BundleEntryComponent entry) {
        return EntryRequest.parse(3, entry, types, BASE);
    }

    private String refusal(BundleEntryComponent entry) {
        String message = assertThrows(InvalidRequestException.class, () -> parse(entry)).getMessage();
        assertTrue(message.startsWith("Bundle.entry[3] "), message);
        return message;
    }

    @Test
    void givenAnAbsoluteUrlOnThisBase_whenParsed_thenRelative() {
        EntryRequest request = parse(entry(HTTPVerb.PUT, BASE + "/Patient/p1", new Patient().setActive(true)));
        assertEquals("Patient", request.type());
        assertEquals("p1", request.id());
        assertTrue(!request.isConditional());
        assertEquals("Bundle.entry[3] (PUT Patient/p1)", request.label());
    }

    @Test
    void givenAConditionalUpdate_whenParsed_thenTheQueryIsKept() {
        EntryRequest request = parse(entry(HTTPVerb.PUT, "Patient?identifier=http://x|1", new Patient().setActive(true)));
        assertTrue(request.isConditional());
        assertEquals("identifier=http://x|1", request.query());
        assertNull(request.id());
    }

    @Test
    void givenAVersionedRead_whenParsed_thenTheVersionIsKept() {
        EntryRequest request = parse(entry(HTTPVerb.GET, "Observation/o1/_history/2", null));
        assertEquals("o1", request.id());
        assertEquals("2", request.versionId());
    }

    @Test
    void givenCreateWithIfNoneExist_whenParsed_thenKept() {
        BundleEntryComponent entry = entry(HTTPVerb.POST, "Observation", new Observation().setStatus(Observation.ObservationStatus.FINAL));
        entry.getRequest().setIfNoneExist("identifier=http://lab|42");
        assertEquals("identifier=http://lab|42", parse(entry).ifNoneExist());
    }

    @Test
    void givenMalformedEntries_whenParsed_thenEachSaysWhatIsWrong() {
        assertThat(refusal(new BundleEntryComponent().setResource(new Patient().setActive(true))), containsString("needs request.method and request.url"));
        assertThat(refusal(entry(HTTPVerb.POST, "Patient/p1", new Patient().setActive(true))), containsString("resource type alone"));
        assertThat(refusal(entry(HTTPVerb.PUT, "Patient", new Patient().setActive(true))), containsString("'Type/id' or 'Type?search'"));
        assertThat(refusal(entry(HTTPVerb.PUT, "Patient/p1", null)), containsString("PUT needs a resource"));
        assertThat(refusal(entry(HTTPVerb.PUT, "Observation/o1", new Patient().setActive(true))), containsString("holds a Patient"));
        assertThat(refusal(entry(HTTPVerb.DELETE, "Patient", null)), containsString("a DELETE url"));
        assertThat(refusal(entry(HTTPVerb.GET, "Patient?name=x", null)), containsString("search entries are not supported"));
        assertTrue(refusal(entry(HTTPVerb.POST, "Medication", new org.hl7.fhir.r4.model.Medication().setStatus(org.hl7.fhir.r4.model.Medication.MedicationStatus.ACTIVE)))
                .contains("not a resource type this server serves"));
        assertThrows(InvalidRequestException.class, () -> parse(entry(HTTPVerb.PUT, "Patient/" + "x".repeat(65), new Patient().setActive(true))));
    }
}
