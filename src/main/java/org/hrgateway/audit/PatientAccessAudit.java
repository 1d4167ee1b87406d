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
import java.util.function.Supplier;

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
        return record(caller, access, query, stored(returned, baseUrl), baseUrl, AuditEventOutcome._0);
    }

    /**
     * A read the caller was refused after the resource was found (a `patient/` token reaching outside
     * its compartment): recorded with outcome `4`, so that the patient whose data was asked for sees
     * the attempt in their log.
     */
    public Uni<Void> refused(Caller caller, Access access, String query, StoredResource asked, String baseUrl) {
        return record(caller, access, query, stored(List.of(asked), baseUrl), baseUrl, AuditEventOutcome._4);
    }

    /** As above, for resources already parsed (a history page). */
    public Uni<Void> returnedParsed(Caller caller, Access access, String query, List<? extends IBaseResource> returned,
                                    String baseUrl) {
        List<Returned> parsed = new ArrayList<>(returned.size());
        for (IBaseResource resource : returned) {
            parsed.add(new Returned(context.getResourceType(resource), resource.getIdElement().toUnqualified().getValue(),
                    () -> compartment.patients(resource, context, baseUrl)));
        }
        return record(caller, access, query, parsed, baseUrl, AuditEventOutcome._0);
    }

    /** A resource answered: its type, the version it was, and whose data it is (read only when audited). */
    private record Returned(String type, String version, Supplier<Set<String>> patients) {
    }

    private List<Returned> stored(List<StoredResource> returned, String baseUrl) {
        List<Returned> stored = new ArrayList<>(returned.size());
        for (StoredResource resource : returned) {
            if (!resource.deleted()) {
                stored.add(new Returned(resource.type(), resource.versionedUrl(),
                        () -> compartment.patients(resource.type(), resource.id(), resource.json(), baseUrl)));
            }
        }
        return stored;
    }

    /** One event per patient whose data `returned` holds; reading whose data it is runs on a worker. */
    private Uni<Void> record(Caller caller, Access access, String query, List<Returned> returned, String baseUrl,
                             AuditEventOutcome outcome) {
        if (!enabled || returned.stream().noneMatch(resource -> audited(resource.type()))) {
            return Uni.createFrom().voidItem();
        }
        return trail.recordAll(() -> {
            Map<String, Set<String>> byPatient = new LinkedHashMap<>();
            for (Returned resource : returned) {
                if (audited(resource.type())) {
                    for (String patient : resource.patients().get()) {
                        byPatient.computeIfAbsent(patient, p -> new LinkedHashSet<>()).add(resource.version());
                    }
                }
            }
            return events(caller, access, query, byPatient, baseUrl, outcome);
        });
    }

    private boolean audited(String type) {
        return !type.equals("AuditEvent") && compartment.hasMembers(type);
    }

    private List<AuditEvent> events(Caller caller, Access access, String query, Map<String, Set<String>> byPatient,
                                    String baseUrl, AuditEventOutcome outcome) {
        List<AuditEvent> events = new ArrayList<>(byPatient.size());
        Date now = new Date();
        byPatient.forEach((patient, data) -> events.add(event(caller, access, query, patient, data, now, baseUrl, outcome)));
        return events;
    }

    AuditEvent event(Caller caller, Access access, String query, String patient, Set<String> data, Date recorded,
                     String baseUrl, AuditEventOutcome outcome) {
        AuditEvent event = new AuditEvent();
        event.setType(AuditCodes.rest());
        event.addSubtype(new Coding(AuditCodes.INTERACTIONS, access.code, null));
        event.setAction(access.query ? AuditEventAction.E : AuditEventAction.R);
        event.setRecorded(recorded);
        event.setOutcome(outcome);
        agents(event, caller);
        event.getSource().setSite(baseUrl).setObserver(new Reference().setDisplay("HR Gateway"))
                .addType(new Coding(AuditCodes.SOURCE_TYPES, "4", "Application Server"));
        AuditCodes.addPatient(event, patient);
        if (access.query) {
            AuditCodes.addObject(event, AuditCodes.QUERY_ROLE, "Query")
                    .setQuery(query.getBytes(StandardCharsets.UTF_8))
                    .setDescription(query);
        } else {
            for (String read : data) {
                AuditCodes.addObject(event, "4", "Domain Resource").setWhat(new Reference(read));
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
        // A token with user/ scopes speaks for a person, whatever system/ scopes it also carries.
        user.getType().addCoding(!caller.scopes().has(org.hrgateway.security.Scopes.Context.USER)
                && caller.isSystem() ? new Coding(AuditCodes.DICOM, "110150", "Application")
                : new Coding(AuditCodes.SECURITY_ROLES, "humanuser", "human user"));
        if (caller.fhirUser() != null) {
            user.setWho(new Reference(caller.fhirUser()));
        } else {
            user.setWho(new Reference().setIdentifier(new Identifier().setSystem(caller.issuer()).setValue(caller.subject())));
        }
        user.setAltId(caller.subject()).setName(caller.subject());
        if (caller.institution() != null) {
            event.addAgent().setRequestor(false)
                    .setType(new org.hl7.fhir.r4.model.CodeableConcept(new Coding(AuditCodes.ROLE_CLASSES, "PROV", "healthcare provider")))
                    .setWho(new Reference().setType("Organization")
                            .setIdentifier(new Identifier().setSystem(institutionSystem).setValue(caller.institution())));
        }
    }
}
