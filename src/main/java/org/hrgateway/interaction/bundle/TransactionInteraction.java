package org.hrgateway.interaction.bundle;

import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.PreconditionFailedException;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.reactive.mutiny.Mutiny;
import org.hl7.fhir.r4.model.Bundle.HTTPVerb;
import org.hl7.fhir.r4.model.CapabilityStatement.SystemRestfulInteraction;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.Reference;
import org.hrgateway.interaction.DeclaresInteractions;
import org.hrgateway.fhir.BlockingWork;
import org.hrgateway.fhir.Outcomes;
import org.hrgateway.interaction.DeleteInteraction;
import org.hrgateway.interaction.InstitutionCheck;
import org.hrgateway.interaction.Prepared;
import org.hrgateway.interaction.ReadInteraction;
import org.hrgateway.interaction.ResourcePreparer;
import org.hrgateway.interaction.UpdateInteraction;
import org.hrgateway.interaction.WriteEvents;
import org.hrgateway.interaction.VreadInteraction;
import org.hrgateway.interaction.WriteOutcome;
import org.hrgateway.search.ConditionalMatcher;
import org.hrgateway.search.ReferentialIntegrity;
import org.hrgateway.security.Caller;
import org.hrgateway.security.Permission;
import org.hrgateway.store.ResourceEntity;
import org.hrgateway.store.ResourceStore;
import org.hrgateway.store.ResourceStore.NewResource;
import org.hrgateway.store.StoredResource;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * FHIR transaction interaction. https://hl7.org/fhir/R4/http.html#transaction
 * All entries in one database transaction: deletes, then creates, then updates, then reads
 * (http.html#trules); placeholder fullUrls and conditional references are resolved to the ids
 * they stand for before anything is written, and any failure rolls everything back.
 */
@ApplicationScoped
public class TransactionInteraction implements DeclaresInteractions {

    private final Mutiny.SessionFactory sessions;
    private final WriteEvents events;
    private final BlockingWork blocking;
    private final ResourcePreparer preparer;
    private final ReferenceRewriter references;
    private final ConditionalMatcher matcher;
    private final UpdateInteraction update;
    private final DeleteInteraction delete;
    private final ReadInteraction read;
    private final VreadInteraction vread;
    private final ReferentialIntegrity integrity;
    private final ResourceStore store;
    private final InstitutionCheck institutions;

    public TransactionInteraction(Mutiny.SessionFactory sessions, BlockingWork blocking, ResourcePreparer preparer,
                                  ReferenceRewriter references, ConditionalMatcher matcher,
                                  UpdateInteraction update, DeleteInteraction delete, ReadInteraction read,
                                  VreadInteraction vread, ReferentialIntegrity integrity, ResourceStore store,
                                  WriteEvents events, InstitutionCheck institutions) {
        this.sessions = sessions;
        this.institutions = institutions;
        this.events = events;
        this.blocking = blocking;
        this.preparer = preparer;
        this.references = references;
        this.matcher = matcher;
        this.update = update;
        this.delete = delete;
        this.read = read;
        this.vread = vread;
        this.integrity = integrity;
        this.store = store;
    }

    @Override
    public Set<SystemRestfulInteraction> systemInteractions() {
        return Set.of(SystemRestfulInteraction.TRANSACTION);
    }

    public Uni<List<EntryResult>> transaction(List<EntryRequest> entries, String baseUrl, Caller caller) {
        requireDistinctTargets(entries);
        Map<String, String> placeholderTypes = new HashMap<>();
        for (EntryRequest entry : entries) {
            if (entry.fullUrl() != null && entry.resource() != null
                    && placeholderTypes.put(entry.fullUrl(), entry.type()) != null) {
                String message = "Bundle.entry[" + entry.index() + "].fullUrl " + entry.fullUrl()
                        + " is the fullUrl of an earlier entry too; each entry's fullUrl must be its own";
                throw new InvalidRequestException(message, Outcomes.error(IssueType.DUPLICATE, message));
            }
        }
        return blocking.run(() -> prepareAll(entries, placeholderTypes))
                .chain(preparation -> sessions.withTransaction(session ->
                        new Run(session, entries, preparation, baseUrl, caller).execute()))
                .chain(results -> committed(results, baseUrl));
    }

    /** Once the whole transaction committed, each written entry is announced, in entry order. */
    private Uni<List<EntryResult>> committed(List<EntryResult> results, String baseUrl) {
        Uni<List<EntryResult>> chain = Uni.createFrom().item(new ArrayList<>());
        for (EntryResult result : results) {
            chain = chain.chain(announced -> (result.written() == null
                    ? Uni.createFrom().item(result)
                    : events.committed(result.written(), baseUrl).map(written -> EntryResult.written(result.request(), written)))
                    .map(next -> {
                        announced.add(next);
                        return announced;
                    }));
        }
        return chain;
    }

    /** Each entry's parsed resource with its index values and its references, by entry index. */
    private record Preparation(Map<Integer, Prepared> prepared, Map<Integer, List<Reference>> references) {
    }

    /** CPU work before the transaction: index extraction and the walk that finds each resource's references. */
    private Preparation prepareAll(List<EntryRequest> entries, Map<String, String> placeholderTypes) {
        Map<Integer, Prepared> prepared = new HashMap<>();
        Map<Integer, List<Reference>> found = new HashMap<>();
        for (EntryRequest entry : entries) {
            if (entry.resource() != null) {
                prepared.put(entry.index(), preparer.prepareNow(entry.resource(), placeholderTypes,
                        "Bundle.entry[" + entry.index() + "].resource"));
                List<Reference> referencesOfEntry = references.references(entry.resource());
                requirePlaceholdersInBundle(entry, referencesOfEntry, placeholderTypes);
                found.put(entry.index(), referencesOfEntry);
            }
        }
        return new Preparation(prepared, found);
    }

    /**
     * A `urn:uuid:` or `urn:oid:` reference names an entry of this Bundle (bundle.html#references);
     * one that names none would be stored pointing nowhere.
     */
    private static void requirePlaceholdersInBundle(EntryRequest entry, List<Reference> found,
                                                    Map<String, String> placeholderTypes) {
        for (Reference reference : found) {
            String target = reference.getReference();
            if (target != null && (target.startsWith("urn:uuid:") || target.startsWith("urn:oid:"))
                    && !placeholderTypes.containsKey(target)) {
                String message = "Bundle.entry[" + entry.index() + "].resource refers to " + target
                        + ", which is the fullUrl of no entry of this transaction";
                throw new InvalidRequestException(message, Outcomes.error(IssueType.NOTFOUND, message));
            }
        }
    }

    /** Two entries writing the same resource would make the outcome depend on processing order. */
    private static void requireDistinctTargets(List<EntryRequest> entries) {
        Set<String> seen = new HashSet<>();
        for (EntryRequest entry : entries) {
            if (entry.method() != HTTPVerb.GET && entry.id() != null && !seen.add(entry.type() + "/" + entry.id())) {
                String message = "Bundle.entry[" + entry.index() + "] writes " + entry.type() + "/" + entry.id()
                        + ", which an earlier entry of this transaction already writes";
                throw new InvalidRequestException(message, Outcomes.error(IssueType.DUPLICATE, message));
            }
        }
    }

    /** One transaction's state while it runs: the ids planned so far and the results. */
    private final class Run {
        private final Mutiny.Session session;
        private final List<EntryRequest> entries;
        private final Map<Integer, Prepared> prepared;
        private final Map<Integer, List<Reference>> referencesByEntry;
        /** Placeholder (fullUrl or conditional reference) → the `Type/id` it stands for. */
        private final Map<String, String> resolved = new HashMap<>();
        private final Map<Integer, String> plannedIds = new HashMap<>();
        private final Map<Integer, EntryResult> results = new HashMap<>();
        /** Every version this transaction created, and updated, for the institution rule at its end. */
        private final List<StoredResource> created = new ArrayList<>();
        private final List<StoredResource> updated = new ArrayList<>();

        private final String baseUrl;
        private final Caller caller;

        Run(Mutiny.Session session, List<EntryRequest> entries, Preparation preparation, String baseUrl, Caller caller) {
            this.session = session;
            this.caller = caller;
            this.baseUrl = baseUrl;
            this.entries = entries;
            this.prepared = preparation.prepared();
            this.referencesByEntry = preparation.references();
        }

        Uni<List<EntryResult>> execute() {
            return each(HTTPVerb.DELETE, this::deleteEntry)
                    .chain(() -> each(HTTPVerb.POST, this::planCreate))
                    .chain(() -> each(HTTPVerb.PUT, this::planUpdate))
                    .chain(this::resolveConditionalReferences)
                    .invoke(this::rewriteReferences)
                    .chain(this::writeCreates)
                    .chain(() -> each(HTTPVerb.PUT, this::writeUpdate))
                    .chain(() -> each(HTTPVerb.DELETE, this::requireUnreferenced))
                    .chain(() -> institutions.afterWrite(session, caller, created, baseUrl, Permission.CREATE))
                    .chain(() -> institutions.afterWrite(session, caller, updated, baseUrl, Permission.UPDATE))
                    .chain(() -> each(HTTPVerb.GET, this::readEntry))
                    .map(ignored -> inRequestOrder());
        }

        private Uni<Void> each(HTTPVerb method, Function<EntryRequest, Uni<Void>> step) {
            List<EntryRequest> selected = entries.stream().filter(entry -> entry.method() == method).toList();
            return Multi.createFrom().iterable(selected)
                    .onItem().transformToUniAndConcatenate(entry -> step.apply(entry).replaceWith(entry))
                    .collect().last()
                    .replaceWithVoid();
        }

        private Uni<Void> deleteEntry(EntryRequest entry) {
            Uni<WriteOutcome> deleted = entry.isConditional()
                    ? delete.executeConditional(session, entry.type(), entry.query(), caller, baseUrl)
                    : delete.execute(session, entry.type(), entry.id(), caller, baseUrl);
            return deleted.invoke(outcome -> results.put(entry.index(), EntryResult.written(entry, outcome)))
                    .replaceWithVoid();
        }

        /** After every write: what this transaction deleted may no longer be referenced by anything. */
        private Uni<Void> requireUnreferenced(EntryRequest entry) {
            StoredResource deleted = results.get(entry.index()).written().stored();
            return integrity.requireUnreferenced(session, deleted.type(), deleted.id(), baseUrl);
        }

        /** A create gets its id now, or, with If-None-Exist, the id of the resource it matches. */
        private Uni<Void> planCreate(EntryRequest entry) {
            if (entry.ifNoneExist() == null || entry.ifNoneExist().isBlank()) {
                plan(entry, UUID.randomUUID().toString());
                return Uni.createFrom().voidItem();
            }
            return matcher.lockCondition(session, entry.type(), entry.ifNoneExist())
                    .chain(() -> matcher.match(session, entry.type(), entry.ifNoneExist()))
                    .invoke(matches -> {
                        if (matches.size() > 1) {
                            throw multipleMatches(entry, entry.ifNoneExist(), matches.size());
                        }
                        String id = matches.isEmpty() ? UUID.randomUUID().toString() : matches.get(0).resId;
                        // A conditional reference written exactly like this condition means this entry.
                        resolved.put(entry.type() + "?" + entry.ifNoneExist(), entry.type() + "/" + id);
                        if (matches.isEmpty()) {
                            plan(entry, id);
                        } else {
                            ResourceEntity match = matches.get(0);
                            remember(entry, match.resId);
                            results.put(entry.index(), EntryResult.written(entry, WriteOutcome.unchanged(
                                    StoredResource.of(match), "If-None-Exist matched " + match.resType + "/" + match.resId)));
                        }
                    })
                    .replaceWithVoid();
        }

        private Uni<Void> planUpdate(EntryRequest entry) {
            if (!entry.isConditional()) {
                plan(entry, entry.id());
                return Uni.createFrom().voidItem();
            }
            return matcher.lockCondition(session, entry.type(), entry.query())
                    .chain(() -> matcher.match(session, entry.type(), entry.query()))
                    .invoke(matches -> {
                        if (matches.size() > 1) {
                            throw multipleMatches(entry, entry.query(), matches.size());
                        }
                        String bodyId = entry.resource().getIdElement().getIdPart();
                        String id = matches.isEmpty()
                                ? (bodyId == null ? UUID.randomUUID().toString() : bodyId)
                                : matches.get(0).resId;
                        plan(entry, id);
                    })
                    .replaceWithVoid();
        }

        private void plan(EntryRequest entry, String id) {
            plannedIds.put(entry.index(), id);
            remember(entry, id);
        }

        private void remember(EntryRequest entry, String id) {
            if (entry.fullUrl() != null) {
                resolved.put(entry.fullUrl(), entry.type() + "/" + id);
            }
        }

        private Uni<Void> resolveConditionalReferences() {
            Set<String> conditional = new LinkedHashSet<>();
            for (EntryRequest entry : entries) {
                if (referencesByEntry.containsKey(entry.index())) {
                    conditional.addAll(references.conditionalReferences(referencesByEntry.get(entry.index())));
                }
            }
            conditional.removeAll(resolved.keySet());
            return Multi.createFrom().iterable(conditional)
                    .onItem().transformToUniAndConcatenate(reference -> resolveConditionalReference(reference).replaceWith(reference))
                    .collect().last()
                    .replaceWithVoid();
        }

        /** `Type?search` must match exactly one resource (http.html#trules, conditional references). */
        private Uni<Void> resolveConditionalReference(String reference) {
            int question = reference.indexOf('?');
            String type = reference.substring(0, question);
            return matcher.match(session, type, reference.substring(question + 1))
                    .invoke(matches -> {
                        if (matches.size() != 1) {
                            String message = "The conditional reference '" + reference + "' matches "
                                    + matches.size() + " resources; it must match exactly one";
                            throw new PreconditionFailedException(message,
                                    Outcomes.error(matches.isEmpty() ? IssueType.NOTFOUND : IssueType.MULTIPLEMATCHES, message));
                        }
                        resolved.put(reference, type + "/" + matches.get(0).resId);
                    })
                    .replaceWithVoid();
        }

        private void rewriteReferences() {
            for (Map.Entry<Integer, Prepared> entry : prepared.entrySet()) {
                Prepared before = entry.getValue();
                references.rewrite(referencesByEntry.get(entry.getKey()), resolved);
                entry.setValue(new Prepared(before.resource(), before.index().withResolvedReferences(resolved)));
            }
        }

        /** Every create whose If-None-Exist matched nothing, written together. */
        private Uni<Void> writeCreates() {
            List<EntryRequest> creates = entries.stream()
                    .filter(entry -> entry.method() == HTTPVerb.POST && !results.containsKey(entry.index()))
                    .toList();
            List<NewResource> resources = creates.stream()
                    .map(entry -> new NewResource(entry.type(), plannedIds.get(entry.index()),
                            prepared.get(entry.index()).resource(), prepared.get(entry.index()).index(), "POST"))
                    .toList();
            return store.insertAll(session, resources)
                    .invoke(stored -> {
                        for (int i = 0; i < creates.size(); i++) {
                            results.put(creates.get(i).index(), EntryResult.written(creates.get(i), WriteOutcome.created(stored.get(i))));
                            created.add(stored.get(i));
                        }
                    })
                    .replaceWithVoid();
        }

        private Uni<Void> writeUpdate(EntryRequest entry) {
            String id = plannedIds.get(entry.index());
            Prepared body = prepared.get(entry.index());
            if (entry.isConditional()) {
                body.resource().setIdElement(new IdType(entry.type(), id));
            }
            return update.execute(session, entry.type(), id, body, entry.ifMatch(), caller, baseUrl)
                    .invoke(outcome -> {
                        results.put(entry.index(), EntryResult.written(entry, outcome));
                        updated.add(outcome.stored());
                    })
                    .replaceWithVoid();
        }

        private Uni<Void> readEntry(EntryRequest entry) {
            Uni<StoredResource> found = entry.versionId() == null
                    ? read.execute(session, entry.type(), entry.id())
                    : vread.execute(session, entry.type(), entry.id(), entry.versionId());
            return found.invoke(stored -> results.put(entry.index(), EntryResult.read(entry, stored)))
                    .replaceWithVoid();
        }

        private List<EntryResult> inRequestOrder() {
            List<EntryResult> ordered = new ArrayList<>();
            for (EntryRequest entry : entries) {
                ordered.add(results.get(entry.index()));
            }
            return ordered;
        }
    }

    private static PreconditionFailedException multipleMatches(EntryRequest entry, String query, int count) {
        String message = entry.label() + ": " + count + " resources match '" + query + "'; at most one may";
        return new PreconditionFailedException(message, Outcomes.error(IssueType.MULTIPLEMATCHES, message));
    }
}
