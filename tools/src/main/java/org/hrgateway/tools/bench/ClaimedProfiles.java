package org.hrgateway.tools.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Resource;

import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;

/**
 * For {@code --profiled}: the profile each loaded resource claims in {@code meta.profile}, per type,
 * as the server's CapabilityStatement offers them ({@code rest.resource.supportedProfile}), so the
 * load measures validated writes without the bench knowing any profile URL.
 */
final class ClaimedProfiles {

    private final Map<String, String> byType;

    ClaimedProfiles(Map<String, String> byType) {
        this.byType = Map.copyOf(byType);
    }

    static ClaimedProfiles none() {
        return new ClaimedProfiles(Map.of());
    }

    /** The first supported profile of each type the server lists. */
    static ClaimedProfiles fetch(FhirHttp http) throws IOException, InterruptedException {
        FhirHttp.Response response = http.get("metadata");
        if (response.status() != 200) {
            throw new IOException("GET metadata answered " + response.status());
        }
        Map<String, String> byType = new TreeMap<>();
        for (JsonNode rest : new ObjectMapper().readTree(response.body()).path("rest")) {
            for (JsonNode resource : rest.path("resource")) {
                JsonNode profiles = resource.path("supportedProfile");
                if (profiles.size() > 0) {
                    byType.put(resource.path("type").asText(), profiles.get(0).asText());
                }
            }
        }
        return new ClaimedProfiles(byType);
    }

    Map<String, String> byType() {
        return byType;
    }

    /** Adds the claim to every entry of a type with a profile. */
    Bundle claim(Bundle bundle) {
        for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
            Resource resource = entry.getResource();
            String profile = resource == null ? null : byType.get(resource.fhirType());
            if (profile != null && !resource.getMeta().hasProfile(profile)) {
                resource.getMeta().addProfile(profile);
            }
        }
        return bundle;
    }
}
