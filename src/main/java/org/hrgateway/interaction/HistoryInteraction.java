package org.hrgateway.interaction;

import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.hl7.fhir.r4.model.CapabilityStatement.TypeRestfulInteraction;
import org.hl7.fhir.r4.model.CapabilityStatement.SystemRestfulInteraction;
import java.util.Set;
import org.hibernate.reactive.mutiny.Mutiny;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.hl7.fhir.r4.model.Bundle.HTTPVerb;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hrgateway.config.GatewayConfig;
import org.hrgateway.fhir.Outcomes;
import org.hrgateway.fhir.ResourceCodec;
import org.hrgateway.fhir.ResourceTypes;
import org.hrgateway.store.HistoryPage;
import org.hrgateway.store.HistoryQuery;
import org.hrgateway.store.ResourceStore;
import org.hrgateway.store.StoredResource;

import java.time.Instant;
import java.util.Date;

/**
 * FHIR history interaction at instance, type and system level. https://hl7.org/fhir/R4/http.html#history
 * Newest first; `_count` pages, `_since` filters, and the `next` link carries a cursor so that
 * pages stay stable while new versions arrive.
 */
@ApplicationScoped
public class HistoryInteraction implements DeclaresInteractions {

    private final Mutiny.SessionFactory sessions;
    private final ResourceStore store;
    private final ResourceCodec codec;
    private final GatewayConfig config;

    public HistoryInteraction(Mutiny.SessionFactory sessions, ResourceStore store, ResourceCodec codec,
                              GatewayConfig config) {
        this.sessions = sessions;
        this.store = store;
        this.codec = codec;
        this.config = config;
    }

    @Override
    public Set<TypeRestfulInteraction> typeInteractions() {
        return Set.of(TypeRestfulInteraction.HISTORYINSTANCE, TypeRestfulInteraction.HISTORYTYPE);
    }

    @Override
    public Set<SystemRestfulInteraction> systemInteractions() {
        return Set.of(SystemRestfulInteraction.HISTORYSYSTEM);
    }

    /** `type` and `id` may be null for type- and system-level history; `baseUrl` ends without '/'. */
    public Uni<Bundle> history(String type, String id, String count, String since, String cursor, String baseUrl) {
        if (id != null) {
            ResourceTypes.requireValidId(id);
        }
        HistoryQuery query = new HistoryQuery(type, id, parseSince(since), parseCursor(cursor), parseCount(count));
        Uni<Void> existence = id == null ? Uni.createFrom().voidItem() : requireExists(type, id);
        return existence
                .chain(() -> sessions.withSession(session -> store.history(session, query)))
                .map(page -> toBundle(page, query, baseUrl));
    }

    private Uni<Void> requireExists(String type, String id) {
        return sessions.withSession(session -> store.find(session, type, id))
                .map(entity -> {
                    if (entity == null) {
                        throw ResourceStore.notFound(type + "/" + id + " is not known");
                    }
                    return null;
                });
    }

    private Bundle toBundle(HistoryPage page, HistoryQuery query, String baseUrl) {
        Bundle bundle = new Bundle().setType(Bundle.BundleType.HISTORY);
        String self = historyUrl(query, baseUrl);
        bundle.addLink().setRelation("self").setUrl(self + pagingParams(query.count(), query.since(), query.beforeSeq()));
        if (page.nextBeforeSeq() != null) {
            bundle.addLink().setRelation("next")
                    .setUrl(self + pagingParams(query.count(), query.since(), page.nextBeforeSeq()));
        }
        for (StoredResource version : page.versions()) {
            bundle.addEntry(entryOf(version, baseUrl));
        }
        return bundle;
    }

    private BundleEntryComponent entryOf(StoredResource version, String baseUrl) {
        BundleEntryComponent entry = new BundleEntryComponent().setFullUrl(baseUrl + "/" + version.relativeUrl());
        if (!version.deleted()) {
            entry.setResource(codec.parseStored(version.json()));
        }
        HTTPVerb method = HTTPVerb.fromCode(version.method());
        entry.getRequest().setMethod(method)
                .setUrl(method == HTTPVerb.POST ? version.type() : version.relativeUrl());
        entry.getResponse()
                .setStatus(version.versionId() == 1 && method != HTTPVerb.DELETE ? "201 Created" : "200 OK")
                .setEtag(version.etag())
                .setLastModified(Date.from(version.lastUpdated()));
        return entry;
    }

    private static String historyUrl(HistoryQuery query, String baseUrl) {
        StringBuilder url = new StringBuilder(baseUrl);
        if (query.type() != null) {
            url.append('/').append(query.type());
        }
        if (query.id() != null) {
            url.append('/').append(query.id());
        }
        return url.append("/_history").toString();
    }

    private static String pagingParams(int count, Instant since, Long beforeSeq) {
        StringBuilder params = new StringBuilder("?_count=").append(count);
        if (since != null) {
            params.append("&_since=").append(since);
        }
        if (beforeSeq != null) {
            params.append("&_cursor=").append(beforeSeq);
        }
        return params.toString();
    }

    private int parseCount(String count) {
        if (count == null || count.isBlank()) {
            return config.paging().defaultCount();
        }
        try {
            int value = Integer.parseInt(count.trim());
            if (value < 1) {
                throw invalid("_count must be a positive integer, not " + count);
            }
            return Math.min(value, config.paging().maxCount());
        } catch (NumberFormatException e) {
            throw invalid("_count must be a positive integer, not " + count);
        }
    }

    private static Instant parseSince(String since) {
        if (since == null || since.isBlank()) {
            return null;
        }
        try {
            return new InstantType(since.trim()).getValue().toInstant();
        } catch (RuntimeException e) {
            throw invalid("_since must be a FHIR instant such as 2026-01-31T08:00:00Z, not " + since);
        }
    }

    private static Long parseCursor(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        try {
            return Long.valueOf(cursor.trim());
        } catch (NumberFormatException e) {
            throw invalid("Invalid _cursor " + cursor + "; follow the Bundle's next link");
        }
    }

    private static InvalidRequestException invalid(String message) {
        return new InvalidRequestException(message, Outcomes.error(IssueType.INVALID, message));
    }
}
