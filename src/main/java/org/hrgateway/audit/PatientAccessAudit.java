package org.hrgateway.audit;

import ca.uhn.fhir.context.FhirContext;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventAction;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventAgentComponent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventOutcome;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;
import org.hrgateway.config.GatewayConfig;
import org.hrgateway.fhir.PatientCompartment;
import org.hrgateway.security.Caller;
import org.hrgateway.store.StoredResource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every read or search that returns a patient's data leaves an AuditEvent per patient, shaped as
 * IHE Basic Audit Log Patterns (BALP) PatientRead (read, vread: the resource read) and PatientQuery
 * (search, history: the query as sent): who (`sub`, `fhirUser`, the institution), which patient, the
 * interaction, the outcome. Searchable by `patient`, `agent` (`fhirUser`), `altid` (`sub`) and `date`.
 * The answer waits until its events are committed: data whose reading could not be recorded is not
 * returned. Reads of the audit trail itself are not audited again.
 */
@ApplicationScoped
public class PatientAccessAudit {

    static final String EVENT_TYPES = "http://terminology.hl7.org/CodeSystem/audit-event-type";
    static final String INTERACTIONS = "http://hl7.org/fhir/restful-interaction";
    static final String OBJECT_TYPES = "http://terminology.hl7.org/CodeSystem/audit-entity-type";
    static final String OBJECT_ROLES = "http://terminology.hl7.org/CodeSystem/object-role";
    static final String DICOM = "http://dicom.nema.org/resources/ontology/DCM";
    static final String SECURITY_ROLES = "http://terminology.hl7.org/CodeSystem/extra-security-role-type";
    static final String ROLE_CLASSES = "http://terminology.hl7.org/CodeSystem/v3-RoleClass";
    static final String SOURCE_TYPES = "http://terminology.hl7.org/CodeSystem/security-source-type";

    /** What was done, as R4's restful-interaction codes. */
    public enum Access {
        READ("read", false), VREAD("vread", false), HISTORY_INSTANCE("history-instance", true),
        HISTORY_TYPE("history-type", true), HISTORY_SYSTEM("history-system", true), SEARCH_TYPE("search-type", true);

        final String code;
        /** PatientQuery (the query is recorded) rather than PatientRead (the resource read is). */
        final boolean query;

        Access(String code, boolean query) {
            this.code = code;
            this.query = query;
        }
    }

    private final AuditTrail trail;
    private final PatientCompartment compartment;
    private final FhirContext context;
    private final boolean enabled;
    private final String institutionSystem;

    public PatientAccessAudit(AuditTrail trail, PatientCompartment compartment, FhirContext context,
                              GatewayConfig config) {
        this.trail = trail;
        this.compartment = compartment;
        this.context = context;
        this.enabled = config.audit().patientAccess();
        this.institutionSystem = config.security().institutions().identifierSystem();
    }

    /**
     * After `returned` were read for `caller`, before they are answered.
     *
     * @param query the request as sent, relative to the base (`Observation?patient=1`)
     */
    public Uni<Void> returned(Caller caller, Access access, String query, List<StoredResource> returned, String baseUrl) {
        if (!enabled || returned.stream().noneMatch(stored -> audited(stored.type()))) {
            return Uni.createFrom().voidItem();
        }
        return trail.recordAll(() -> {
            Map<String, Set<String>> byPatient = new LinkedHashMap<>();
            for (StoredResource stored : returned) {
                if (audited(stored.type()) && !stored.deleted()) {
                    for (String patient : compartment.patients(stored.type(), stored.id(), stored.json(), baseUrl)) {
                        byPatient.computeIfAbsent(patient, p -> new LinkedHashSet<>()).add(stored.versionedUrl());
                    }
                }
            }
            return events(caller, access, query, byPatient, baseUrl);
        });
    }

    /** As above, for resources already parsed (a history page). */
    public Uni<Void> returnedParsed(Caller caller, Access access, String query, List<? extends IBaseResource> returned,
                                    String baseUrl) {
        if (!enabled || returned.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return trail.recordAll(() -> {
            Map<String, Set<String>> byPatient = new LinkedHashMap<>();
            for (IBaseResource resource : returned) {
                if (audited(context.getResourceType(resource))) {
                    String data = resource.getIdElement().toUnqualified().getValue();
                    for (String patient : compartment.patients(resource, context, baseUrl)) {
                        byPatient.computeIfAbsent(patient, p -> new LinkedHashSet<>()).add(data);
                    }
                }
            }
            return events(caller, access, query, byPatient, baseUrl);
        });
    }

    private boolean audited(String type) {
        return !type.equals("AuditEvent") && compartment.hasMembers(type);
    }

    private List<AuditEvent> events(Caller caller, Access access, String query, Map<String, Set<String>> byPatient,
                                    String baseUrl) {
        List<AuditEvent> events = new ArrayList<>(byPatient.size());
        Date now = new Date();
        byPatient.forEach((patient, data) -> events.add(event(caller, access, query, patient, data, now, baseUrl)));
        return events;
    }

    AuditEvent event(Caller caller, Access access, String query, String patient, Set<String> data, Date recorded,
                     String baseUrl) {
        AuditEvent event = new AuditEvent();
        event.setType(new Coding(EVENT_TYPES, "rest", "Restful Operation"));
        event.addSubtype(new Coding(INTERACTIONS, access.code, null));
        event.setAction(access.query ? AuditEventAction.E : AuditEventAction.R);
        event.setRecorded(recorded);
        event.setOutcome(AuditEventOutcome._0);
        agents(event, caller);
        event.getSource().setSite(baseUrl).setObserver(new Reference().setDisplay("HR Gateway"))
                .addType(new Coding(SOURCE_TYPES, "4", "Application Server"));
        event.addEntity().setWhat(new Reference(patient))
                .setType(new Coding(OBJECT_TYPES, "1", "Person"))
                .setRole(new Coding(OBJECT_ROLES, "1", "Patient"));
        if (access.query) {
            event.addEntity().setType(new Coding(OBJECT_TYPES, "2", "System Object"))
                    .setRole(new Coding(OBJECT_ROLES, "24", "Query"))
                    .setQuery(query.getBytes(StandardCharsets.UTF_8))
                    .setDescription(query);
        } else {
            for (String read : data) {
                event.addEntity().setWhat(new Reference(read))
                        .setType(new Coding(OBJECT_TYPES, "2", "System Object"))
                        .setRole(new Coding(OBJECT_ROLES, "4", "Domain Resource"));
            }
        }
        return event;
    }

    /** The user or system that asked (requestor), and the institution it speaks for. */
    private void agents(AuditEvent event, Caller caller) {
        AuditEventAgentComponent user = event.addAgent().setRequestor(true);
        if (caller.unchecked()) {
            user.setName("anyone (security is off)");
            return;
        }
        user.getType().addCoding(caller.isSystem() ? new Coding(DICOM, "110150", "Application")
                : new Coding(SECURITY_ROLES, "humanuser", "human user"));
        if (caller.fhirUser() != null) {
            user.setWho(new Reference(caller.fhirUser()));
        } else {
            user.setWho(new Reference().setIdentifier(new Identifier().setSystem(caller.issuer()).setValue(caller.subject())));
        }
        user.setAltId(caller.subject()).setName(caller.subject());
        if (caller.institution() != null) {
            event.addAgent().setRequestor(false)
                    .setType(new org.hl7.fhir.r4.model.CodeableConcept(new Coding(ROLE_CLASSES, "PROV", "healthcare provider")))
                    .setWho(new Reference().setType("Organization")
                            .setIdentifier(new Identifier().setSystem(institutionSystem).setValue(caller.institution())));
        }
    }
}
