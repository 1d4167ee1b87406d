package org.hrgateway.audit;

import ca.uhn.fhir.context.FhirContext;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventOutcome;
import org.hrgateway.config.GatewayConfig;
import org.hrgateway.fhir.BlockingWork;
import org.hrgateway.fhir.PatientCompartment;
import org.hrgateway.security.Caller;
import org.hrgateway.store.StoredResource;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
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
    private final BlockingWork blocking;
    private final PatientCompartment compartment;
    private final FhirContext context;
    private final boolean enabled;
    private final String institutionSystem;

    public PatientAccessAudit(AuditTrail trail, BlockingWork blocking, PatientCompartment compartment,
                              FhirContext context, GatewayConfig config) {
        this.trail = trail;
        this.blocking = blocking;
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
        if (!enabled) {
            return Uni.createFrom().voidItem();
        }
        // HAPI's compartment reader walks the model: work for a worker, not the event loop.
        return blocking.run(() -> {
            List<Returned> parsed = new ArrayList<>(returned.size());
            for (IBaseResource resource : returned) {
                Set<String> patients = compartment.patients(resource, context, baseUrl);
                parsed.add(new Returned(context.getResourceType(resource),
                        resource.getIdElement().toUnqualified().getValue(), () -> patients));
            }
            return parsed;
        }).chain(parsed -> record(caller, access, query, parsed, baseUrl, AuditEventOutcome._0));
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

    /**
     * One event per patient whose data `returned` holds, written as JSON on the caller's thread: whose
     * data a stored resource is comes from a streaming read of its JSON (PatientCompartment), which
     * costs less than the hop to a worker would.
     */
    private Uni<Void> record(Caller caller, Access access, String query, List<Returned> returned, String baseUrl,
                             AuditEventOutcome outcome) {
        if (!enabled || returned.stream().noneMatch(resource -> audited(resource.type()))) {
            return Uni.createFrom().voidItem();
        }
        return Uni.createFrom().item(() -> events(caller, access, query, returned, baseUrl, outcome))
                .chain(trail::recordJson);
    }

    private boolean audited(String type) {
        return !type.equals("AuditEvent") && compartment.hasMembers(type);
    }

    private List<String> events(Caller caller, Access access, String query, List<Returned> returned, String baseUrl,
                                AuditEventOutcome outcome) {
        Map<String, Set<String>> byPatient = new LinkedHashMap<>();
        for (Returned resource : returned) {
            if (audited(resource.type())) {
                for (String patient : resource.patients().get()) {
                    byPatient.computeIfAbsent(patient, p -> new LinkedHashSet<>()).add(resource.version());
                }
            }
        }
        List<String> events = new ArrayList<>(byPatient.size());
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        byPatient.forEach((patient, data) -> events.add(AccessEventJson.write(new AccessEventJson.Event(
                UUID.randomUUID().toString(), caller, access, query, patient, data, now, baseUrl, outcome.toCode(),
                institutionSystem))));
        return events;
    }
}
