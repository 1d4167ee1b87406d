package org.hrgateway.tools.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;

/**
 * Which server was measured, as its CapabilityStatement ({@code GET metadata}) names it, so that a
 * results file says what it is about. Fields are null where the server does not say.
 */
record ServerInfo(String software, String version, String fhirVersion) {

    static ServerInfo unknown() {
        return new ServerInfo(null, null, null);
    }

    /** Never fails: a server without a readable CapabilityStatement is reported as unknown. */
    static ServerInfo fetch(FhirHttp http) throws InterruptedException {
        try {
            FhirHttp.Response response = http.get("metadata");
            if (response.status() != 200) {
                return unknown();
            }
            JsonNode capability = new ObjectMapper().readTree(response.body());
            return new ServerInfo(
                    capability.path("software").path("name").asText(null),
                    capability.path("software").path("version").asText(null),
                    capability.path("fhirVersion").asText(null));
        } catch (IOException e) {
            return unknown();
        }
    }

    String describe() {
        return (software == null ? "unknown server" : software)
                + (version == null ? "" : " " + version)
                + (fhirVersion == null ? "" : ", FHIR " + fhirVersion);
    }
}
