package org.hrgateway.interaction;

import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.hl7.fhir.r4.model.CapabilityStatement.TypeRestfulInteraction;
import java.util.Set;
import org.hibernate.reactive.mutiny.Mutiny;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hrgateway.fhir.Outcomes;
import org.hrgateway.fhir.ResourceTypes;
import org.hrgateway.search.ConditionalMatcher;
import org.hrgateway.search.index.ResourceIndex;
import org.hrgateway.search.ReferentialIntegrity;
import org.hrgateway.security.Caller;
import org.hrgateway.security.Permission;
import org.hrgateway.store.ResourceEntity;
import org.hrgateway.store.ResourceStore;
import org.hrgateway.store.StoredResource;

/**
 * FHIR delete interaction. https://hl7.org/fhir/R4/http.html#delete
 * Soft: a delete is a new, empty version; read then answers 410 and an update re-creates the resource.
 * Deleting what is already deleted changes nothing; deleting what never existed is 404. A resource
 * that others still reference is not deleted (409); `execute` leaves that check to its caller, since
 * a transaction may delete the referrers too and checks once all its entries are done.
 */
@ApplicationScoped
public class DeleteInteraction implements DeclaresInteractions {

    private final Mutiny.SessionFactory sessions;
    private final ResourceStore store;
    private final ConditionalMatcher matcher;
    private final ReferentialIntegrity integrity;
    private final InstitutionCheck institutions;

    public DeleteInteraction(Mutiny.SessionFactory sessions, ResourceStore store, ConditionalMatcher matcher,
                             ReferentialIntegrity integrity, InstitutionCheck institutions) {
        this.sessions = sessions;
        this.institutions = institutions;
        this.store = store;
        this.matcher = matcher;
        this.integrity = integrity;
    }

    @Override
    public Set<TypeRestfulInteraction> typeInteractions() {
        return Set.of(TypeRestfulInteraction.DELETE);
    }

    /** `baseUrl` tells references to this server's resources from those to another server's. */
    public Uni<WriteOutcome> delete(String type, String id, String baseUrl, Caller caller) {
        return sessions.withTransaction(session -> execute(session, type, id, caller, baseUrl)
                .call(outcome -> integrity.requireUnreferenced(session, type, outcome.stored().id(), baseUrl)));
    }

    public Uni<WriteOutcome> deleteConditional(String type, String query, String baseUrl, Caller caller) {
        return sessions.withTransaction(session -> executeConditional(session, type, query, caller, baseUrl)
                .call(outcome -> integrity.requireUnreferenced(session, type, outcome.stored().id(), baseUrl)));
    }

    /** Only once `caller` may change what is stored (InstitutionCheck). */
    public Uni<WriteOutcome> execute(Mutiny.Session session, String type, String id, Caller caller, String baseUrl) {
        ResourceTypes.requireValidId(id);
        return store.findForUpdate(session, type, id)
                .chain(current -> {
                    if (current == null) {
                        return Uni.createFrom().failure(ResourceStore.notFound(type + "/" + id + " does not exist"));
                    }
                    return deleteExisting(session, current, caller, baseUrl);
                });
    }

    /** One match is deleted; none is 404; several is 412 rather than a surprise mass delete. */
    public Uni<WriteOutcome> executeConditional(Mutiny.Session session, String type, String query, Caller caller,
                                                String baseUrl) {
        return matcher.match(session, type, query)
                .chain(matches -> {
                    if (matches.isEmpty()) {
                        return Uni.createFrom().failure(ResourceStore.notFound("No " + type + " matches '" + query + "'"));
                    }
                    if (matches.size() > 1) {
                        return Uni.createFrom().failure(CreateInteraction.multipleMatches(type, query, matches.size()));
                    }
                    return store.findForUpdate(session, type, matches.get(0).resId)
                            .chain(current -> deleteExisting(session, current, caller, baseUrl));
                });
    }

    private Uni<WriteOutcome> deleteExisting(Mutiny.Session session, ResourceEntity current, Caller caller,
                                             String baseUrl) {
        if (current.deleted) {
            return Uni.createFrom().item(WriteOutcome.unchanged(StoredResource.of(current),
                    current.resType + "/" + current.resId + " was already deleted"));
        }
        return institutions.beforeChange(session, caller, current, baseUrl, Permission.DELETE)
                .chain(() -> store.write(session, current, null, ResourceIndex.EMPTY, "DELETE"))
                .map(stored -> new WriteOutcome(stored, 200, "Deleted " + stored.versionedUrl()));
    }
}
