package org.hrgateway.store;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import org.hibernate.reactive.mutiny.Mutiny;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Resource;
import org.hrgateway.fhir.BlockingWork;
import org.hrgateway.fhir.ResourceCodec;
import org.hrgateway.search.index.IndexStore;
import org.hrgateway.search.index.ResourceIndex;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

/**
 * Resource rows and their history. Every method runs inside the caller's session and transaction,
 * so an interaction (or a whole transaction Bundle) commits or rolls back as one.
 */
@ApplicationScoped
public class ResourceStore {

    private static final ColumnInsert INSERT_RESOURCES = new ColumnInsert("resource", List.of(
            new ColumnInsert.Column("pk", Long.class), new ColumnInsert.Column("res_type", String.class),
            new ColumnInsert.Column("res_id", String.class), new ColumnInsert.Column("version_id", Integer.class),
            new ColumnInsert.Column("last_updated", OffsetDateTime.class), new ColumnInsert.Column("deleted", Boolean.class),
            new ColumnInsert.Column("content", String.class)));
    private static final ColumnInsert INSERT_VERSIONS = new ColumnInsert("resource_version", List.of(
            new ColumnInsert.Column("resource_pk", Long.class), new ColumnInsert.Column("res_type", String.class),
            new ColumnInsert.Column("res_id", String.class), new ColumnInsert.Column("version_id", Integer.class),
            new ColumnInsert.Column("last_updated", OffsetDateTime.class), new ColumnInsert.Column("method", String.class),
            new ColumnInsert.Column("content", String.class)));

    private static final String BY_TYPE_AND_ID =
            "from ResourceEntity where resType = :type and resId = :id";

    private final ResourceCodec codec;
    private final IndexStore indexes;
    private final BlockingWork blocking;
    private final ReadOnlyResources readOnly;

    public ResourceStore(ResourceCodec codec, IndexStore indexes, BlockingWork blocking, ReadOnlyResources readOnly) {
        this.codec = codec;
        this.indexes = indexes;
        this.blocking = blocking;
        this.readOnly = readOnly;
    }

    public Uni<ResourceEntity> find(Mutiny.Session session, String type, String id) {
        return session.createSelectionQuery(BY_TYPE_AND_ID, ResourceEntity.class)
                .setParameter("type", type)
                .setParameter("id", id)
                .getSingleResultOrNull();
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
    public record NewResource(String type, String id, Resource resource, ResourceIndex index, String method) {
    }

    /**
     * Creates resources as version 1 with a fixed number of statements however many there are: keys
     * from the sequence, then one multi-row INSERT each for rows, versions and every index table.
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
        return blocking.run(() -> resources.stream()
                        .map(created -> new StoredResource(created.type(), created.id(), 1, now, false,
                                encode(created.resource(), created.type(), created.id(), 1, now), created.method()))
                        .toList())
                .chain(stored -> NativeSql.values(session,
                                "select nextval(pg_get_serial_sequence('resource', 'pk')) from generate_series(1, ?1)",
                                List.of(resources.size()), Long.class)
                        .chain(pks -> insertRows(session, stored, pks)
                                .chain(() -> indexes.insertAll(session, indexed(resources, pks))))
                        .replaceWith(stored));
    }

    private static Uni<Void> insertRows(Mutiny.Session session, List<StoredResource> stored, List<Long> pks) {
        OffsetDateTime updated = stored.get(0).lastUpdated().atOffset(ZoneOffset.UTC);
        List<Object[]> rows = new ArrayList<>(stored.size());
        List<Object[]> versions = new ArrayList<>(stored.size());
        for (int i = 0; i < stored.size(); i++) {
            StoredResource resource = stored.get(i);
            rows.add(new Object[]{pks.get(i), resource.type(), resource.id(), 1, updated, false, resource.json()});
            versions.add(new Object[]{pks.get(i), resource.type(), resource.id(), 1, updated, resource.method(),
                    resource.json()});
        }
        return INSERT_RESOURCES.execute(session, rows)
                .chain(() -> INSERT_VERSIONS.execute(session, versions));
    }

    private static List<IndexStore.Indexed> indexed(List<NewResource> resources, List<Long> pks) {
        List<IndexStore.Indexed> indexed = new ArrayList<>(resources.size());
        for (int i = 0; i < resources.size(); i++) {
            indexed.add(new IndexStore.Indexed(pks.get(i), resources.get(i).type(), resources.get(i).index()));
        }
        return indexed;
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
                                     ResourceIndex index, String method) {
        try {
            readOnly.checkWritable(current.resType, current.resId, resource);
        } catch (RuntimeException refused) {
            return Uni.createFrom().failure(refused);
        }
        return writeUnchecked(session, current, resource, index, method);
    }

    private Uni<StoredResource> writeUnchecked(Mutiny.Session session, ResourceEntity current, Resource resource,
                                               ResourceIndex index, String method) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        int versionId = current.versionId + 1;
        current.versionId = versionId;
        current.lastUpdated = now.atOffset(ZoneOffset.UTC);
        current.deleted = resource == null;
        current.content = resource == null ? null : encode(resource, current.resType, current.resId, versionId, now);
        ResourceIndex values = resource == null ? ResourceIndex.EMPTY : index;
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
