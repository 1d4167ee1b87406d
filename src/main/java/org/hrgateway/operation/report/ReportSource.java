package org.hrgateway.operation.report;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.DetectedIssue;
import org.hl7.fhir.r4.model.PractitionerRole;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hrgateway.audit.AuditTrail;
import org.hrgateway.cds.CardFeedback;
import org.hrgateway.operation.SearchedResources;
import org.hrgateway.operation.recognize.RecognizeOperation;
import org.hrgateway.operation.recognize.RepeatTestWatch;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Reads, through the gateway's own search and every page of it ({@link SearchedResources}), what a recognition report counts:
 * the `$recognize` AuditEvents and the `repeat-test` DetectedIssues of a period, and the orders and
 * results those issues implicate.
 */
@ApplicationScoped
public class ReportSource {

    private static final int PAGE = 1000;

    private final SearchedResources searched;
    /** Ids asked for in one `_id` search at most: a search takes no more values (hr.limits.max-search-values). */
    private final int idsPerSearch;

    private final AuditTrail trail;

    public ReportSource(SearchedResources searched, AuditTrail trail, org.hrgateway.config.GatewayConfig config) {
        this.searched = searched;
        this.trail = trail;
        this.idsPerSearch = config.limits().maxSearchValues();
    }

    /**
     * The calls recorded in the period, each handed to `each` as it is read (none kept: a city's month
     * of calls does not fit in memory at once); with `organization`, only those it requested.
     */
    Uni<Void> recognizeCalls(ReportPeriod period, String organization, String baseUrl, Consumer<AuditEvent> each) {
        Map<String, List<String>> params = new HashMap<>();
        params.put("subtype", List.of(RecognizeOperation.DEFINITION + "|recognize"));
        params.put("date", List.of("ge" + period.start(), "le" + period.end()));
        if (organization != null) {
            params.put("agent", List.of(organization));
        }
        // The calls recorded before the report began all count, stored or still waiting.
        return trail.drain()
                .chain(() -> searched.each("AuditEvent", params, PAGE, baseUrl, event -> each.accept((AuditEvent) event)))
                .replaceWithVoid();
    }

    /** The CDS cards accepted in the period, each handed to `each`: orders removed at order time, a recognizable result used instead. */
    Uni<Void> acceptedCards(ReportPeriod period, String baseUrl, Consumer<AuditEvent> each) {
        Map<String, List<String>> params = Map.of(
                "subtype", List.of(CardFeedback.CARD_OUTCOMES + "|" + CardFeedback.ACCEPTED),
                "date", List.of("ge" + period.start(), "le" + period.end()));
        return searched.each("AuditEvent", params, PAGE, baseUrl, event -> each.accept((AuditEvent) event)).replaceWithVoid();
    }

    /** The repeat-test DetectedIssues last written in the period. */
    Uni<List<DetectedIssue>> repeatTests(ReportPeriod period, String baseUrl) {
        Map<String, List<String>> params = Map.of(
                "code", List.of(RepeatTestWatch.ISSUE_TYPES + "|" + RepeatTestWatch.REPEAT_TEST),
                "_lastUpdated", List.of("ge" + period.start(), "le" + period.end()));
        return all("DetectedIssue", params, baseUrl).map(found -> found.stream().map(DetectedIssue.class::cast).toList());
    }

    /**
     * The local resources the issues implicate, by their relative reference, and the
     * PractitionerRoles that requested the implicated orders (whose organization ordered them).
     */
    public Uni<Map<String, Resource>> implicated(List<DetectedIssue> issues, String baseUrl) {
        Map<String, Set<String>> idsByType = new LinkedHashMap<>();
        for (DetectedIssue issue : issues) {
            for (Reference reference : issue.getImplicated()) {
                addLocal(idsByType, reference);
            }
        }
        return fetch(idsByType, new HashMap<>(), baseUrl).chain(implicated -> {
            Map<String, Set<String>> roles = new LinkedHashMap<>();
            implicated.values().stream()
                    .filter(ServiceRequest.class::isInstance)
                    .map(order -> ((ServiceRequest) order).getRequester())
                    .filter(requester -> requester.getReference() != null
                            && requester.getReference().startsWith("PractitionerRole/"))
                    .forEach(requester -> addLocal(roles, requester));
            return fetch(roles, implicated, baseUrl);
        });
    }

    /** The DetectedIssues a report lists (`DetectedIssue/[id]`), as far as they are still held. */
    public Uni<List<DetectedIssue>> issues(List<String> references, String baseUrl) {
        Map<String, Set<String>> ids = new LinkedHashMap<>();
        references.forEach(reference -> addLocal(ids, new Reference(reference)));
        return fetch(ids, new HashMap<>(), baseUrl).map(found -> references.stream().map(found::get)
                .filter(DetectedIssue.class::isInstance).map(DetectedIssue.class::cast).toList());
    }

    /**
     * Who ordered: the requester when an Organization, else the organization of the requesting
     * PractitionerRole among `implicated`.
     */
    public static String orderingOrganization(ServiceRequest order, Map<String, Resource> implicated) {
        String requester = order.getRequester().getReference();
        if (requester != null && implicated.get(requester) instanceof PractitionerRole role) {
            return role.getOrganization().getReference();
        }
        return requester;
    }

    private static void addLocal(Map<String, Set<String>> idsByType, Reference reference) {
        String[] parts = reference.hasReference() ? reference.getReference().split("/") : new String[0];
        if (parts.length == 2) {
            idsByType.computeIfAbsent(parts[0], type -> new LinkedHashSet<>()).add(parts[1]);
        }
    }

    private Uni<Map<String, Resource>> fetch(Map<String, Set<String>> idsByType, Map<String, Resource> into, String baseUrl) {
        Uni<Map<String, Resource>> chain = Uni.createFrom().item(into);
        for (Map.Entry<String, Set<String>> entry : idsByType.entrySet()) {
            List<String> ids = List.copyOf(entry.getValue());
            for (int from = 0; from < ids.size(); from += idsPerSearch) {
                List<String> some = ids.subList(from, Math.min(ids.size(), from + idsPerSearch));
                chain = chain.chain(byReference -> all(entry.getKey(), Map.of("_id", List.of(String.join(",", some))), baseUrl)
                        .map(found -> {
                            found.forEach(resource -> byReference.put(resource.fhirType() + "/"
                                    + resource.getIdElement().getIdPart(), resource));
                            return byReference;
                        }));
            }
        }
        return chain;
    }

    private Uni<List<Resource>> all(String type, Map<String, List<String>> params, String baseUrl) {
        return searched.all(type, params, PAGE, baseUrl);
    }
}
