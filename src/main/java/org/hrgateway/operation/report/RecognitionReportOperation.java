package org.hrgateway.operation.report;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Base;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DetectedIssue;
import org.hl7.fhir.r4.model.MeasureReport;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hrgateway.config.GatewayConfig;
import org.hrgateway.federation.PeerAnswer;
import org.hrgateway.federation.ProvinceCall;
import org.hrgateway.federation.ProvinceFanOut;
import org.hrgateway.federation.ProvinceOutcome;
import org.hrgateway.fhir.BlockingWork;
import org.hrgateway.fhir.ResourceCodec;
import org.hrgateway.conformance.ProfilePackage;
import org.hrgateway.operation.FhirOperation;
import org.hrgateway.operation.OperationErrors;
import org.hrgateway.operation.OperationInput;
import org.hrgateway.security.Access;
import org.hrgateway.security.Caller;
import org.hrgateway.security.Permission;
import org.hrgateway.operation.recognize.RecognitionAudit;
import org.hrgateway.conformance.LabItemCatalogue;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * `$recognition-report` (OperationDefinition `recognition-report` in fhir-profiles/): the figures
 * health authorities follow, over a period, from what the gateway recorded: the AuditEvents of
 * `$recognize` calls and the `repeat-test` DetectedIssues (clinicians' declines, the gateway's
 * discovered repeats). Answers a summary MeasureReport ({@link RecognitionMeasureReport}).
 */
@ApplicationScoped
public class RecognitionReportOperation implements FhirOperation {

    static final String DEFINITION = "http://hr-gateway.org/fhir/OperationDefinition/recognition-report";

    private final ReportSource source;
    private final ZoneId zone;
    private final ProfilePackage profiles;
    private final ProvinceFanOut fanOut;
    private final ResourceCodec codec;
    private final BlockingWork blocking;
    private final Duration deadline;

    public RecognitionReportOperation(ReportSource source, ProfilePackage profiles, ProvinceFanOut fanOut, ResourceCodec codec,
                                      BlockingWork blocking, GatewayConfig config) {
        this.source = source;
        this.zone = config.defaultTimezone();
        this.profiles = profiles;
        this.fanOut = fanOut;
        this.codec = codec;
        this.blocking = blocking;
        this.deadline = config.federation().deadline();
    }

    @Override
    public String definition() {
        return DEFINITION;
    }

    /** Authorities' figures: a system scope, or read on the audit trail and the decisions it counts. */
    @Override
    public void authorize(Caller caller, OperationInput input) {
        if (!caller.isSystem()) {
            Access.require(caller, "AuditEvent", Permission.READ);
            Access.require(caller, "DetectedIssue", Permission.READ);
        }
    }

    @Override
    public Uni<Resource> invoke(OperationInput input) {
        ReportPeriod period = ReportPeriod.of(input.string("period-start").orElse(null),
                input.string("period-end").orElse(null), zone);
        Optional<String> organization = input.string("organization");
        organization.filter(reference -> !reference.matches("Organization/[A-Za-z0-9\\-.]{1,64}")).ifPresent(reference -> {
            throw OperationErrors.invalid("'organization' is a reference Organization/[id], not '" + reference + "'");
        });
        Optional<String> category = input.string("category");
        category.filter(code -> profiles.catalogue().items().stream().noneMatch(item -> item.category().equals(code)))
                .ifPresent(code -> {
                    throw OperationErrors.invalid("'category' " + code + " is not a category of the package's items");
                });
        String scope = input.string("scope").orElse("city");
        if (scope.equals("province")) {
            return inProvince(input, period, organization.orElse(null), category.orElse(null));
        }
        if (!scope.equals("city")) {
            throw OperationErrors.invalid("'scope' is city or province, not '" + scope + "'");
        }
        if (!input.strings(ProvinceFanOut.TARGET_CITY).isEmpty()) {
            throw OperationErrors.invalid("'target-city' goes with scope=province");
        }
        return figures(period, organization.orElse(null), category.orElse(null), input.baseUrl())
                .map(figures -> RecognitionMeasureReport.of(figures, period, organization.orElse(null)));
    }

    /** This city's figures for the period, from what it recorded. */
    private Uni<RecognitionFigures> figures(ReportPeriod period, String organization, String category, String baseUrl) {
        RecognitionFigures figures = new RecognitionFigures();
        return source.recognizeCalls(period, organization, baseUrl, event -> countCall(event, category, figures))
                .chain(() -> source.repeatTests(period, baseUrl))
                .chain(issues -> source.implicated(issues, baseUrl)
                        .invoke(implicated -> issues.forEach(issue -> countIssue(issue, implicated, organization, category,
                                figures))))
                .chain(() -> source.acceptedCards(period, baseUrl, event -> countAccepted(event, organization, category,
                        figures)))
                .map(ignored -> figures);
    }

    /**
     * scope=province: this city's figures and every chosen city's own report for the same parameters,
     * added up and stratified by city; a city that does not answer leaves the report `pending`.
     */
    private Uni<Resource> inProvince(OperationInput input, ReportPeriod period, String organization, String category) {
        String city = fanOut.city().orElseThrow(() -> OperationErrors.invalid("scope=province needs this gateway to"
                + " be part of a province: set hr.city and hr.federation.peers"));
        ProvinceCall call = ProvinceCall.of(Instant.now(), deadline, null,
                input.caller() == null ? null : input.caller().requestId());
        ProvinceFanOut.Chosen chosen = fanOut.choose(input.strings(ProvinceFanOut.TARGET_CITY));
        Map<String, List<String>> asked = new LinkedHashMap<>();
        asked.put("period-start", List.of(input.string("period-start").orElseThrow()));
        asked.put("period-end", List.of(input.string("period-end").orElseThrow()));
        if (organization != null) {
            asked.put("organization", List.of(organization));
        }
        if (category != null) {
            asked.put("category", List.of(category));
        }
        Uni<RecognitionFigures> here = chosen.home() ? figures(period, organization, category, input.baseUrl())
                : Uni.createFrom().nullItem();
        return here.chain(own -> fanOut.ask(chosen.peers(), "$recognition-report?" + ProvinceFanOut.query(asked), call)
                .chain(answers -> blocking.run(() -> province(city, own, chosen, answers, period, organization))));
    }

    private Resource province(String city, RecognitionFigures own, ProvinceFanOut.Chosen chosen, List<PeerAnswer> answers,
                              ReportPeriod period, String organization) {
        Map<String, RecognitionFigures> cities = new LinkedHashMap<>();
        List<String> answered = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        List<OperationOutcome.OperationOutcomeIssueComponent> issues = new ArrayList<>();
        if (own != null) {
            cities.put(city, own);
            answered.add(city + " (this gateway)");
        }
        for (PeerAnswer answer : answers) {
            String peer = answer.peer().city();
            if (answer instanceof PeerAnswer.Missing absent) {
                missing.add(peer);
                issues.add(ProvinceOutcome.missing(absent));
                continue;
            }
            try {
                Resource resource = codec.parse(((PeerAnswer.Answered) answer).body(), "application/fhir+json");
                if (!(resource instanceof MeasureReport report)) {
                    throw new IllegalArgumentException("a " + resource.fhirType() + ", not a MeasureReport");
                }
                cities.put(peer, RecognitionFigures.of(ReportedFigures.of(report), answer.peer().baseUrl()));
                answered.add(peer);
            } catch (RuntimeException unusable) {
                missing.add(peer);
                issues.add(ProvinceOutcome.unusable(peer, String.valueOf(unusable.getMessage())));
            }
        }
        RecognitionFigures total = new RecognitionFigures();
        cities.values().forEach(total::add);
        OperationOutcome consulted = new OperationOutcome();
        consulted.addIssue(ProvinceOutcome.consulted(chosen.how(), answered, missing));
        issues.forEach(consulted::addIssue);
        return RecognitionMeasureReport.ofProvince(total, cities, missing.isEmpty(), consulted, period, organization);
    }

    private void countCall(AuditEvent event, String category, RecognitionFigures figures) {
        boolean counted = false;
        for (AuditEvent.AuditEventEntityComponent entity : event.getEntity()) {
            if (!RecognitionAudit.QUERY_ROLE.equals(entity.getRole().getCode()) || !entity.hasName()) {
                continue;
            }
            if (category != null && !category.equals(categoryOf(entity.getName()))) {
                continue;
            }
            counted = true;
            figures.item(detail(entity, RecognitionAudit.OUTCOME), detail(entity, RecognitionAudit.REASON));
        }
        if (counted || category == null) {
            figures.calls++;
        }
    }

    /** An accepted card, where its requester is the organization asked about and its item is in the category. */
    private void countAccepted(AuditEvent event, String organization, String category, RecognitionFigures figures) {
        if (organization != null && event.getAgent().stream().noneMatch(agent -> agent.getRequestor()
                && organization.equals(agent.getWho().getReference()))) {
            return;
        }
        if (category != null && event.getEntity().stream().filter(AuditEvent.AuditEventEntityComponent::hasName)
                .noneMatch(entity -> category.equals(categoryOf(entity.getName())))) {
            return;
        }
        figures.ordersReplaced++;
    }

    private void countIssue(DetectedIssue issue, Map<String, Resource> implicated, String organization, String category,
                            RecognitionFigures figures) {
        if (organization != null && issue.getImplicated().stream()
                .map(reference -> implicated.get(reference.getReference()))
                .noneMatch(resource -> resource instanceof ServiceRequest order
                        && organization.equals(ReportSource.orderingOrganization(order, implicated)))) {
            return;
        }
        if (category != null && issue.getImplicated().stream()
                .map(reference -> implicated.get(reference.getReference()))
                .noneMatch(resource -> resource != null && category.equals(categoryOf(resource)))) {
            return;
        }
        if (issue.hasMitigation()) {
            figures.decline(issue.getMitigationFirstRep().getAction().getCoding().stream()
                    .map(Coding::getCode).findFirst().orElse(null));
        } else if (issue.getStatus() == DetectedIssue.DetectedIssueStatus.PRELIMINARY) {
            figures.unjustifiedRepeats.add("DetectedIssue/" + issue.getIdElement().getIdPart());
        }
    }

    private String categoryOf(String systemAndCode) {
        int bar = systemAndCode.indexOf('|');
        if (bar < 0 || !systemAndCode.substring(0, bar).equals(profiles.catalogue().system())) {
            return null;
        }
        return profiles.catalogue().item(systemAndCode.substring(bar + 1)).map(LabItemCatalogue.Item::category).orElse(null);
    }

    /** The category of a result or order by the first of its codes that is an item. */
    private String categoryOf(Resource resource) {
        for (Base code : resource.listChildrenByName("code")) {
            if (code instanceof CodeableConcept concept) {
                for (Coding coding : concept.getCoding()) {
                    String category = categoryOf(coding.getSystem() + "|" + coding.getCode());
                    if (category != null) {
                        return category;
                    }
                }
            }
        }
        return null;
    }

    private static String detail(AuditEvent.AuditEventEntityComponent entity, String type) {
        return entity.getDetail().stream().filter(detail -> type.equals(detail.getType()))
                .map(detail -> detail.getValue().primitiveValue()).findFirst().orElse(null);
    }
}
