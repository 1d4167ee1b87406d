package org.hrgateway.validation.compiled;

import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DetectedIssue;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StringType;
import org.hrgateway.validation.LabResources;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import java.util.function.Supplier;

import static org.hrgateway.validation.LabResources.BASE;
import static org.hrgateway.validation.LabResources.LOINC;
import static org.hrgateway.validation.LabResources.PROFILE;
import static org.hrgateway.validation.LabResources.RESIDENT_ID;

/**
 * Generated resources for each package profile: a random conformant variant, then zero, one or two
 * changes drawn from a list per profile, most of which break one rule (a missing element, a code
 * outside a value set, a wrong reference type, a broken invariant, an extension out of place, ...)
 * and some of which are still conformant. The seed makes a failing case reproducible. (An extension
 * with both a value and nested extensions is left out: HAPI cannot even encode it for its validator.)
 */
final class ConformanceCorpus {

    record Case(String label, Resource resource) {
    }

    private record Change<T>(String name, Consumer<T> apply) {
    }

    /** Marks a change that takes the resource beyond the compiled rules: HAPI's validator must judge it. */
    static final String LEFT_TO_HAPI = "[HAPI]";

    private static final String UCUM = "http://unitsofmeasure.org";
    private static final String OBSERVATION_CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category";
    private static final String INTERPRETATION = "http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation";

    private final Random random;
    private final List<Coding> items;

    ConformanceCorpus(long seed, List<Coding> items) {
        this.random = new Random(seed);
        this.items = items;
    }

    List<Case> cases(int count) {
        List<Case> cases = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int kind = random.nextInt(100);
            if (kind < 40) {
                cases.add(changed(i, "Observation", this::observation, observationChanges()));
            } else if (kind < 55) {
                cases.add(changed(i, "DiagnosticReport", this::report, reportChanges()));
            } else if (kind < 70) {
                cases.add(changed(i, "Patient", this::patient, patientChanges()));
            } else if (kind < 85) {
                cases.add(changed(i, "Organization", this::organization, organizationChanges()));
            } else {
                cases.add(changed(i, "DetectedIssue", this::declined, declinedChanges()));
            }
        }
        return cases;
    }

    private <T extends Resource> Case changed(int index, String type, Supplier<T> variant, List<Change<T>> changes) {
        T resource = variant.get();
        int count = random.nextInt(100) < 30 ? 0 : random.nextInt(100) < 70 ? 1 : 2;
        StringBuilder label = new StringBuilder("#" + index + " " + type);
        for (int i = 0; i < count; i++) {
            Change<T> change = changes.get(random.nextInt(changes.size()));
            change.apply().accept(resource);
            label.append(" + ").append(change.name());
        }
        return new Case(label.toString(), resource);
    }

    private static <T> void replaceFirst(List<T> values, T value) {
        if (values.isEmpty()) {
            values.add(value);
        } else {
            values.set(0, value);
        }
    }

    private <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    private String patientRef() {
        return pick(List.of("Patient/p" + random.nextInt(1000), "urn:uuid:" + new java.util.UUID(random.nextLong(), random.nextLong()),
                "http://heze.hr-gateway.org/fhir/Patient/" + random.nextInt(1000)));
    }

    private String organizationRef() {
        return pick(List.of("Organization/o" + random.nextInt(50),
                "Organization?identifier=" + LabResources.INSTITUTION_CODE + "|H" + random.nextInt(50),
                "http://jinan.hr-gateway.org/fhir/Organization/" + random.nextInt(50)));
    }

    private Extension mark(String code) {
        return new Extension(PROFILE + "recognition-mark", new Coding(BASE + "/CodeSystem/mr-mark", code, null));
    }

    // --- Observation -------------------------------------------------------------------------

    private Observation observation() {
        Observation observation = LabResources.observation("x", "y");
        observation.getExtension().clear();
        if (random.nextBoolean()) {
            observation.addExtension(mark(pick(List.of("HR", "SD-HR", "JN-HR"))));
        }
        Coding item = pick(items);
        observation.setCode(new CodeableConcept(new Coding(LOINC, item.getCode(), random.nextBoolean() ? item.getDisplay() : null)));
        observation.setSubject(new Reference(patientRef()));
        observation.getPerformer().clear();
        observation.addPerformer(new Reference(organizationRef()));
        observation.setStatus(pick(List.of(Observation.ObservationStatus.FINAL, Observation.ObservationStatus.AMENDED,
                Observation.ObservationStatus.CORRECTED, Observation.ObservationStatus.PRELIMINARY)));
        if (random.nextInt(4) == 0) {
            observation.setEffective(new Period().setStartElement(new DateTimeType("2026-11-20T08:00:00+08:00"))
                    .setEndElement(new DateTimeType("2026-11-20T08:30:00+08:00")));
        } else {
            observation.setEffective(new DateTimeType("2026-0" + (1 + random.nextInt(9))
                    + "-1" + random.nextInt(10) + "T0" + random.nextInt(10) + ":30:00+08:00"));
        }
        observation.setIssued(new Date(1_780_000_000_000L + random.nextInt(1_000_000_000)));
        switch (random.nextInt(5)) {
            case 0 -> observation.setValue(new StringType("positive"));
            case 1 -> observation.setValue(new CodeableConcept().setText("negative"));
            case 2 -> observation.setValue(null).setDataAbsentReason(new CodeableConcept(new Coding(
                    "http://terminology.hl7.org/CodeSystem/data-absent-reason", pick(List.of("error", "not-performed")), null)));
            default -> observation.setValue(new Quantity().setValue(1 + random.nextInt(200) / 10.0)
                    .setUnit(pick(List.of("g/dL", "mmol/L", "%", "s", "10*9/L"))).setSystem(UCUM)
                    .setCode(pick(List.of("g/dL", "mmol/L", "%", "s", "10*9/L"))));
        }
        if (random.nextInt(3) == 0) {
            observation.addInterpretation(new CodeableConcept(new Coding(INTERPRETATION, pick(List.of("H", "L", "N")), null)));
        }
        if (random.nextInt(3) == 0) {
            observation.addReferenceRange().setLow(new Quantity().setValue(12).setSystem(UCUM).setCode("g/dL").setUnit("g/dL"))
                    .setHigh(new Quantity().setValue(16).setSystem(UCUM).setCode("g/dL").setUnit("g/dL"));
        }
        if (random.nextInt(4) == 0) {
            observation.addNote().setText("Sample slightly haemolysed");
        }
        return observation;
    }

    private List<Change<Observation>> observationChanges() {
        return List.of(
                new Change<>("no status", o -> o.setStatus(null)),
                new Change<>("no category", o -> o.getCategory().clear()),
                new Change<>("category vital-signs", o -> o.getCategoryFirstRep().getCodingFirstRep().setCode("vital-signs")),
                new Change<>("second category", o -> o.addCategory(new CodeableConcept(new Coding(OBSERVATION_CATEGORY, "vital-signs", null)))),
                new Change<>("category code unknown", o -> o.getCategoryFirstRep().addCoding(new Coding(OBSERVATION_CATEGORY, "lab", null))),
                new Change<>("code outside catalogue", o -> o.setCode(new CodeableConcept(new Coding(LOINC, "8867-4", "Heart rate")))),
                new Change<>("code outside catalogue, display given", o -> o.setCode(new CodeableConcept(new Coding(LOINC, "94500-6", "SARS-CoV-2 RNA")))),
                new Change<>("code text only", o -> o.setCode(new CodeableConcept().setText("Hb"))),
                new Change<>("code other system", o -> o.setCode(new CodeableConcept(new Coding("http://example.org/lab-codes", "HB", null)))),
                new Change<>("extra local coding", o -> o.getCode().addCoding(new Coding("http://example.org/lab-codes", "HB", null))),
                new Change<>("subject Practitioner", o -> o.setSubject(new Reference("Practitioner/1"))),
                new Change<>("no subject", o -> o.setSubject(null)),
                new Change<>("no effective", o -> o.setEffective(null)),
                new Change<>("effective without zone", o -> o.setEffective(new DateTimeType("2026-11-20T08:30:00"))),
                new Change<>("effective date only", o -> o.setEffective(new DateTimeType("2026-11-20"))),
                new Change<>("no issued", o -> o.setIssued(null)),
                new Change<>("no performer", o -> o.getPerformer().clear()),
                new Change<>("performer Practitioner", o -> replaceFirst(o.getPerformer(), new Reference("Practitioner/2"))),
                new Change<>("second performer", o -> o.addPerformer(new Reference("Organization/o2"))),
                new Change<>("performer display only", o -> replaceFirst(o.getPerformer(), new Reference().setDisplay("Heze Municipal Hospital"))),
                new Change<>("no value, no reason", o -> o.setValue(null).setDataAbsentReason(null)),
                new Change<>("value and reason", o -> o.setValue(new StringType("5")).setDataAbsentReason(new CodeableConcept(
                        new Coding("http://terminology.hl7.org/CodeSystem/data-absent-reason", "error", null)))),
                new Change<>("quantity code without system", o -> o.setValue(new Quantity().setValue(5).setCode("g/dL"))),
                new Change<>("quantity unit not UCUM", o -> o.setValue(new Quantity().setValue(5).setSystem(UCUM).setCode("gram per decilitre"))),
                new Change<>("quantity comparator", o -> o.setValue(new Quantity().setValue(5).setComparator(Quantity.QuantityComparator.LESS_THAN)
                        .setSystem(UCUM).setCode("mmol/L"))),
                new Change<>("mark unknown code", o -> o.addExtension(mark("XX"))),
                new Change<>("mark as string", o -> o.addExtension(new Extension(PROFILE + "recognition-mark", new StringType("HR")))),
                new Change<>("two marks", o -> o.addExtension(mark("HR")).addExtension(mark("SD-HR"))),
                new Change<>("mark without value", o -> o.addExtension(new Extension(PROFILE + "recognition-mark"))),
                new Change<>("range without bounds", o -> o.addReferenceRange().setType(new CodeableConcept().setText("normal"))),
                new Change<>("range text only", o -> o.addReferenceRange().setText("12-16 g/dL")),
                new Change<>("unknown extension", o -> o.addExtension(new Extension("http://example.org/fhir/StructureDefinition/analyser", new StringType("XN-1000")))),
                new Change<>("hospital-level on Observation", o -> o.addExtension(new Extension(PROFILE + "hospital-level",
                        new Coding(BASE + "/CodeSystem/mr-hospital-level", "tertiary", null)))),
                new Change<>("interpretation unknown", o -> o.addInterpretation(new CodeableConcept(new Coding(INTERPRETATION, "ZZ", null)))),
                new Change<>("unknown profile claimed", o -> o.getMeta().addProfile("http://example.org/fhir/StructureDefinition/unknown")),
                new Change<>("effective period reversed", o -> o.setEffective(new Period().setStartElement(new DateTimeType("2026-11-20T09:00:00+08:00"))
                        .setEndElement(new DateTimeType("2026-11-19T09:00:00+08:00")))),
                new Change<>("identifier", o -> o.addIdentifier().setSystem("http://example.org/lab").setValue("A-" + random.nextInt(1000))),
                new Change<>("identifier value without system", o -> o.addIdentifier().setValue("A-1")),
                new Change<>("relative extension url", o -> o.addExtension(new Extension("analyser", new StringType("XN-1000")))),
                new Change<>("identifier urn:oid", o -> o.addIdentifier().setSystem("urn:oid:2.16.840.1.113883.2.4.6.3").setValue("7")),
                new Change<>("identifier urn:oid malformed", o -> o.addIdentifier().setSystem("urn:oid:2.16.840.1.abc").setValue("7")),
                new Change<>("identifier oid: prefix", o -> o.addIdentifier().setSystem("oid:2.16.840.1").setValue("7")),
                new Change<>("identifier urn:uuid malformed", o -> o.addIdentifier().setSystem("urn:uuid:not-a-uuid").setValue("7")),
                new Change<>("identifier urn:uuid", o -> o.addIdentifier().setSystem("urn:uuid:" + new java.util.UUID(random.nextLong(), random.nextLong())).setValue("7")),
                new Change<>("language " + LEFT_TO_HAPI, o -> o.setLanguage(pick(List.of("zh-CN", "en", "xx-bogus")))),
                new Change<>("code display wrong", o -> o.getCode().getCodingFirstRep().setDisplay("Something else entirely")),
                new Change<>("category display wrong", o -> o.getCategoryFirstRep().getCodingFirstRep().setDisplay("Lab stuff")),
                new Change<>("note empty author", o -> o.addNote().setText("ok").setAuthor(new StringType("Dr. Li"))),
                new Change<>("component without code", o -> o.addComponent().setValue(new StringType("x"))),
                new Change<>("component ok", o -> o.addComponent().setCode(new CodeableConcept(new Coding(LOINC, "718-7", null)))
                        .setValue(new Quantity().setValue(13).setSystem(UCUM).setCode("g/dL")))
        );
    }

    // --- DiagnosticReport --------------------------------------------------------------------

    private DiagnosticReport report() {
        DiagnosticReport report = LabResources.report("x", "y", "z");
        report.setSubject(new Reference(patientRef()));
        report.getPerformer().set(0, new Reference(organizationRef()));
        report.getResult().set(0, new Reference("Observation/r" + random.nextInt(100)));
        for (int i = random.nextInt(3); i > 0; i--) {
            report.addResult(new Reference("Observation/s" + random.nextInt(100)));
        }
        if (random.nextBoolean()) {
            report.addExtension(mark("HR"));
        }
        if (random.nextInt(3) == 0) {
            report.setConclusion("Normal blood count");
        }
        return report;
    }

    private List<Change<DiagnosticReport>> reportChanges() {
        return List.of(
                new Change<>("no result", r -> r.getResult().clear()),
                new Change<>("result Patient", r -> r.addResult(new Reference("Patient/1"))),
                new Change<>("no performer", r -> r.getPerformer().clear()),
                new Change<>("performer Practitioner", r -> replaceFirst(r.getPerformer(), new Reference("Practitioner/9"))),
                new Change<>("no issued", r -> r.setIssued(null)),
                new Change<>("no effective", r -> r.setEffective(null)),
                new Change<>("no subject", r -> r.setSubject(null)),
                new Change<>("subject Group", r -> r.setSubject(new Reference("Group/1"))),
                new Change<>("no code", r -> r.setCode(null)),
                new Change<>("code outside catalogue", r -> r.setCode(new CodeableConcept(new Coding(LOINC, "24323-8", "Comprehensive metabolic panel")))),
                new Change<>("mark unknown code", r -> r.addExtension(mark("QQ"))),
                new Change<>("preliminary", r -> r.setStatus(DiagnosticReport.DiagnosticReportStatus.PRELIMINARY)),
                new Change<>("no status", r -> r.setStatus(null)),
                new Change<>("category", r -> r.addCategory(new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/v2-0074", "HM", null)))),
                new Change<>("category unknown code", r -> r.addCategory(new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/v2-0074", "HMX", null)))),
                new Change<>("eqa on report", r -> r.addExtension(LabResources.eqaCertification("hematology", "2025-01-01", "2026-12-31")))
        );
    }

    // --- Patient -----------------------------------------------------------------------------

    private Patient patient() {
        Patient patient = LabResources.patient("3701021970" + (1000 + random.nextInt(9000)) + "0" + random.nextInt(10));
        if (random.nextBoolean()) {
            patient.addIdentifier().setSystem("http://example.org/mrn").setValue("MRN" + random.nextInt(10000));
        }
        if (random.nextBoolean()) {
            patient.setGender(pick(List.of(Enumerations.AdministrativeGender.MALE, Enumerations.AdministrativeGender.FEMALE)));
        }
        if (random.nextBoolean()) {
            patient.setBirthDateElement(new org.hl7.fhir.r4.model.DateType("19" + (50 + random.nextInt(50)) + "-0" + (1 + random.nextInt(9)) + "-1" + random.nextInt(10)));
        }
        return patient;
    }

    private List<Change<Patient>> patientChanges() {
        return List.of(
                new Change<>("no identifier", p -> p.getIdentifier().clear()),
                new Change<>("only other identifier", p -> p.getIdentifier().removeIf(i -> RESIDENT_ID.equals(i.getSystem()))),
                new Change<>("two resident ids", p -> p.addIdentifier().setSystem(RESIDENT_ID).setValue("370102199001010011")),
                new Change<>("resident id without value", p -> p.getIdentifier().stream().filter(i -> RESIDENT_ID.equals(i.getSystem()))
                        .forEach(i -> i.setValue(null).setUse(org.hl7.fhir.r4.model.Identifier.IdentifierUse.OFFICIAL))),
                new Change<>("resident id official", p -> p.getIdentifierFirstRep().setUse(org.hl7.fhir.r4.model.Identifier.IdentifierUse.OFFICIAL)),
                new Change<>("telecom value without system", p -> p.addTelecom().setValue("13800000000")),
                new Change<>("telecom phone", p -> p.addTelecom().setSystem(ContactPoint.ContactPointSystem.PHONE).setValue("13800000000")),
                new Change<>("contact without details", p -> p.addContact().setGender(Enumerations.AdministrativeGender.FEMALE)),
                new Change<>("contact with name", p -> p.addContact().setName(new org.hl7.fhir.r4.model.HumanName().setFamily("李"))),
                new Change<>("hospital-level on Patient", p -> p.addExtension(new Extension(PROFILE + "hospital-level",
                        new Coding(BASE + "/CodeSystem/mr-hospital-level", "primary", null)))),
                new Change<>("link without other", p -> p.addLink().setType(Patient.LinkType.SEEALSO)),
                new Change<>("managing org Practitioner", p -> p.setManagingOrganization(new Reference("Practitioner/4"))),
                new Change<>("birth date without day", p -> p.setBirthDateElement(new org.hl7.fhir.r4.model.DateType("1990-05"))),
                new Change<>("marital status unknown code", p -> p.setMaritalStatus(new CodeableConcept(new Coding(
                        "http://terminology.hl7.org/CodeSystem/v3-MaritalStatus", "QQ", null)))),
                new Change<>("relative extension url", p -> p.addExtension(new Extension("nationality", new StringType("CN")))),
                new Change<>("narrative " + LEFT_TO_HAPI, p -> p.getText().setStatus(org.hl7.fhir.r4.model.Narrative.NarrativeStatus.GENERATED)
                        .setDivAsString("<div xmlns=\"http://www.w3.org/1999/xhtml\">张三</div>")),
                new Change<>("marital status married", p -> p.setMaritalStatus(new CodeableConcept(new Coding(
                        "http://terminology.hl7.org/CodeSystem/v3-MaritalStatus", "M", null))))
        );
    }

    // --- Organization ------------------------------------------------------------------------

    private Organization organization() {
        Organization organization = LabResources.organization("H" + random.nextInt(1000));
        for (int i = random.nextInt(3); i > 0; i--) {
            organization.addExtension(LabResources.eqaCertification(pick(List.of("biochemistry", "coagulation", "endocrine", "immunology")),
                    "2025-0" + (1 + random.nextInt(9)) + "-01", "2027-01-01"));
        }
        if (random.nextBoolean()) {
            organization.addTelecom().setSystem(ContactPoint.ContactPointSystem.PHONE).setValue("0531-8888" + random.nextInt(10000));
        }
        return organization;
    }

    private static Extension eqa(Organization organization) {
        return organization.getExtension().stream().filter(e -> e.getUrl().endsWith("eqa-certification")).findFirst().orElseThrow();
    }

    /** A part of a complex extension, added if an earlier change removed it. */
    private static Extension part(Extension extension, String url) {
        Extension part = extension.getExtensionByUrl(url);
        return part != null ? part : extension.addExtension().setUrl(url);
    }

    private List<Change<Organization>> organizationChanges() {
        return List.of(
                new Change<>("no identifier", o -> o.getIdentifier().clear()),
                new Change<>("only other identifier", o -> o.getIdentifierFirstRep().setSystem("http://example.org/org")),
                new Change<>("institution code without value", o -> o.getIdentifierFirstRep().setValue(null).setUse(org.hl7.fhir.r4.model.Identifier.IdentifierUse.OFFICIAL)),
                new Change<>("two institution codes", o -> o.addIdentifier().setSystem(LabResources.INSTITUTION_CODE).setValue("H99999")),
                new Change<>("no address", o -> o.getAddress().clear()),
                new Change<>("address without city", o -> o.getAddressFirstRep().setCity(null).setDistrict("Lixia")),
                new Change<>("hospital level unknown", o -> o.getExtension().stream().filter(e -> e.getUrl().endsWith("hospital-level"))
                        .forEach(e -> e.setValue(new Coding(BASE + "/CodeSystem/mr-hospital-level", "quaternary", null)))),
                new Change<>("hospital level as string", o -> o.getExtension().stream().filter(e -> e.getUrl().endsWith("hospital-level"))
                        .forEach(e -> e.setValue(new StringType("tertiary")))),
                new Change<>("two hospital levels", o -> o.addExtension(new Extension(PROFILE + "hospital-level",
                        new Coding(BASE + "/CodeSystem/mr-hospital-level", "secondary", null)))),
                new Change<>("eqa without period", o -> eqa(o).getExtension().removeIf(e -> e.getUrl().equals("period"))),
                new Change<>("eqa without category", o -> eqa(o).getExtension().removeIf(e -> e.getUrl().equals("category"))),
                new Change<>("eqa unknown category", o -> part(eqa(o), "category").setValue(
                        new Coding(BASE + "/CodeSystem/mr-category", "astrology", null))),
                new Change<>("eqa unknown part", o -> eqa(o).addExtension(new Extension("scheme", new StringType("x")))),
                new Change<>("eqa period reversed", o -> part(eqa(o), "period").setValue(new Period()
                        .setStartElement(new DateTimeType("2026-01-01")).setEndElement(new DateTimeType("2025-01-01")))),
                new Change<>("eqa program as integer", o -> part(eqa(o), "program").setValue(new IntegerType(3))),
                new Change<>("eqa without program", o -> eqa(o).getExtension().removeIf(e -> e.getUrl().equals("program"))),
                new Change<>("mark on Organization", o -> o.addExtension(mark("HR"))),
                new Change<>("part of Patient", o -> o.setPartOf(new Reference("Patient/3"))),
                new Change<>("type prov", o -> o.addType(new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/organization-type", "prov", null)))),
                new Change<>("type unknown code", o -> o.addType(new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/organization-type", "hosp", null))))
        );
    }

    // --- DetectedIssue (mr-declined-recognition) ---------------------------------------------

    private DetectedIssue declined() {
        String reason = pick(List.of("condition-changed", "rapid-change", "major-decision", "emergency", "patient-request", "other"));
        DetectedIssue issue = LabResources.declinedRecognition("p" + random.nextInt(100), "Observation/o" + random.nextInt(100),
                "ServiceRequest/s" + random.nextInt(100), reason);
        if (reason.equals("other")) {
            issue.setDetail("Patient was transfused since the prior result");
        }
        if (random.nextBoolean()) {
            issue.setAuthor(new Reference("Practitioner/d" + random.nextInt(20)));
        }
        return issue;
    }

    private List<Change<DetectedIssue>> declinedChanges() {
        return List.of(
                new Change<>("other issue code", d -> d.getCode().getCodingFirstRep().setCode("duplicate")),
                new Change<>("no code", d -> d.setCode(null)),
                new Change<>("no patient", d -> d.setPatient(null)),
                new Change<>("patient Organization", d -> d.setPatient(new Reference("Organization/1"))),
                new Change<>("one implicated", d -> d.getImplicated().subList(1, d.getImplicated().size()).clear()),
                new Change<>("no mitigation", d -> d.getMitigation().clear()),
                new Change<>("reason unknown", d -> d.getMitigationFirstRep().getAction().getCodingFirstRep().setCode("whim")),
                new Change<>("reason text only", d -> d.getMitigationFirstRep().setAction(new CodeableConcept().setText("doctor wanted it"))),
                new Change<>("other without detail", d -> d.setDetail(null).getMitigationFirstRep().getAction().getCodingFirstRep().setCode("other")),
                new Change<>("other with detail", d -> d.setDetail("see note").getMitigationFirstRep().getAction().getCodingFirstRep().setCode("other")),
                new Change<>("no status", d -> d.setStatus(null)),
                new Change<>("severity high", d -> d.setSeverity(DetectedIssue.DetectedIssueSeverity.HIGH)),
                new Change<>("author Patient", d -> d.setAuthor(new Reference("Patient/5"))),
                new Change<>("second mitigation", d -> d.addMitigation().setAction(new CodeableConcept(new Coding(
                        BASE + "/CodeSystem/mr-decline-reason", "emergency", null)))),
                new Change<>("evidence", d -> d.addEvidence().addDetail(new Reference("Observation/e1")))
        );
    }
}
