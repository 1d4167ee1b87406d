package org.hrgateway.operation.recognize;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DetectedIssue;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hrgateway.fhir.BlockingWork;
import org.hrgateway.interaction.CreateInteraction;
import org.hrgateway.interaction.Prepared;
import org.hrgateway.operation.SearchedResources;
import org.hrgateway.interaction.WriteListener;
import org.hrgateway.interaction.WriteOutcome;
import org.hrgateway.search.index.IndexExtractor;
import org.hrgateway.security.Caller;
import org.hrgateway.telemetry.GatewayMetrics;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Discovers repeat tests as they are ordered: when a ServiceRequest is created for an item the
 * patient has a recognizable result for, and no clinician recorded a reasoned decision to re-test
 * (a `repeat-test` DetectedIssue with a mitigation, implicating that result), the gateway records a
 * preliminary `repeat-test` DetectedIssue itself. The order is stored either way; the client is
 * told in a warning. Every path that creates an order reaches it ({@link WriteListener}): POST,
 * PUT with a new id, a conditional update that creates, a transaction or batch entry.
 */
@ApplicationScoped
public class RepeatTestWatch implements WriteListener {

    private static final Logger LOG = Logger.getLogger(RepeatTestWatch.class);

    public static final String ISSUE_TYPES = "http://hr-gateway.org/fhir/CodeSystem/mr-issue-type";
    public static final String REPEAT_TEST = "repeat-test";
    /** Orders that no longer ask for a test are not repeats. */
    private static final Set<String> INACTIVE = Set.of("revoked", "completed", "entered-in-error");

    private static final String UNCHECKED = "The order is stored, but whether it repeats a recognizable result"
            + " could not be checked: ";

    private final Recognizer recognizer;
    private final SearchedResources searched;
    private final CreateInteraction create;
    private final IndexExtractor extractor;
    private final BlockingWork blocking;
    private final GatewayMetrics metrics;

    public RepeatTestWatch(Recognizer recognizer, SearchedResources searched, CreateInteraction create,
                           IndexExtractor extractor, BlockingWork blocking, GatewayMetrics metrics) {
        this.metrics = metrics;
        this.recognizer = recognizer;
        this.searched = searched;
        this.create = create;
        this.extractor = extractor;
        this.blocking = blocking;
    }

    @Override
    public boolean wants(String type, int status) {
        return "ServiceRequest".equals(type) && status == 201;
    }

    /** After `written` stored `resource`: adds a warning per unjustified repeat it discovered. */
    @Override
    public Uni<WriteOutcome> committed(Resource resource, WriteOutcome written, String baseUrl) {
        if (!(resource instanceof ServiceRequest order) || written.status() != 201
                || (order.getStatus() != null && INACTIVE.contains(order.getStatus().toCode()))
                || !order.getSubject().hasReference() || !order.getSubject().getReference().startsWith("Patient/")) {
            return Uni.createFrom().item(written);
        }
        List<Coding> items = order.getCode().getCoding().stream().filter(recognizer::isItem).toList();
        if (items.isEmpty()) {
            return Uni.createFrom().item(written);
        }
        String patient = order.getSubject().getReference().substring("Patient/".length());
        String orderReference = "ServiceRequest/" + written.stored().id();
        Instant now = Instant.now();
        return recognizer.recognize(items, List.of(patient), now, baseUrl)
                .chain(recognition -> {
                    if (recognition.patients().isEmpty()) {
                        return Uni.createFrom().item(List.of(UNCHECKED + "Patient/" + patient + " is not held here"));
                    }
                    Uni<List<String>> chain = Uni.createFrom().item(new ArrayList<>());
                    for (Recommendation recommendation : recognition.recommendations()) {
                        if (!Recommendation.RECOGNIZED.equals(recommendation.outcome())) {
                            continue;
                        }
                        chain = chain.chain(warnings -> raiseUnlessJustified(recommendation, patient, orderReference, baseUrl)
                                .map(warning -> {
                                    if (warning != null) {
                                        warnings.add(warning);
                                    }
                                    return warnings;
                                }));
                    }
                    return chain;
                })
                .map(written::withWarnings)
                // The order is stored whatever happens here: a failed check must not turn its 201 into an
                // error that makes the client send it again.
                .onFailure().recoverWithItem(failure -> {
                    LOG.error("Repeat-test check of " + orderReference + " failed", failure);
                    return written.withWarnings(List.of(UNCHECKED + failure.getMessage()));
                });
    }

    private Uni<String> raiseUnlessJustified(Recommendation recommendation, String patient, String order, String baseUrl) {
        String result = recommendation.chosen().candidate().reference();
        return searched.firstPage("DetectedIssue", Map.of("implicated", List.of(result),
                        "code", List.of(ISSUE_TYPES + "|" + REPEAT_TEST)), baseUrl)
                .map(issues -> issues.stream().map(DetectedIssue.class::cast).anyMatch(DetectedIssue::hasMitigation))
                .chain(justified -> justified ? Uni.createFrom().item((String) null)
                        : raise(recommendation, patient, order, result, baseUrl));
    }

    private Uni<String> raise(Recommendation recommendation, String patient, String order, String result,
                              String baseUrl) {
        DetectedIssue issue = new DetectedIssue();
        issue.setStatus(DetectedIssue.DetectedIssueStatus.PRELIMINARY);
        issue.setCode(new CodeableConcept(new Coding(ISSUE_TYPES, REPEAT_TEST, "Repeat test")));
        issue.setPatient(new Reference("Patient/" + patient));
        issue.setIdentified(new DateTimeType(new Date()));
        issue.addImplicated(new Reference(order));
        issue.addImplicated(new Reference(result));
        issue.setDetail("Ordered " + recommendation.system() + "|" + recommendation.code() + " although " + result
                + " may be recognized until " + recommendation.validUntil() + "; no reason to re-test was recorded");
        // The gateway's own record: preliminary and without a mitigation, which only a clinician can give,
        // so it is stored without the decision profile that a clinician's DetectedIssue must meet.
        return blocking.run(() -> new Prepared(issue, extractor.extract(issue)))
                .chain(prepared -> create.create("DetectedIssue", prepared, null, baseUrl, Caller.UNCHECKED))
                .invoke(metrics::repeatDetected)
                .map(created -> "The patient has a result that may be recognized for " + recommendation.code() + ": "
                        + result + " (valid until " + recommendation.validUntil() + "). Recorded as a repeat test in "
                        + created.stored().type() + "/" + created.stored().id()
                        + "; record the reason to re-test in a DetectedIssue (profile mr-declined-recognition)");
    }
}
