package org.hrgateway.operation.recognize;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventAction;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventOutcome;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.hrgateway.audit.AuditCodes;
import org.hrgateway.audit.AuditTrail;

import java.util.Date;
import java.util.List;

/**
 * Records every `$recognize` call as an AuditEvent: who asked (the requesting institution), about
 * which patient, for which codes, and what was answered. Searchable by `patient` and by `entity`
 * (the results recognized).
 */
@ApplicationScoped
public class RecognitionAudit {

    /** The role of an entity that is one requested item; its name is `system|code`. */
    public static final String QUERY_ROLE = AuditCodes.QUERY_ROLE;
    /** Detail types of an item entity: the outcome code and the mr-recognition-reason code. */
    public static final String OUTCOME = "outcome";
    public static final String REASON = "reason";

    private final AuditTrail trail;

    public RecognitionAudit(AuditTrail trail) {
        this.trail = trail;
    }

    /** The entity that lists the cities a `scope=province` call consulted. */
    public static final String CITIES_CONSULTED = "cities-consulted";

    Uni<Void> record(RecognitionRequest request, List<String> patients, List<Recommendation> recommendations) {
        return trail.record(event(request, patients, recommendations, null, null));
    }

    /** A call's event; `requestId` links it to the reads the other cities recorded for it, `consulted` names them. */
    Uni<Void> record(RecognitionRequest request, List<String> patients, List<Recommendation> recommendations,
                     String requestId, String consulted) {
        return trail.record(event(request, patients, recommendations, requestId, consulted));
    }

    static AuditEvent event(RecognitionRequest request, List<String> patients, List<Recommendation> recommendations,
                            String requestId, String consulted) {
        AuditEvent event = new AuditEvent();
        event.setType(AuditCodes.rest());
        event.addSubtype(new Coding(RecognizeOperation.DEFINITION, "recognize", "$recognize"));
        event.setAction(AuditEventAction.E);
        event.setRecorded(new Date());
        event.setOutcome(AuditEventOutcome._0);
        AuditEvent.AuditEventAgentComponent agent = event.addAgent().setRequestor(true);
        if (request.requester() != null) {
            agent.setWho(request.requester().copy());
        } else {
            agent.setName("client that named no requester");
        }
        event.getSource().setObserver(new Reference().setDisplay("HR Gateway $recognize")).setSite("HR Gateway");
        for (String patient : patients) {
            AuditCodes.addPatient(event, "Patient/" + patient);
        }
        for (Recommendation recommendation : recommendations) {
            AuditEvent.AuditEventEntityComponent entity = AuditCodes.addObject(event, QUERY_ROLE, "Query")
                    .setName(recommendation.system() + "|" + recommendation.code());
            if (recommendation.chosen() != null) {
                entity.setWhat(new Reference(recommendation.chosen().candidate().reference()));
            }
            entity.addDetail().setType(OUTCOME).setValue(new StringType(recommendation.outcome()));
            if (recommendation.reason() != null) {
                entity.addDetail().setType(REASON).setValue(new StringType(recommendation.reason()));
            }
        }
        if (consulted != null) {
            event.addEntity().setType(new Coding(AuditCodes.OBJECT_TYPES, "2", "System Object"))
                    .setName(CITIES_CONSULTED).setDescription(consulted);
        }
        if (requestId != null) {
            event.addEntity().setWhat(new Reference().setIdentifier(new Identifier().setValue(requestId)))
                    .setType(new Coding(AuditCodes.BALP_ENTITY_TYPES, AuditCodes.REQUEST_ID, null));
        }
        return event;
    }
}
