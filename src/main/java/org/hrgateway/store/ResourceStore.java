package org.hrgateway.store;

import ca.uhn.fhir.rest.server.exceptions.MethodNotAllowedException;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import org.hibernate.reactive.mutiny.Mutiny;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.Resource;
import org.hrgateway.fhir.BlockingWork;
import org.hrgateway.fhir.Outcomes;
import org.hrgateway.fhir.ResourceCodec;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;

/**
 * Resource rows and their history. Every method runs inside the caller's session and transaction,
 * so an interaction (or a whole transaction Bundle) commits or rolls back as one.
 */
@ApplicationScoped
public class ResourceStore {

    private static final String BY_TYPE_AND_ID =
            "from ResourceEntity where resType = :type and resId = :id";

    /**
     * Types whose stored resources are never changed: the audit trail that `$recognition-report`
     * counts and every look at a patient's data leaves (docs/security.md). Creating them is allowed.
     */
    private static final java.util.Set<String> APPEND_ONLY = java.util.Set.of("AuditEvent");

    private final ResourceCodec codec;
    private final IndexTables indexes;
    private final CreateStatement create;
    private final BlockingWork blocking;
    private final ReadOnlyResources readOnly;

    public ResourceStore(ResourceCodec codec, IndexTables indexes, BlockingWork blocking, ReadOnlyResources readOnly) {
        this.codec = codec;
        this.indexes = indexes;
        this.create = new CreateStatement(indexes);
        this.blocking = blocking;
        this.readOnly = readOnly;
    }

    public Uni<ResourceEntity> find(Mutiny.Session session, String type, String id) {
        return session.createSelectionQuery(BY_TYPE_AND_ID, ResourceEntity.class)
                .setParameter("type", type)
                .setParameter("id", id)
                .getSingleResultOrNull();
    }

    /** The current version of `type/id`: 404 when it was never created, 410 when it was deleted. */
    public Uni<StoredResource> current(Mutiny.Session session, String type, String id) {
        return find(session, type, id).map(entity -> {
            if (entity == null) {
                throw notFound(type + "/" + id + " is not known");
            }
            StoredResource stored = StoredResource.of(entity);
            if (stored.deleted()) {
                throw gone(stored);
            }
            return stored;
        });
    }

    public static ResourceNotFoundException notFound(String message) {
        return new ResourceNotFoundException(message, Outcomes.error(IssueType.NOTFOUND, message));
    }

    public static ResourceGoneException gone(StoredResource stored) {
        String message = stored.relativeUrl() + " was deleted (version " + stored.versionId() + ")";
        return new ResourceGoneException(message, Outcomes.error(IssueType.DELETED, message));
    }

    /**
     * The current row locked until commit: concurrent writers of one resource queue here, none is
     * lost. A row that does not exist yet cannot be locked, so creators of one client id queue on an
     * advisory lock instead and then look again: the later ones find the first one's row and update it.
     */
    public Uni<ResourceEntity> findForUpdate(Mutiny.Session session, String type, String id) {
        return lockRow(session, type, id)
                .chain(found -> found != null ? Uni.createFrom().item(found)
                        : NativeSql.rows(session,
                                        "select 1 from (select pg_advisory_xact_lock(hashtextextended(?1, 0))) as locked",
                                        List.of(type + "/" + id))
                                .chain(() -> lockRow(session, type, id)));
    }

    private Uni<ResourceEntity> lockRow(Mutiny.Session session, String type, String id) {
        return session.createSelectionQuery(BY_TYPE_AND_ID, ResourceEntity.class)
                .setParameter("type", type)
                .setParameter("id", id)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getSingleResultOrNull();
    }

    public Uni<ResourceVersionEntity> findVersion(Mutiny.Session session, String type, String id, int versionId) {
        return session.createSelectionQuery(
                        "from ResourceVersionEntity where resType = :type and resId = :id and versionId = :version",
                        ResourceVersionEntity.class)
                .setParameter("type", type)
                .setParameter("id", id)
                .setParameter("version", versionId)
                .getSingleResultOrNull();
    }

    /** A resource about to be created: its type and id, content, index values and the HTTP method. */
    public record NewResource(String type, String id, Resource resource, IndexRows index, String method) {
    }

    /**
     * Creates resources as version 1 with one statement however many there are ({@link CreateStatement}).
     * Rows are written by SQL rather than as entities: a transaction of 100 lab results would
     * otherwise cost some 700 round trips.
     */
    public Uni<List<StoredResource>> insertAll(Mutiny.Session session, List<NewResource> resources) {
        try {
            resources.forEach(created -> readOnly.checkWritable(created.type(), created.id(), created.resource()));
        } catch (RuntimeException refused) {
            return Uni.createFrom().failure(refused);
        }
        return insertUnchecked(session, resources);
    }

    /** A new resource encoded as version 1 with its index, ready for {@link #insertEncoded}. */
    public static final class Encoded {
        private final CreateStatement.Row row;

        private Encoded(CreateStatement.Row row) {
            this.row = row;
        }
    }

    /**
     * Checks and encodes a new resource as version 1, as of `now`. CPU work: callers run it on a worker
     * thread, so that the write itself is only the statement.
     */
    public Encoded encodeNew(NewResource created, Instant now) {
        readOnly.checkWritable(created.type(), created.id(), created.resource());
        return new Encoded(firstVersion(created, now.truncatedTo(ChronoUnit.MILLIS)));
    }

    /**
     * Creates resources encoded beforehand (off the event loop) in the session's transaction: all of
     * them are stored or none. For writers that batch their own creates (the audit trail).
     */
    public Uni<Void> insertEncoded(Mutiny.Session session, List<Encoded> resources) {
        return create.execute(session, resources.stream().map(encoded -> encoded.row).toList());
    }

    /**
     * Writes a resource the gateway itself publishes (the profile package), bypassing the read-only
     * check that keeps clients from changing it: `current` is its locked row, or null when new.
     */
    public Uni<StoredResource> install(Mutiny.Session session, ResourceEntity current, NewResource resource) {
        if (current == null) {
            return insertUnchecked(session, List.of(resource)).map(stored -> stored.get(0));
        }
        return writeUnchecked(session, current, resource.resource(), resource.index(), resource.method());
    }

    private Uni<List<StoredResource>> insertUnchecked(Mutiny.Session session, List<NewResource> resources) {
        if (resources.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        // Encoding a Bundle's worth of resources is CPU work: done on a worker, back on this context.
        return blocking.run(() -> resources.stream().map(created -> firstVersion(created, now)).toList())
                .chain(rows -> create.execute(session, rows)
                        .replaceWith(() -> rows.stream().map(CreateStatement.Row::stored).toList()));
    }

    private CreateStatement.Row firstVersion(NewResource created, Instant now) {
        return new CreateStatement.Row(new StoredResource(created.type(), created.id(), 1, now, false,
                encode(created.resource(), created.type(), created.id(), 1, now), created.method()), created.index());
    }

    /** Sets id and meta on the resource, so what is stored is exactly what a later read returns. */
    private String encode(Resource resource, String type, String id, int versionId, Instant now) {
        resource.setIdElement(new IdType(type, id, String.valueOf(versionId)));
        resource.getMeta().setVersionId(String.valueOf(versionId));
        resource.getMeta().setLastUpdated(Date.from(now));
        return codec.encodeForStorage(resource);
    }

    /**
     * Writes the next version of an existing resource: `current` is the locked row, `resource` the
     * new content or null for a delete. `index` holds the new version's search values (extracted
     * beforehand, off the event loop); a delete leaves none.
     */
    public Uni<StoredResource> write(Mutiny.Session session, ResourceEntity current, Resource resource,
                                     IndexRows index, String method) {
        try {
            if (APPEND_ONLY.contains(current.resType)) {
                String message = current.resType + "/" + current.resId + " belongs to the audit trail, which is"
                        + " append-only: it is never updated or deleted";
                throw new MethodNotAllowedException(message, Outcomes.error(IssueType.NOTSUPPORTED, message));
            }
            readOnly.checkWritable(current.resType, current.resId, resource);
        } catch (RuntimeException refused) {
            return Uni.createFrom().failure(refused);
        }
        return writeUnchecked(session, current, resource, index, method);
    }

    private Uni<StoredResource> writeUnchecked(Mutiny.Session session, ResourceEntity current, Resource resource,
                                               IndexRows index, String method) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        int versionId = current.versionId + 1;
        current.versionId = versionId;
        current.lastUpdated = now.atOffset(ZoneOffset.UTC);
        current.deleted = resource == null;
        current.content = resource == null ? null : encode(resource, current.resType, current.resId, versionId, now);
        IndexRows values = resource == null ? indexes.none() : index;
        return session.flush()
                .chain(() -> session.persist(versionOf(current, method)))
                .chain(() -> indexes.sync(session, current.pk, current.resType, values))
                .map(ignored -> new StoredResource(current.resType, current.resId, versionId, now, current.deleted,
                        current.content, method));
    }

    public Uni<HistoryPage> history(Mutiny.Session session, HistoryQuery query) {
        StringBuilder hql = new StringBuilder("from ResourceVersionEntity v where 1 = 1");
        if (query.type() != null) {
            hql.append(" and v.resType = :type");
        }
        if (query.id() != null) {
            hql.append(" and v.resId = :id");
        }
        if (query.since() != null) {
            hql.append(" and v.lastUpdated >= :since");
        }
        if (query.beforeSeq() != null) {
            hql.append(" and v.seq < :before");
        }
        hql.append(" order by v.seq desc");
        var select = session.createSelectionQuery(hql.toString(), ResourceVersionEntity.class)
                .setMaxResults(query.count() + 1);
        if (query.type() != null) {
            select.setParameter("type", query.type());
        }
        if (query.id() != null) {
            select.setParameter("id", query.id());
        }
        if (query.since() != null) {
            select.setParameter("since", query.since().atOffset(ZoneOffset.UTC));
        }
        if (query.beforeSeq() != null) {
            select.setParameter("before", query.beforeSeq());
        }
        return select.getResultList().map(rows -> toPage(rows, query.count()));
    }

    private static HistoryPage toPage(List<ResourceVersionEntity> rows, int count) {
        boolean more = rows.size() > count;
        List<ResourceVersionEntity> page = more ? rows.subList(0, count) : rows;
        Long next = more ? page.get(page.size() - 1).seq : null;
        return new HistoryPage(page.stream().map(StoredResource::of).toList(), next);
    }

    private static ResourceVersionEntity versionOf(ResourceEntity entity, String method) {
        ResourceVersionEntity version = new ResourceVersionEntity();
        version.resourcePk = entity.pk;
        version.resType = entity.resType;
        version.resId = entity.resId;
        version.versionId = entity.versionId;
        version.lastUpdated = entity.lastUpdated;
        version.method = method;
        version.content = entity.content;
        return version;
    }
}
