package org.hrgateway.tools.bench;

/** The code and identifier systems the scenarios search by; the same the synthetic province is coded with. */
final class BenchUris {

    static final String RESIDENT_ID = "http://hr-gateway.org/fhir/sid/resident-id";
    static final String LOINC = "http://loinc.org";

    private BenchUris() {
    }
}
