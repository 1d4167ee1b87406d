package org.hrgateway.interaction;

import ca.uhn.fhir.rest.server.exceptions.PreconditionFailedException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.hl7.fhir.r4.model.CapabilityStatement.TypeRestfulInteraction;
import java.util.List;
import java.util.Set;
import org.hibernate.reactive.mutiny.Mutiny;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hrgateway.fhir.Outcomes;
import org.hrgateway.search.ConditionalMatcher;
import org.hrgateway.security.Caller;
import org.hrgateway.security.Permission;
import org.hrgateway.store.ResourceStore;
import org.hrgateway.store.ResourceStore.NewResource;
import org.hrgateway.store.StoredResource;

import java.util.UUID;

/**
 * FHIR create interaction. https://hl7.org/fhir/R4/http.html#create
 * The server assigns the id; with If-None-Exist an existing match is returned instead (#ccreate).
 */
@ApplicationScoped
public class CreateInteraction implements DeclaresInteractions {

    private final Mutiny.SessionFactory sessions;
    private final WriteEvents events;
    private final ResourceStore store;
    private final ConditionalMatcher matcher;
    private final InstitutionCheck institutions;

    public CreateInteraction(Mutiny.SessionFactory sessions, ResourceStore store, ConditionalMatcher matcher,
                             WriteEvents events, InstitutionCheck institutions) {
        this.sessions = sessions;
        this.institutions = institutions;
        this.events = events;
        this.store = store;
        this.matcher = matcher;
    }

    @Override
    public Set<TypeRestfulInteraction> typeInteractions() {
        return Set.of(TypeRestfulInteraction.CREATE);
    }

    /**
     * Creates in a transaction of its own, once `caller` may own what it writes (InstitutionCheck);
     * listeners are told once it has committed.
     */
    public Uni<WriteOutcome> create(String type, Prepared prepared, String ifNoneExist, String baseUrl, Caller caller) {
        return sessions.withTransaction(session -> execute(session, type, prepared, ifNoneExist)
                        .call(outcome -> outcome.status() == 201
                                ? institutions.afterWrite(session, caller, List.of(outcome.stored()), baseUrl, Permission.CREATE)
                                : Uni.createFrom().voidItem()))
                .chain(outcome -> events.committed(outcome, baseUrl));
    }

    /** Runs inside the caller's transaction (a transaction Bundle shares one). */
    public Uni<WriteOutcome> execute(Mutiny.Session session, String type, Prepared prepared, String ifNoneExist) {
        BodyRules.requireType(type, prepared.resource());
        if (ifNoneExist == null || ifNoneExist.isBlank()) {
            return insert(session, type, prepared);
        }
        return matcher.lockCondition(session, type, ifNoneExist)
                .chain(() -> matcher.match(session, type, ifNoneExist))
                .chain(matches -> switch (matches.size()) {
                    case 0 -> insert(session, type, prepared);
                    case 1 -> Uni.createFrom().item(WriteOutcome.unchanged(StoredResource.of(matches.get(0)),
                            "If-None-Exist matched " + matches.get(0).resType + "/" + matches.get(0).resId
                                    + "; nothing created"));
                    default -> Uni.createFrom().failure(multipleMatches(type, ifNoneExist, matches.size()));
                });
    }

    private Uni<WriteOutcome> insert(Mutiny.Session session, String type, Prepared prepared) {
        return insert(session, type, UUID.randomUUID().toString(), prepared);
    }

    /** Creates with an id the caller assigned (a transaction assigns ids before it writes). */
    public Uni<WriteOutcome> insert(Mutiny.Session session, String type, String id, Prepared prepared) {
        return store.insertAll(session, List.of(new NewResource(type, id, prepared.resource(), prepared.index(), "POST")))
                .map(created -> WriteOutcome.created(created.get(0)));
    }

    static PreconditionFailedException multipleMatches(String type, String query, int count) {
        String message = count + " " + type + " resources match '" + query + "'; the condition must match at most one";
        return new PreconditionFailedException(message, Outcomes.error(IssueType.MULTIPLEMATCHES, message));
    }
}
