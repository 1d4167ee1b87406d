package org.hrgateway.store;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import org.hibernate.reactive.mutiny.Mutiny;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Resource;
import org.hrgateway.fhir.ResourceCodec;
import org.hrgateway.search.index.IndexStore;
import org.hrgateway.search.index.ResourceIndex;

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

    private final ResourceCodec codec;
    private final IndexStore indexes;

    public ResourceStore(ResourceCodec codec, IndexStore indexes) {
        this.codec = codec;
        this.indexes = indexes;
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
                        : session.createNativeQuery(
                                        "select 1 from (select pg_advisory_xact_lock(hashtextextended(?1, 0))) as locked",
                                        Integer.class)
                                .setParameter(1, type + "/" + id)
                                .getSingleResult()
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

    /**
     * Writes the next version of a resource: `current` is the locked row or null for a new resource,
     * `resource` the new content or null for a delete. The resource's id and meta are set here, so
     * what is stored is exactly what a later read returns. `index` holds the new version's search
     * values (extracted beforehand, off the event loop); a delete leaves none.
     */
    public Uni<StoredResource> write(Mutiny.Session session, ResourceEntity current, String type, String id,
                                     Resource resource, ResourceIndex index, String method) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        int versionId = current == null ? 1 : current.versionId + 1;
        String json = null;
        if (resource != null) {
            resource.setIdElement(new IdType(type, id, String.valueOf(versionId)));
            resource.getMeta().setVersionId(String.valueOf(versionId));
            resource.getMeta().setLastUpdated(Date.from(now));
            json = codec.encodeForStorage(resource);
        }
        ResourceEntity entity = current == null ? new ResourceEntity() : current;
        entity.resType = type;
        entity.resId = id;
        entity.versionId = versionId;
        entity.lastUpdated = now.atOffset(ZoneOffset.UTC);
        entity.deleted = resource == null;
        entity.content = json;
        Uni<Void> saveCurrent = current == null ? session.persist(entity) : session.flush();
        ResourceIndex values = resource == null ? ResourceIndex.EMPTY : index;
        return saveCurrent
                .chain(() -> session.persist(versionOf(entity, method)))
                .chain(() -> current == null
                        ? indexes.insert(session, entity.pk, type, values)
                        : indexes.sync(session, entity.pk, type, values))
                .map(ignored -> new StoredResource(type, id, versionId, now, entity.deleted, entity.content, method));
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
