package org.hrgateway.view;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.qute.i18n.Localized;
import io.quarkus.qute.i18n.MessageBundles;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.DomainResource;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Specimen;
import org.hl7.fhir.r4.model.StructureDefinition;
import org.hrgateway.config.GatewayConfig;
import org.hrgateway.conformance.Designations;
import org.hrgateway.conformance.ProfilePackage;
import org.hrgateway.federation.PeerAnswer;
import org.hrgateway.federation.PeerSearchset;
import org.hrgateway.federation.Peers;
import org.hrgateway.federation.ProvinceCall;
import org.hrgateway.federation.ProvinceFanOut;
import org.hrgateway.fhir.BlockingWork;
import org.hrgateway.fhir.ReadableValues;
import org.hrgateway.fhir.ResourceCodec;
import org.hrgateway.operation.SearchedResources;
import org.hrgateway.operation.recognize.RecognitionToday;
import org.hrgateway.operation.recognize.Recommendation;
import org.hrgateway.operation.recognize.Verdict;
import org.hrgateway.store.StoredResource;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A laboratory report, or a single result, as a clinician reads it (`[type]/[id]?_format=html`): the
 * institution and its level, the patient with their identifiers masked, the specimen and the times,
 * each item with its value, unit, reference range and flag, the HR mark in the upper right corner when
 * the report carries it (on each item when only some do), and whether each item may be recognized
 * today, as `$recognize` would answer for the patient now. Labels in Chinese, or English by Accept-Language;
 * item names from the catalogue's designations. Printable. Showing the status is not a `$recognize`
 * call: pages viewed do not count in the authorities' figures (operation/recognize/RecognitionToday).
 */
@ApplicationScoped
public class ReportView {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance page(Page page);
    }

    /** One item's line. `flag` is `H`, `L` or empty; `status` what `$recognize` says of this result today. */
    public record Row(String code, String name, String value, String unit, String range, String flag, String flagText,
                      boolean marked, String status, boolean recognizable) {
    }

    /** What the page shows; `marked`: the HR mark in the upper right corner. */
    public record Page(String lang, String heading, String title, String institution, String level, String patientName,
                       String residentId, String gender, String specimen, String collected, String issued,
                       boolean marked, List<Row> rows, String source, String generated) {
    }

    private final SearchedResources searched;
    private final RecognitionToday today;
    private final ResourceCodec codec;
    private final BlockingWork blocking;
    private final ProfilePackage profiles;
    private final ZoneId zone;
    private final String residentIdSystem;
    private final ProvinceFanOut fanOut;

    public ReportView(SearchedResources searched, RecognitionToday today, ResourceCodec codec, BlockingWork blocking,
                      ProfilePackage profiles, ProvinceFanOut fanOut, GatewayConfig config) {
        this.fanOut = fanOut;
        this.searched = searched;
        this.today = today;
        this.codec = codec;
        this.blocking = blocking;
        this.profiles = profiles;
        this.zone = config.defaultTimezone();
        this.residentIdSystem = config.federation().residentIdSystem();
    }

    /** The types that have a page. */
    public boolean shows(String type) {
        return type.equals("DiagnosticReport") || type.equals("Observation");
    }

    /** The page of `stored` (a DiagnosticReport or an Observation the caller may read), in `language`. */
    public Uni<String> page(StoredResource stored, String baseUrl, String language) {
        return blocking.run(() -> (DomainResource) codec.parseStored(stored.json()))
                .chain(resource -> results(resource, baseUrl).chain(results -> related(resource, results, baseUrl)
                        .chain(related -> recognition(resource, results, baseUrl)
                                .map(recognition -> render(resource, results, related, recognition,
                                        baseUrl + "/" + resource.fhirType() + "/" + resource.getIdElement().getIdPart(),
                                        null, language)))));
    }

    /**
     * The page of a DiagnosticReport or an Observation held by another city's gateway (`city`), read
     * from it on the caller's behalf with one search that includes what the page shows; today's
     * status is what the rules say of that city's results for the person (RecognitionToday.inCity).
     */
    public Uni<String> pageFrom(Peers.Peer city, String type, String id, ProvinceCall call, String baseUrl, String language) {
        Map<String, List<String>> search = new LinkedHashMap<>();
        search.put("_id", List.of(id));
        search.put("_include", type.equals("DiagnosticReport")
                ? List.of("DiagnosticReport:result", "DiagnosticReport:subject", "DiagnosticReport:performer",
                        "DiagnosticReport:specimen")
                : List.of("Observation:subject", "Observation:performer", "Observation:specimen"));
        return fanOut.ask(List.of(city), type + "?" + ProvinceFanOut.query(search), call)
                .map(answers -> answers.get(0))
                .chain(answer -> {
                    if (answer instanceof PeerAnswer.Missing missing) {
                        return Uni.createFrom().failure(missing.failure());
                    }
                    return blocking.run(() -> PeerSearchset.read(codec, ((PeerAnswer.Answered) answer).body(), any -> true));
                })
                .chain(searchset -> {
                    DomainResource resource = null;
                    Map<String, Resource> included = new LinkedHashMap<>();
                    for (PeerSearchset.Entry entry : searchset.entries()) {
                        if (entry.mode() == Bundle.SearchEntryMode.MATCH && entry.resource().fhirType().equals(type)
                                && entry.id().equals(id)) {
                            resource = (DomainResource) entry.resource();
                        } else {
                            included.put(entry.resource().fhirType() + "/" + entry.id(), entry.resource());
                        }
                    }
                    if (resource == null) {
                        return Uni.createFrom().failure(new ResourceNotFoundException(type + "/" + id
                                + " is not held by " + city.city()));
                    }
                    DomainResource found = resource;
                    List<Observation> results = found instanceof Observation observation ? List.of(observation)
                            : listed((DiagnosticReport) found, included);
                    Patient patient = included.get(reference(subject(found))) instanceof Patient held ? held : null;
                    List<Identifier> residentIds = patient == null ? List.of() : patient.getIdentifier().stream()
                            .filter(identifier -> residentIdSystem.equals(identifier.getSystem()) && identifier.hasValue())
                            .toList();
                    List<Coding> codes = items(results);
                    Uni<List<Recommendation>> recognition = residentIds.isEmpty() || codes.isEmpty()
                            ? Uni.createFrom().item(List.of())
                            : today.inCity(city, residentIds, codes, baseUrl, call);
                    return recognition.map(recommendations -> render(found, results, included, recommendations,
                            city.baseUrl() + "/" + type + "/" + id, city.baseUrl(), language));
                });
    }

    /** A report's results among `included`, in its order, of its own patient only. */
    private static List<Observation> listed(DiagnosticReport report, Map<String, Resource> included) {
        String subject = report.getSubject().getReference();
        return report.getResult().stream().map(reference -> included.get(reference.getReference()))
                .filter(Observation.class::isInstance).map(Observation.class::cast)
                .filter(observation -> subject != null && subject.equals(observation.getSubject().getReference()))
                .toList();
    }

    /** The report's results held here, in its order; an Observation's page shows just it. */
    private Uni<List<Observation>> results(DomainResource resource, String baseUrl) {
        if (resource instanceof Observation observation) {
            return Uni.createFrom().item(List.of(observation));
        }
        List<String> ids = ((DiagnosticReport) resource).getResult().stream().map(Reference::getReference)
                .filter(reference -> reference != null && reference.startsWith("Observation/"))
                .map(reference -> reference.substring("Observation/".length())).toList();
        if (ids.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return searched.firstPage("Observation", Map.of("_id", List.of(String.join(",", ids)), "_count",
                        List.of(String.valueOf(ids.size()))), baseUrl)
                .map(found -> {
                    Map<String, Observation> byId = new LinkedHashMap<>();
                    found.forEach(observation -> byId.put(observation.getIdElement().getIdPart(), (Observation) observation));
                    // Only the report's own patient's results: a report listing another's shows none of it.
                    String subject = ((DiagnosticReport) resource).getSubject().getReference();
                    return ids.stream().map(byId::get).filter(observation -> observation != null
                            && subject != null && subject.equals(observation.getSubject().getReference())).toList();
                });
    }

    /** The patient, the performing institution and the specimen, by reference. */
    private Uni<Map<String, Resource>> related(DomainResource resource, List<Observation> results, String baseUrl) {
        Map<String, List<String>> wanted = new LinkedHashMap<>();
        want(wanted, subject(resource));
        want(wanted, performer(resource, results));
        want(wanted, specimen(resource, results));
        Map<String, Resource> found = new LinkedHashMap<>();
        Uni<Map<String, Resource>> chain = Uni.createFrom().item(found);
        for (Map.Entry<String, List<String>> entry : wanted.entrySet()) {
            chain = chain.chain(into -> searched.firstPage(entry.getKey(), Map.of("_id", List.of(String.join(",", entry.getValue()))),
                    baseUrl).map(resources -> {
                        resources.forEach(one -> into.put(one.fhirType() + "/" + one.getIdElement().getIdPart(), one));
                        return into;
                    }));
        }
        return chain;
    }

    private static void want(Map<String, List<String>> wanted, Reference reference) {
        String[] parts = reference == null || reference.getReference() == null ? new String[0] : reference.getReference().split("/");
        if (parts.length == 2) {
            wanted.computeIfAbsent(parts[0], type -> new ArrayList<>()).add(parts[1]);
        }
    }

    /** The catalogue's codings of the results: the items today's status is asked for. */
    private List<Coding> items(List<Observation> results) {
        return results.stream().map(observation -> observation.getCode().getCoding().stream()
                        .filter(coding -> profiles.catalogue().system().equals(coding.getSystem())).findFirst().orElse(null))
                .filter(coding -> coding != null)
                .map(coding -> new Coding(coding.getSystem(), coding.getCode(), null)).toList();
    }

    /** What `$recognize` would answer for the patient now (not recorded as a call: see RecognitionToday). */
    private Uni<List<Recommendation>> recognition(DomainResource resource, List<Observation> results, String baseUrl) {
        Reference subject = subject(resource);
        List<Coding> codes = items(results);
        if (codes.isEmpty() || subject == null || subject.getReference() == null || !subject.getReference().startsWith("Patient/")) {
            return Uni.createFrom().item(List.of());
        }
        return today.of(subject.getReference().substring("Patient/".length()), codes, baseUrl);
    }

    /**
     * `source`: the resource's own URL; `heldAt`: the base of the city that holds it when that is not
     * this gateway (the recognition's candidates are then named by absolute URLs there), else null.
     */
    private String render(DomainResource resource, List<Observation> results, Map<String, Resource> related,
                          List<Recommendation> recognition, String source, String heldAt, String language) {
        ViewText text = language.equals("en") ? MessageBundles.get(ViewText.class, Localized.Literal.of("en"))
                : MessageBundles.get(ViewText.class);
        Patient patient = (Patient) related.get(reference(subject(resource)));
        Organization institution = (Organization) related.get(reference(performer(resource, results)));
        Specimen specimen = (Specimen) related.get(reference(specimen(resource, results)));
        String markUrl = profiles.url(StructureDefinition.class, "recognition-mark");
        List<Row> rows = new ArrayList<>();
        for (Observation observation : results) {
            Coding code = observation.getCode().getCoding().stream()
                    .filter(coding -> profiles.catalogue().system().equals(coding.getSystem())).findFirst()
                    .orElse(observation.getCode().getCodingFirstRep());
            String name = profiles.catalogue().item(code.getCode()).map(item -> item.name(language))
                    .orElse(observation.getCode().hasText() ? observation.getCode().getText() : code.getDisplay());
            String flag = ReadableValues.flag(observation);
            String[] status = status(recognition, (heldAt == null ? "" : heldAt + "/") + "Observation/"
                    + observation.getIdElement().getIdPart(), code, text, language);
            rows.add(new Row(code.getCode(), name, ReadableValues.value(observation), ReadableValues.unit(observation),
                    ReadableValues.range(observation), flag, flag.equals("H") ? text.high() : flag.equals("L") ? text.low() : "",
                    observation.hasExtension(markUrl), status[0], status[1] != null));
        }
        // A report's panel by the catalogue's name for it where it has one (the CBC panel is an item too).
        String title = resource instanceof DiagnosticReport report
                ? report.getCode().getCoding().stream().filter(coding -> profiles.catalogue().system().equals(coding.getSystem()))
                        .map(coding -> profiles.catalogue().item(coding.getCode())).flatMap(Optional::stream)
                        .map(item -> item.name(language)).findFirst()
                        .orElse(report.getCode().hasText() ? report.getCode().getText() : report.getCode().getCodingFirstRep().getDisplay())
                : rows.isEmpty() ? "" : rows.get(0).name();
        Instant effective = effective(resource);
        Instant issued = resource instanceof DiagnosticReport report ? instant(report.getIssued())
                : instant(((Observation) resource).getIssued());
        Page page = new Page(language, resource instanceof DiagnosticReport ? text.report() : text.result(),
                title == null ? "" : title,
                institution == null ? "" : institution.getName(),
                institution == null ? "" : level(institution, language),
                patient == null ? "" : name(patient),
                patient == null ? "" : patient.getIdentifier().stream()
                        .filter(identifier -> residentIdSystem.equals(identifier.getSystem()))
                        .map(identifier -> mask(identifier.getValue())).findFirst().orElse(""),
                patient == null || !patient.hasGender() ? "" : switch (patient.getGender()) {
                    case MALE -> text.male();
                    case FEMALE -> text.female();
                    case OTHER -> text.otherSex();
                    default -> text.unknownSex();
                },
                specimen == null ? "" : specimen.getType().hasText() ? specimen.getType().getText()
                        : specimen.getType().getCodingFirstRep().getDisplay(),
                ReadableValues.dateTime(specimen != null && specimen.getCollection().hasCollectedDateTimeType()
                        ? specimen.getCollection().getCollectedDateTimeType().getValue().toInstant() : effective, zone),
                ReadableValues.dateTime(issued, zone),
                resource.hasExtension(markUrl),
                rows, source, ReadableValues.dateTime(Instant.now(), zone));
        return Templates.page(page).setLocale(language.equals("en") ? Locale.ENGLISH : Locale.CHINESE).render();
    }

    /** [status text, the recognized result or null] for one result, from what `$recognize` would answer. */
    private String[] status(List<Recommendation> recognition, String result, Coding code, ViewText text, String language) {
        for (Recommendation recommendation : recognition) {
            if (!recommendation.code().equals(code.getCode())) {
                continue;
            }
            for (Verdict verdict : recommendation.candidates()) {
                if (!verdict.candidate().reference().equals(result)) {
                    continue;
                }
                if (!verdict.recognizable()) {
                    return new String[]{text.notRecognizable(reason(verdict.reason(), language)), null};
                }
                return recommendation.chosen() != null && recommendation.chosen().candidate().reference().equals(result)
                        ? new String[]{text.recognizableUntil(ReadableValues.dateTime(verdict.validUntil(), zone)), result}
                        : new String[]{text.newerResult(), null};
            }
            return new String[]{text.notRecognizable(reason(recommendation.reason(), language)), null};
        }
        return new String[]{"", null};
    }

    private String reason(String code, String language) {
        if (code == null) {
            return "";
        }
        return profiles.resource(CodeSystem.class, "mr-recognition-reason")
                .flatMap(reasons -> Designations.display(reasons, code, language)).orElse(code);
    }

    private String level(Organization institution, String language) {
        String levelUrl = profiles.url(StructureDefinition.class, "hospital-level");
        Extension level = institution.getExtensionByUrl(levelUrl);
        if (level == null || !(level.getValue() instanceof Coding coding)) {
            return "";
        }
        return profiles.resource(CodeSystem.class, "mr-hospital-level")
                .flatMap(levels -> Designations.display(levels, coding.getCode(), language)).orElse(coding.getCode());
    }

    private static String name(Patient patient) {
        HumanName name = patient.getNameFirstRep();
        if (name.hasText()) {
            return name.getText();
        }
        String given = String.join("", name.getGiven().stream().map(Object::toString).toList());
        return (name.hasFamily() ? name.getFamily() : "") + given;
    }

    /** `3701**********0011`: enough to match a card or a wristband, not enough to copy. */
    static String mask(String identifier) {
        if (identifier == null || identifier.length() <= 8) {
            return identifier == null ? "" : "*".repeat(identifier.length());
        }
        return identifier.substring(0, 4) + "*".repeat(identifier.length() - 8) + identifier.substring(identifier.length() - 4);
    }

    private static Reference subject(DomainResource resource) {
        return resource instanceof DiagnosticReport report ? report.getSubject() : ((Observation) resource).getSubject();
    }

    private static Reference performer(DomainResource resource, List<Observation> results) {
        List<Reference> performers = resource instanceof DiagnosticReport report ? report.getPerformer()
                : ((Observation) resource).getPerformer();
        return performers.stream().filter(reference -> reference.getReference() != null
                        && reference.getReference().startsWith("Organization/")).findFirst()
                .orElse(results.stream().flatMap(observation -> observation.getPerformer().stream())
                        .filter(reference -> reference.getReference() != null && reference.getReference().startsWith("Organization/"))
                        .findFirst().orElse(null));
    }

    private static Reference specimen(DomainResource resource, List<Observation> results) {
        if (resource instanceof DiagnosticReport report && report.hasSpecimen()) {
            return report.getSpecimenFirstRep();
        }
        return results.stream().filter(Observation::hasSpecimen).map(Observation::getSpecimen).findFirst().orElse(null);
    }

    private static Instant effective(DomainResource resource) {
        if (resource instanceof DiagnosticReport report && report.hasEffectiveDateTimeType()) {
            return report.getEffectiveDateTimeType().getValue().toInstant();
        }
        if (resource instanceof Observation observation && observation.hasEffectiveDateTimeType()) {
            return observation.getEffectiveDateTimeType().getValue().toInstant();
        }
        return null;
    }

    private static Instant instant(java.util.Date date) {
        return date == null ? null : date.toInstant();
    }

    private static String reference(Reference reference) {
        return reference == null ? "" : reference.getReference();
    }
}
