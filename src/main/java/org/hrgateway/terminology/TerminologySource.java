package org.hrgateway.terminology;

import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.reactive.mutiny.Mutiny;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ValueSet;
import org.hrgateway.conformance.ProfilePackage;
import org.hrgateway.fhir.BlockingWork;
import org.hrgateway.fhir.Outcomes;
import org.hrgateway.fhir.ResourceCodec;
import org.hrgateway.fhir.ResourceTypes;
import org.hrgateway.search.CanonicalResources;
import org.hrgateway.store.ResourceStore;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The ValueSets and CodeSystems the server holds: those stored (the profile package's among them,
 * published at start), found by id or by canonical URL ({@link CanonicalResources}). LOINC
 * supplements come from the package.
 */
@ApplicationScoped
public class TerminologySource {

    private final Mutiny.SessionFactory sessions;
    private final ResourceStore store;
    private final CanonicalResources canonical;
    private final ResourceCodec codec;
    private final ProfilePackage profiles;
    private final BlockingWork blocking;

    public TerminologySource(Mutiny.SessionFactory sessions, ResourceStore store, CanonicalResources canonical,
                             ResourceCodec codec, ProfilePackage profiles, BlockingWork blocking) {
        this.sessions = sessions;
        this.store = store;
        this.canonical = canonical;
        this.codec = codec;
        this.profiles = profiles;
        this.blocking = blocking;
    }

    /**
     * The ValueSet an operation is about: the stored one of `id` (an instance-level call), the one
     * given inline, or the held one of canonical `url`, in that order of preference.
     */
    public Uni<ValueSet> valueSet(String id, ValueSet inline, String url) {
        if (id != null) {
            return byId("ValueSet", id).map(ValueSet.class::cast);
        }
        if (inline != null) {
            return Uni.createFrom().item(inline);
        }
        if (url == null) {
            return Uni.createFrom().failure(required("Name the ValueSet: call ValueSet/[id]/$..., or give 'url'"
                    + " (or a 'valueSet' in a Parameters body)"));
        }
        return valueSet(url).map(found -> found.orElseThrow(
                () -> new ResourceNotFoundException("No ValueSet with url " + url + " is held by this server")));
    }

    /** The held ValueSet of canonical `url`, if any. */
    public Uni<Optional<ValueSet>> valueSet(String url) {
        return sessions.withSession(session -> canonical.find(session, "ValueSet", url))
                .map(found -> found.map(ValueSet.class::cast));
    }

    /** The held CodeSystem of canonical `url`, if any. */
    public Uni<Optional<CodeSystem>> codeSystem(String url) {
        return sessions.withSession(session -> canonical.find(session, "CodeSystem", url))
                .map(found -> found.map(CodeSystem.class::cast));
    }

    /**
     * The code systems to search for a code: the stored one of `id`, or the held one of canonical
     * `system` together with the package's supplements of it; never empty.
     */
    public Uni<List<CodeSystem>> codeSystems(String id, String system) {
        if (id != null) {
            return byId("CodeSystem", id).map(found -> List.of((CodeSystem) found));
        }
        if (system == null) {
            return Uni.createFrom().failure(required(
                    "Name the code system: 'system' (or 'url'), a coding with a system, or CodeSystem/[id]"));
        }
        return codeSystem(system).map(held -> {
            List<CodeSystem> searched = new ArrayList<>();
            held.ifPresent(searched::add);
            searched.addAll(supplementsOf(system));
            if (searched.isEmpty()) {
                throw new ResourceNotFoundException("The code system " + system + " is not held by this server");
            }
            return searched;
        });
    }

    /** The package's supplements of `system` (mr-lab-items supplements LOINC). */
    public List<CodeSystem> supplementsOf(String system) {
        return profiles.resourcesOf(CodeSystem.class).stream()
                .filter(codeSystem -> system.equals(codeSystem.getSupplements())).toList();
    }

    private Uni<Resource> byId(String type, String id) {
        ResourceTypes.requireValidId(id);
        return sessions.withSession(session -> store.current(session, type, id))
                // Parsing is CPU work (a catalogue is sizeable): on a worker, back on the caller's context.
                .chain(stored -> blocking.run(() -> codec.parseStored(stored.json())));
    }

    private static InvalidRequestException required(String message) {
        return new InvalidRequestException(message, Outcomes.error(IssueType.REQUIRED, message));
    }
}
