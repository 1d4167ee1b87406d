package org.hrgateway.tools.demo;

/**
 * The system and extension URIs the demo data is coded with. The provincial ones must match the
 * package in fhir-profiles/, or the gateway will not recognise what the demo loads.
 */
final class DemoUris {

    static final String INSTITUTION_CODE = "http://hr-gateway.org/fhir/sid/institution-code";
    static final String RESIDENT_ID = "http://hr-gateway.org/fhir/sid/resident-id";
    static final String RECOGNITION_MARK = "http://hr-gateway.org/fhir/StructureDefinition/recognition-mark";
    static final String MR_MARK = "http://hr-gateway.org/fhir/CodeSystem/mr-mark";
    static final String HOSPITAL_LEVEL_EXTENSION = "http://hr-gateway.org/fhir/StructureDefinition/hospital-level";
    static final String EQA_CERTIFICATION = "http://hr-gateway.org/fhir/StructureDefinition/eqa-certification";
    static final String MR_CATEGORY = "http://hr-gateway.org/fhir/CodeSystem/mr-category";
    static final String MR_HOSPITAL_LEVEL = "http://hr-gateway.org/fhir/CodeSystem/mr-hospital-level";

    static final String LOINC = "http://loinc.org";
    static final String UCUM = "http://unitsofmeasure.org";
    static final String OBSERVATION_CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category";
    static final String DIAGNOSTIC_SERVICE_SECTION = "http://terminology.hl7.org/CodeSystem/v2-0074";
    static final String OBSERVATION_INTERPRETATION =
            "http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation";

    private DemoUris() {
    }
}
