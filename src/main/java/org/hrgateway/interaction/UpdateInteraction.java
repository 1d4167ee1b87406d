package org.hrgateway.interaction;

import ca.uhn.fhir.rest.server.exceptions.PreconditionFailedException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.hl7.fhir.r4.model.CapabilityStatement.TypeRestfulInteraction;
import java.util.List;
import java.util.Set;
import org.hibernate.reactive.mutiny.Mutiny;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.Resource;
import org.hrgateway.fhir.Outcomes;
import org.hrgateway.fhir.ResourceTypes;
import org.hrgateway.search.ConditionalMatcher;
import org.hrgateway.security.Caller;
import org.hrgateway.security.Permission;
import org.hrgateway.store.ResourceEntity;
import org.hrgateway.store.ResourceStore;
import org.hrgateway.store.ResourceStore.NewResource;

import java.util.UUID;

/**
 * FHIR update interaction. https://hl7.org/fhir/R4/http.html#update
 * Creates on update with the client's id, honours If-Match (#concurrency) and conditional update (#cond-update).
 */
@ApplicationScoped
public class UpdateInteraction implements DeclaresInteractions {

    private final Mutiny.SessionFactory sessions;
    private final WriteEvents events;
    private final ResourceStore store;
    private final ConditionalMatcher matcher;
    private final InstitutionCheck institutions;

    public UpdateInteraction(Mutiny.SessionFactory sessions, ResourceStore store, ConditionalMatcher matcher,
                             WriteEvents events, InstitutionCheck institutions) {
        this.sessions = sessions;
        this.institutions = institutions;
        this.events = events;
        this.store = store;
        this.matcher = matcher;
    }

    @Override
    public Set<TypeRestfulInteraction> typeInteractions() {
        return Set.of(TypeRestfulInteraction.UPDATE);
    }

    /**
     * Updates (or creates, for a new client-assigned id) in a transaction of its own, once `caller`
     * may own the version it replaces and the one it writes (InstitutionCheck); listeners are told after.
     */
    public Uni<WriteOutcome> update(String type, String id, Prepared prepared, String ifMatch, String baseUrl,
                                    Caller caller) {
        return sessions.withTransaction(session -> execute(session, type, id, prepared, ifMatch, caller, baseUrl)
                        .call(outcome -> institutions.afterWrite(session, caller, List.of(outcome.stored()), baseUrl, Permission.UPDATE)))
                .chain(outcome -> events.committed(outcome, baseUrl));
    }

    public Uni<WriteOutcome> updateConditional(String type, String query, Prepared prepared, String baseUrl,
                                               Caller caller) {
        return sessions.withTransaction(session -> executeConditional(session, type, query, prepared, caller, baseUrl)
                        .call(outcome -> institutions.afterWrite(session, caller, List.of(outcome.stored()), baseUrl, Permission.UPDATE)))
                .chain(outcome -> events.committed(outcome, baseUrl));
    }

    /** Checks the version it replaces; the caller checks what it wrote (a transaction does so at its end). */
    public Uni<WriteOutcome> execute(Mutiny.Session session, String type, String id, Prepared prepared, String ifMatch,
                                     Caller caller, String baseUrl) {
        ResourceTypes.requireValidId(id);
        Resource resource = prepared.resource();
        BodyRules.requireType(type, resource);
        BodyRules.requireIdMatches(id, resource);
        Integer expectedVersion = IfMatch.parse(ifMatch);
        return store.findForUpdate(session, type, id)
                .chain(current -> {
                    IfMatch.check(type, id, expectedVersion, current);
                    return write(session, current, type, id, prepared, caller, baseUrl);
                });
    }

    /** No match creates (with the body's id if it has one), one match updates it, more is 412. */
    public Uni<WriteOutcome> executeConditional(Mutiny.Session session, String type, String query, Prepared prepared,
                                                Caller caller, String baseUrl) {
        Resource resource = prepared.resource();
        BodyRules.requireType(type, resource);
        return matcher.lockCondition(session, type, query)
                .chain(() -> matcher.match(session, type, query))
                .chain(matches -> {
                    if (matches.size() > 1) {
                        return Uni.createFrom().failure(CreateInteraction.multipleMatches(type, query, matches.size()));
                    }
                    String bodyId = resource.getIdElement().getIdPart();
                    if (matches.isEmpty()) {
                        String id = bodyId == null ? UUID.randomUUID().toString() : ResourceTypes.requireValidId(bodyId);
                        return store.findForUpdate(session, type, id)
                                .chain(current -> write(session, current, type, id, prepared, caller, baseUrl));
                    }
                    ResourceEntity match = matches.get(0);
                    if (bodyId != null) {
                        BodyRules.requireIdMatches(match.resId, resource);
                    }
                    return store.findForUpdate(session, type, match.resId)
                            .chain(current -> write(session, current, type, match.resId, prepared, caller, baseUrl));
                });
    }

    private Uni<WriteOutcome> write(Mutiny.Session session, ResourceEntity current, String type, String id,
                                    Prepared prepared, Caller caller, String baseUrl) {
        return institutions.beforeChange(session, caller, current, baseUrl, Permission.UPDATE)
                .chain(() -> write(session, current, type, id, prepared));
    }

    private Uni<WriteOutcome> write(Mutiny.Session session, ResourceEntity current, String type, String id,
                                    Prepared prepared) {
        if (current == null) {
            return store.insertAll(session, List.of(new NewResource(type, id, prepared.resource(), prepared.index(), "PUT")))
                    .map(created -> WriteOutcome.created(created.get(0)));
        }
        boolean recreates = current.deleted;
        return store.write(session, current, prepared.resource(), prepared.index(), "PUT")
                .map(stored -> recreates ? WriteOutcome.created(stored) : WriteOutcome.updated(stored));
    }

    /** If-Match: W/"n" — the update applies only to version n (http.html#concurrency). */
    static final class IfMatch {

        private IfMatch() {
        }

        static Integer parse(String header) {
            if (header == null || header.isBlank()) {
                return null;
            }
            String value = header.trim();
            if (value.startsWith("W/")) {
                value = value.substring(2);
            }
            value = value.replace("\"", "");
            try {
                return Integer.valueOf(value);
            } catch (NumberFormatException e) {
                throw BodyRules.invalid("If-Match must name a version as W/\"n\", not " + header);
            }
        }

        static void check(String type, String id, Integer expected, ResourceEntity current) {
            if (expected == null) {
                return;
            }
            if (current == null || current.versionId != expected) {
                String actual = current == null ? "it does not exist" : "its current version is " + current.versionId;
                String message = "If-Match expected " + type + "/" + id + " at version " + expected + " but " + actual;
                throw new PreconditionFailedException(message, Outcomes.error(IssueType.CONFLICT, message));
            }
        }
    }
}
