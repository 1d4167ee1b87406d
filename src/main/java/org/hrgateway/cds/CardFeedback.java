package org.hrgateway.cds;

import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DetectedIssue;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.Reference;
import org.hrgateway.audit.AuditCodes;
import org.hrgateway.audit.AuditTrail;
import org.hrgateway.fhir.BlockingWork;
import org.hrgateway.fhir.Outcomes;
import org.hrgateway.interaction.CreateInteraction;
import org.hrgateway.interaction.ResourcePreparer;
import org.hrgateway.operation.OperationErrors;
import org.hrgateway.operation.recognize.RepeatTestWatch;
import org.hrgateway.security.Access;
import org.hrgateway.security.Caller;
import org.hrgateway.security.Permission;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;

/**
 * A card's feedback (https://cds-hooks.hl7.org/2.0/#feedback), recorded as what it means for mutual
 * recognition:
 * <ul>
 * <li>`overridden` with a reason from the card's `overrideReasons`: the clinician's reasoned decision
 * to re-test, a `repeat-test` DetectedIssue with that reason as its mitigation (profile
 * mr-declined-recognition), counted among `$recognition-report`'s declines; the order, once stored,
 * is then no unjustified repeat (RepeatTestWatch);</li>
 * <li>`accepted`: the draft order removed and the result used, an AuditEvent
 * ({@link #CARD_OUTCOMES}`|accepted`) counted by `$recognition-report` as an order replaced;</li>
 * <li>`overridden` without a reason: kept on the card only; the order, if stored, is what counts.</li>
 * </ul>
 * Each card's feedback is recorded once: the same feedback sent again is answered and not recorded again.
 */
@ApplicationScoped
public class CardFeedback {

    /** The AuditEvent subtype system of card outcomes. */
    public static final String CARD_OUTCOMES = "http://hr-gateway.org/fhir/cds-services/card-outcome";
    public static final String ACCEPTED = "accepted";
    public static final String OVERRIDDEN = "overridden";
    private static final String DECLINE_PROFILE = "http://hr-gateway.org/fhir/StructureDefinition/mr-declined-recognition";

    private final IssuedCards issued;
    private final AuditTrail trail;
    private final ResourcePreparer preparer;
    private final CreateInteraction create;
    private final BlockingWork blocking;
    private final Cards cards;
    private final ObjectMapper json = new ObjectMapper();

    public CardFeedback(IssuedCards issued, AuditTrail trail, ResourcePreparer preparer, CreateInteraction create,
                        BlockingWork blocking, Cards cards) {
        this.issued = issued;
        this.trail = trail;
        this.preparer = preparer;
        this.create = create;
        this.blocking = blocking;
        this.cards = cards;
    }

    /** One card's feedback as read from the body. `reason` is null when none was given. */
    record Given(UUID card, String outcome, Coding reason, String comment, Date at) {
    }

    /** Records every feedback of the body, in order; a bad one fails the call before anything is recorded. */
    public Uni<Void> record(CdsServices.Service service, String body, Caller caller, String baseUrl) {
        List<Given> feedback = read(body);
        // Every card is found before anything is recorded: one unknown card fails the whole call.
        List<IssuedCards.Card> known = new ArrayList<>();
        Uni<Void> found = Uni.createFrom().voidItem();
        for (Given given : feedback) {
            found = found.chain(() -> issued.find(service.id(), given.card()).invoke(card -> known.add(card.orElseThrow(() -> {
                String message = "No card " + given.card() + " was given by " + service.id();
                return new ResourceNotFoundException(message, Outcomes.error(IssueType.NOTFOUND, message));
            }))).replaceWithVoid());
        }
        return found.chain(() -> {
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (int i = 0; i < feedback.size(); i++) {
                IssuedCards.Card card = known.get(i);
                Given given = feedback.get(i);
                chain = chain.chain(() -> one(card, given, caller, baseUrl));
            }
            return chain;
        });
    }

    private Uni<Void> one(IssuedCards.Card card, Given given, Caller caller, String baseUrl) {
        if (card.feedback() != null) {
            return Uni.createFrom().voidItem();
        }
        if (given.outcome().equals(OVERRIDDEN) && given.reason() == null) {
            return issued.claim(card.uuid(), OVERRIDDEN).replaceWithVoid();
        }
        if (given.outcome().equals(OVERRIDDEN)) {
            Access.require(caller, "DetectedIssue", Permission.CREATE);
        }
        return issued.claim(card.uuid(), given.outcome()).chain(claimed -> !claimed ? Uni.createFrom().voidItem()
                : (given.outcome().equals(ACCEPTED) ? accepted(card, given, caller) : declined(card, given, caller, baseUrl))
                        .chain(recorded -> issued.recorded(card.uuid(), recorded))
                        .onFailure().call(() -> issued.release(card.uuid())));
    }

    private Uni<String> accepted(IssuedCards.Card card, Given given, Caller caller) {
        AuditEvent event = new AuditEvent();
        event.setType(AuditCodes.rest());
        event.addSubtype(new Coding(CARD_OUTCOMES, ACCEPTED, "Card accepted: the order removed, the result used"));
        event.setAction(AuditEvent.AuditEventAction.E);
        event.setRecorded(given.at());
        event.setOutcome(AuditEvent.AuditEventOutcome._0);
        // Who ordered, as the draft order named its requester (the report's `organization` matches it),
        // and who decided at the workstation.
        if (card.requester() != null) {
            event.addAgent().setRequestor(true).setWho(new Reference(card.requester()));
        }
        AuditEvent.AuditEventAgentComponent user = event.addAgent().setRequestor(card.requester() == null);
        if (card.practitioner() != null) {
            user.setWho(workstationReference(card, card.practitioner()));
        } else {
            user.setName(caller.subject() == null ? "workstation" : caller.subject());
        }
        event.getSource().setObserver(new Reference().setDisplay("HR Gateway CDS Hooks " + card.service()))
                .setSite("HR Gateway");
        if (card.patient() != null) {
            AuditCodes.addPatient(event, card.patient());
        }
        AuditCodes.addObject(event, AuditCodes.QUERY_ROLE, "Query").setName(card.item())
                .setWhat(new Reference(card.result()));
        return trail.record(event).replaceWith("AuditEvent");
    }

    private Uni<String> declined(IssuedCards.Card card, Given given, Caller caller, String baseUrl) {
        DetectedIssue issue = new DetectedIssue();
        issue.getMeta().addProfile(DECLINE_PROFILE);
        issue.setStatus(DetectedIssue.DetectedIssueStatus.FINAL);
        issue.setCode(new CodeableConcept(new Coding(RepeatTestWatch.ISSUE_TYPES, RepeatTestWatch.REPEAT_TEST, "Repeat test")));
        issue.setPatient(card.patient() != null ? new Reference(card.patient()) : new Reference().setType("Patient")
                .setIdentifier(identifier(card.residentId())));
        issue.setIdentified(new DateTimeType(given.at()));
        issue.addImplicated(new Reference(card.result()));
        issue.addImplicated(workstationReference(card, "ServiceRequest/" + card.draftOrder()));
        if (given.comment() != null) {
            issue.setDetail(given.comment());
        }
        DetectedIssue.DetectedIssueMitigationComponent mitigation = issue.addMitigation()
                .setAction(new CodeableConcept(given.reason().copy())).setDateElement(new DateTimeType(given.at()));
        if (card.practitioner() != null) {
            mitigation.setAuthor(workstationReference(card, card.practitioner()));
        }
        return blocking.run(() -> preparer.prepareNow(issue))
                .chain(prepared -> create.create("DetectedIssue", prepared, null, baseUrl, caller))
                .map(outcome -> outcome.stored().type() + "/" + outcome.stored().id());
    }

    /** What the workstation named (its order, its user): by absolute URL on its FHIR server when it gave one. */
    private static Reference workstationReference(IssuedCards.Card card, String relative) {
        return new Reference(card.fhirServer() == null ? relative : card.fhirServer().replaceAll("/+$", "") + "/" + relative);
    }

    private static Identifier identifier(String systemAndValue) {
        int bar = systemAndValue.indexOf('|');
        return new Identifier().setSystem(systemAndValue.substring(0, bar)).setValue(systemAndValue.substring(bar + 1));
    }

    private List<Given> read(String body) {
        JsonNode tree;
        try {
            tree = body == null || body.isBlank() ? null : json.readTree(body);
        } catch (JsonProcessingException e) {
            throw OperationErrors.invalid("The feedback is not JSON: " + e.getOriginalMessage());
        }
        if (tree == null || !tree.path("feedback").isArray() || tree.path("feedback").isEmpty()) {
            throw OperationErrors.invalid("Feedback is a JSON object with a non-empty 'feedback' array");
        }
        List<Given> feedback = new ArrayList<>();
        for (JsonNode item : tree.path("feedback")) {
            UUID card;
            try {
                card = UUID.fromString(item.path("card").asText(""));
            } catch (IllegalArgumentException e) {
                throw OperationErrors.invalid("Each feedback names the card's uuid in 'card', not '" + item.path("card").asText("") + "'");
            }
            String outcome = item.path("outcome").asText("");
            if (!outcome.equals(ACCEPTED) && !outcome.equals(OVERRIDDEN)) {
                throw OperationErrors.invalid("A feedback's 'outcome' is 'accepted' or 'overridden', not '" + outcome + "'");
            }
            Coding reason = null;
            JsonNode given = item.path("overrideReason").path("reason");
            if (!given.isMissingNode() && !given.isNull()) {
                if (!outcome.equals(OVERRIDDEN)) {
                    throw OperationErrors.invalid("An overrideReason goes with the outcome 'overridden'");
                }
                reason = declineReason(given.path("system").asText(""), given.path("code").asText(""));
            }
            JsonNode comment = item.path("overrideReason").path("userComment");
            Date at = new Date();
            if (item.path("outcomeTimestamp").isTextual()) {
                try {
                    at = new DateTimeType(item.path("outcomeTimestamp").asText()).getValue();
                } catch (RuntimeException e) {
                    throw OperationErrors.invalid("'outcomeTimestamp' is an instant (2026-12-05T10:00:00+08:00), not '"
                            + item.path("outcomeTimestamp").asText() + "'");
                }
            }
            feedback.add(new Given(card, outcome, reason, comment.isTextual() ? comment.asText() : null, at));
        }
        return feedback;
    }

    /** One of the package's reasons to re-test (the card's overrideReasons), with its display. */
    private Coding declineReason(String system, String code) {
        CodeSystem reasons = cards.declineReasons();
        return reasons.getConcept().stream()
                .filter(concept -> reasons.getUrl().equals(system) && concept.getCode().equals(code))
                .findFirst()
                .map(concept -> new Coding(reasons.getUrl(), concept.getCode(), concept.getDisplay()))
                .orElseThrow(() -> OperationErrors.invalid("The override reason " + system + "|" + code
                        + " is not one of the card's overrideReasons (" + reasons.getUrl() + ")"));
    }
}
