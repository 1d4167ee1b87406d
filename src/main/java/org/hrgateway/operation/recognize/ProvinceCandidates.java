package org.hrgateway.operation.recognize;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.hl7.fhir.r4.model.Bundle.SearchEntryMode;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.OperationOutcome.OperationOutcomeIssueComponent;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hrgateway.config.GatewayConfig;
import org.hrgateway.federation.PeerAnswer;
import org.hrgateway.federation.PeerSearchset;
import org.hrgateway.federation.Peers.Peer;
import org.hrgateway.federation.ProvinceCall;
import org.hrgateway.federation.ProvinceFanOut;
import org.hrgateway.federation.ProvinceOutcome;
import org.hrgateway.fhir.BlockingWork;
import org.hrgateway.fhir.ResourceCodec;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the other cities hold for a person, for `$recognize scope=province` (ADR 0015): each peer is
 * asked with two ordinary FHIR searches, so any FHIR server could answer them — the person's
 * Observations for the items (with their performers, and the DiagnosticReports that list them) and
 * their DiagnosticReports (with their performers) — and what comes back becomes candidates and
 * certifications named by their absolute URLs at that city, for the same rules as this city's own.
 */
@ApplicationScoped
public class ProvinceCandidates {

    /** What a peer's answers to the two searches may hold. */
    private static final Set<String> CANDIDATE_TYPES = Set.of("Observation", "DiagnosticReport", "Organization");

    /**
     * @param candidates     by requested code (`system|code`), from every city that answered
     * @param certifications the performers' certifications, by absolute Organization URL
     * @param answered       each city that answered, described for the outcome (`heze (3 results)`)
     * @param missing        the cities that did not answer
     * @param issues         warnings to pass on (a city's results cut, a city's Bundle unusable)
     */
    record Gathered(Map<String, List<Candidate>> candidates, Map<String, List<Certification>> certifications,
                    List<String> answered, List<String> missing, List<OperationOutcomeIssueComponent> issues) {
    }

    private final ProvinceFanOut fanOut;
    private final ResourceCodec codec;
    private final BlockingWork blocking;
    private final int maxCount;

    public ProvinceCandidates(ProvinceFanOut fanOut, ResourceCodec codec, BlockingWork blocking, GatewayConfig config) {
        this.fanOut = fanOut;
        this.codec = codec;
        this.blocking = blocking;
        this.maxCount = config.federation().maxPerCity();
    }

    /** Asks `peers` for the results of the person with `residentIds` for `items`, all at once, within the call. */
    Uni<Gathered> gather(List<Peer> peers, List<Identifier> residentIds, List<Coding> items, RecognitionData data,
                         ProvinceCall call) {
        if (peers.isEmpty() || residentIds.isEmpty() || items.isEmpty()) {
            return Uni.createFrom().item(new Gathered(Map.of(), Map.of(), List.of(), List.of(), List.of()));
        }
        Map<String, List<String>> person = new LinkedHashMap<>();
        person.put("subject:Patient.resident-id", List.of(String.join(",", residentIds.stream()
                .map(id -> escape(id.getSystem()) + "|" + escape(id.getValue())).toList())));
        person.put("code", List.of(String.join(",", items.stream()
                .map(code -> escape(code.getSystem()) + "|" + escape(code.getCode())).toList())));
        person.put("_sort", List.of("-date"));
        person.put("_count", List.of(Integer.toString(maxCount)));
        String observations = "Observation?" + ProvinceFanOut.query(with(person, "_include", "Observation:performer",
                "_revinclude", "DiagnosticReport:result"));
        String reports = "DiagnosticReport?" + ProvinceFanOut.query(with(person, "_include", "DiagnosticReport:performer"));
        Set<String> asked = new HashSet<>();
        items.forEach(code -> asked.add(CandidateSearch.key(code)));
        return Uni.combine().all()
                .unis(fanOut.ask(peers, observations, call), fanOut.ask(peers, reports, call)).asTuple()
                .chain(both -> blocking.run(() -> gathered(peers, both.getItem1(), both.getItem2(), asked, data)));
    }

    private Gathered gathered(List<Peer> peers, List<PeerAnswer> observations, List<PeerAnswer> reports,
                              Set<String> asked, RecognitionData data) {
        Map<String, List<Candidate>> candidates = new HashMap<>();
        Map<String, List<Certification>> certifications = new HashMap<>();
        List<String> answered = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        List<OperationOutcomeIssueComponent> issues = new ArrayList<>();
        for (int i = 0; i < peers.size(); i++) {
            Peer peer = peers.get(i);
            PeerAnswer first = observations.get(i);
            PeerAnswer second = reports.get(i);
            if (first instanceof PeerAnswer.Missing absent) {
                missing.add(peer.city());
                issues.add(ProvinceOutcome.missing(absent));
                continue;
            }
            if (second instanceof PeerAnswer.Missing absent) {
                missing.add(peer.city());
                issues.add(ProvinceOutcome.missing(absent));
                continue;
            }
            City city = new City(peer.baseUrl(), data);
            try {
                city.read(((PeerAnswer.Answered) first).body());
                city.read(((PeerAnswer.Answered) second).body());
            } catch (RuntimeException unusable) {
                missing.add(peer.city());
                issues.add(ProvinceOutcome.unusable(peer.city(), String.valueOf(unusable.getMessage())));
                continue;
            }
            int count = city.candidates(asked, candidates).size();
            certifications.putAll(city.certifications);
            answered.add(peer.city() + " (" + count + (count == 1 ? " result" : " results") + ")");
            if (city.cut) {
                issues.add(ProvinceOutcome.cut(peer.city(), count));
            }
        }
        return new Gathered(candidates, certifications, answered, missing, issues);
    }

    /** One city's two answers, read into results, marked-report listings and certifications. */
    private final class City {
        private final String base;
        private final RecognitionData data;
        /** The results found, by `Type/id`, as the rules read them. */
        private final Map<String, ResultJson> results = new LinkedHashMap<>();
        private final Set<String> listed = new HashSet<>();
        private final Map<String, List<Certification>> certifications = new HashMap<>();
        private boolean cut;

        City(String base, RecognitionData data) {
            this.base = base;
            this.data = data;
        }

        void read(String body) {
            PeerSearchset searchset = PeerSearchset.read(codec, body, CANDIDATE_TYPES::contains);
            cut |= searchset.more();
            for (PeerSearchset.Entry entry : searchset.entries()) {
                Resource resource = entry.resource();
                if (resource instanceof Organization organization) {
                    certifications.put(base + "/Organization/" + entry.id(), List.copyOf(data.certifications(organization)));
                } else if (entry.mode() == SearchEntryMode.INCLUDE) {
                    listedBy(resource);
                } else {
                    // Re-encoded as this gateway stores JSON: ResultJson reads that form.
                    results.put(resource.fhirType() + "/" + entry.id(), data.result(codec.encodeForStorage(resource)));
                }
            }
        }

        /** A marked DiagnosticReport included for listing Observations: those it lists count as marked. */
        private void listedBy(Resource resource) {
            if (!(resource instanceof DiagnosticReport report) || !data.result(codec.encodeForStorage(report)).marked()) {
                return;
            }
            for (Reference result : report.getResult()) {
                String reference = result.getReference() == null ? "" : result.getReference();
                if (reference.startsWith(base + "/")) {
                    reference = reference.substring(base.length() + 1);
                }
                if (reference.startsWith("Observation/")) {
                    listed.add(reference.substring("Observation/".length()));
                }
            }
        }

        /** Adds this city's candidates to `byCode` under each asked code they carry; returns them. */
        List<Candidate> candidates(Set<String> asked, Map<String, List<Candidate>> byCode) {
            List<Candidate> all = new ArrayList<>();
            results.forEach((relative, read) -> {
                boolean listedObservation = relative.startsWith("Observation/")
                        && listed.contains(relative.substring("Observation/".length()));
                Candidate candidate = new Candidate(base + "/" + relative, read.status(), read.marked() || listedObservation,
                        read.effective(), read.issued(), absolute(read.performer(), base));
                all.add(candidate);
                for (String key : asked) {
                    if (read.codes().contains(key)) {
                        byCode.computeIfAbsent(key, k -> new ArrayList<>()).add(candidate);
                    }
                }
            });
            return all;
        }
    }

    /** A reference as an absolute URL at `base`: `Organization/5` there is `base/Organization/5`. */
    static String absolute(String reference, String base) {
        if (reference == null || reference.startsWith("http://") || reference.startsWith("https://")) {
            return reference;
        }
        return reference.matches("[A-Z][A-Za-z]+/[A-Za-z0-9\\-.]{1,64}") ? base + "/" + reference : reference;
    }

    /** A search value with FHIR's escapes (search.html#escaping): `\`, `,`, `|` and `$`. */
    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace(",", "\\,").replace("|", "\\|").replace("$", "\\$");
    }

    private static Map<String, List<String>> with(Map<String, List<String>> params, String... more) {
        Map<String, List<String>> all = new LinkedHashMap<>(params);
        for (int i = 0; i < more.length; i += 2) {
            all.put(more[i], List.of(more[i + 1]));
        }
        return all;
    }
}
