package org.hrgateway.federation;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.hl7.fhir.r4.model.Bundle.SearchEntryMode;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.OperationOutcome.OperationOutcomeIssueComponent;
import org.hl7.fhir.r4.model.Resource;
import org.hrgateway.federation.Peers.Peer;
import org.hrgateway.fhir.ResourceCodec;
import org.hrgateway.search.SearchResult;
import org.hrgateway.search.SearchRow;

import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * A province searchset made of the home city's page and its peers' answers (ADR 0015). Nothing of a
 * peer's Bundle is copied as it came: each entry's resource is parsed, must be of a type this gateway
 * serves and have an id, and gets a new fullUrl, its absolute URL at the city that holds it, and
 * `meta.source`, that city's base; `entry.response` and the peer's links are not kept. A city that did
 * not answer, or whose results were cut, is a warning in the OperationOutcome entry, which also names
 * the cities consulted, so that "no data" differs from "not asked".
 */
public final class ProvinceBundle {

    /** What went into the page from one city. */
    private record CityPart(String city, int matches, boolean cut, Long total) {
    }

    private final ResourceCodec codec;
    private final Predicate<String> typeServed;
    private final Predicate<String> includeVisible;
    private final int perCity;
    private final List<BundleEntryComponent> matches = new ArrayList<>();
    private final List<BundleEntryComponent> included = new ArrayList<>();
    private final List<OperationOutcomeIssueComponent> warnings = new ArrayList<>();
    private final Map<String, CityPart> parts = new LinkedHashMap<>();
    private final List<String> missing = new ArrayList<>();

    /**
     * @param typeServed     which resource types a peer may return
     * @param includeVisible which included types the caller may read (others are left out, with a warning)
     * @param perCity        the most matches kept from one city
     */
    public ProvinceBundle(ResourceCodec codec, Predicate<String> typeServed, Predicate<String> includeVisible,
                          int perCity) {
        this.codec = codec;
        this.typeServed = typeServed;
        this.includeVisible = includeVisible;
        this.perCity = perCity;
    }

    /** The home city's page, read from its own store. */
    public ProvinceBundle home(String city, String base, SearchResult page) {
        for (SearchRow row : page.matches()) {
            matches.add(entry(codec.parseStored(row.stored().json()), base, SearchEntryMode.MATCH));
        }
        for (SearchRow row : page.included()) {
            included.add(entry(codec.parseStored(row.stored().json()), base, SearchEntryMode.INCLUDE));
        }
        page.warnings().forEach(warning -> warnings.add(issue(IssueSeverity.WARNING, IssueType.SUPPRESSED,
                city + ": " + warning)));
        boolean cut = page.next() != null;
        parts.put(city, new CityPart(city, page.matches().size(), cut, page.total()));
        if (cut) {
            warnings.add(ProvinceOutcome.cut(city, page.matches().size()));
        }
        return this;
    }

    /** A peer's answer: its searchset, or why it is missing. */
    public ProvinceBundle peer(PeerAnswer answer) {
        Peer peer = answer.peer();
        if (answer instanceof PeerAnswer.Missing absent) {
            missing.add(peer.city());
            warnings.add(ProvinceOutcome.missing(absent));
            return this;
        }
        PeerSearchset searchset;
        try {
            searchset = PeerSearchset.read(codec, ((PeerAnswer.Answered) answer).body(), typeServed);
        } catch (RuntimeException unreadable) {
            missing.add(peer.city());
            warnings.add(ProvinceOutcome.unusable(peer.city(), message(unreadable)));
            return this;
        }
        searchset.issues().forEach(issue -> warnings.add(issue(
                issue.getSeverity() == IssueSeverity.INFORMATION ? IssueSeverity.INFORMATION : IssueSeverity.WARNING,
                issue.getCode() == null ? IssueType.INFORMATIONAL : issue.getCode(), peer.city() + ": " + text(issue))));
        int shown = 0;
        int peerMatches = 0;
        Set<String> leftOut = new LinkedHashSet<>();
        for (PeerSearchset.Entry entry : searchset.entries()) {
            Resource resource = entry.resource();
            if (entry.mode() == SearchEntryMode.INCLUDE) {
                if (includeVisible.test(resource.fhirType())) {
                    included.add(entry(resource, peer.baseUrl(), SearchEntryMode.INCLUDE));
                } else {
                    leftOut.add(resource.fhirType());
                }
            } else if (++peerMatches <= perCity) {
                matches.add(entry(resource, peer.baseUrl(), SearchEntryMode.MATCH));
                shown++;
            }
        }
        if (!leftOut.isEmpty()) {
            warnings.add(issue(IssueSeverity.WARNING, IssueType.SUPPRESSED, peer.city() + ": included resources of type "
                    + String.join(", ", leftOut) + " were left out: the token's scopes do not allow reading them"));
        }
        boolean cut = searchset.more() || peerMatches > shown;
        parts.put(peer.city(), new CityPart(peer.city(), shown, cut,
                searchset.total() == null ? null : (long) searchset.total()));
        if (cut) {
            warnings.add(ProvinceOutcome.cut(peer.city(), shown));
        }
        return this;
    }

    /** The searchset: every city's matches, then what they included, then the outcome entry. */
    public Bundle build(String selfLink, String howChosen) {
        Bundle bundle = new Bundle().setType(Bundle.BundleType.SEARCHSET);
        bundle.setId(UUID.randomUUID().toString());
        bundle.getMeta().setLastUpdated(new Date());
        bundle.addLink().setRelation("self").setUrl(selfLink);
        total().ifPresent(bundle::setTotal);
        matches.forEach(bundle::addEntry);
        included.forEach(bundle::addEntry);
        OperationOutcome outcome = new OperationOutcome();
        outcome.addIssue(consulted(howChosen));
        warnings.forEach(outcome::addIssue);
        bundle.addEntry().setResource(outcome).getSearch().setMode(SearchEntryMode.OUTCOME);
        return bundle;
    }

    /** The cities that gave no usable answer. */
    public List<String> missing() {
        return List.copyOf(missing);
    }

    /** Known only when every city answered in full and said its total. */
    private java.util.Optional<Integer> total() {
        if (!missing.isEmpty()) {
            return java.util.Optional.empty();
        }
        long sum = 0;
        for (CityPart part : parts.values()) {
            if (part.cut() || part.total() == null) {
                return java.util.Optional.empty();
            }
            sum += part.total();
        }
        return java.util.Optional.of((int) Math.min(Integer.MAX_VALUE, sum));
    }

    private OperationOutcomeIssueComponent consulted(String howChosen) {
        List<String> answered = new ArrayList<>();
        parts.values().forEach(part -> answered.add(part.city() + " (" + part.matches() + (part.matches() == 1
                ? " match" : " matches") + (part.cut() ? ", cut" : "") + ")"));
        return ProvinceOutcome.consulted(howChosen, answered, missing);
    }

    private static BundleEntryComponent entry(Resource resource, String base, SearchEntryMode mode) {
        resource.getMeta().setSource(base);
        BundleEntryComponent entry = new BundleEntryComponent()
                .setFullUrl(base + "/" + resource.fhirType() + "/" + resource.getIdElement().getIdPart())
                .setResource(resource);
        entry.getSearch().setMode(mode);
        return entry;
    }

    private static OperationOutcomeIssueComponent issue(IssueSeverity severity, IssueType code, String text) {
        return ProvinceOutcome.issue(severity, code, text);
    }

    private static String text(OperationOutcomeIssueComponent issue) {
        if (issue.getDetails().hasText()) {
            return issue.getDetails().getText();
        }
        return issue.hasDiagnostics() ? issue.getDiagnostics() : issue.getCode() == null ? "" : issue.getCode().toCode();
    }

    private static String message(RuntimeException e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.length() > 200 ? message.substring(0, 200) + "…" : message;
    }
}
