package org.hrgateway.search.index;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.reactive.mutiny.Mutiny;
import org.hrgateway.store.NativeSql;
import org.hrgateway.fhir.BlockingWork;
import org.hrgateway.fhir.ResourceCodec;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Rebuilds the search index of stored resources from their current text, after a SearchParameter
 * was added or changed. Works in batches by primary key, each batch extracted on a worker and
 * written in its own transaction, so a large store is reindexed without one huge transaction and
 * the gateway keeps serving meanwhile. Unchanged rows are left alone (the index store diffs).
 */
@ApplicationScoped
public class Reindexer {

    private static final Logger LOG = Logger.getLogger(Reindexer.class);
    private static final int BATCH = 500;

    private final Mutiny.SessionFactory sessions;
    private final BlockingWork blocking;
    private final ResourceCodec codec;
    private final IndexExtractor extractor;
    private final IndexStore indexes;

    public Reindexer(Mutiny.SessionFactory sessions, BlockingWork blocking, ResourceCodec codec,
                     IndexExtractor extractor, IndexStore indexes) {
        this.sessions = sessions;
        this.blocking = blocking;
        this.codec = codec;
        this.extractor = extractor;
        this.indexes = indexes;
    }

    /** Reindexes the current resources of `types` (all types when empty); answers how many. */
    public Uni<Long> reindex(Set<String> types) {
        return batchFrom(0L, types, 0L);
    }

    private Uni<Long> batchFrom(long afterPk, Set<String> types, long done) {
        return sessions.withSession(session -> rows(session, afterPk, types))
                .chain(rows -> {
                    if (rows.isEmpty()) {
                        LOG.infof("Reindex finished: %d resources", done);
                        return Uni.createFrom().item(done);
                    }
                    long lastPk = ((Number) rows.get(rows.size() - 1)[0]).longValue();
                    return blocking.run(() -> extractAll(rows))
                            .chain(batch -> sessions.withTransaction(session -> writeAll(session, batch)))
                            .invoke(() -> LOG.infof("Reindexed %d resources", done + rows.size()))
                            .chain(() -> batchFrom(lastPk, types, done + rows.size()));
                });
    }

    private Uni<List<Object[]>> rows(Mutiny.Session session, long afterPk, Set<String> types) {
        StringBuilder sql = new StringBuilder("select pk, res_type, content from resource where not deleted and pk > ?1");
        List<String> typeList = new ArrayList<>(types);
        for (int i = 0; i < typeList.size(); i++) {
            sql.append(i == 0 ? " and res_type in (" : ", ").append('?').append(i + 2);
        }
        sql.append(typeList.isEmpty() ? "" : ")").append(" order by pk limit ").append(BATCH);
        List<Object> parameters = new ArrayList<>();
        parameters.add(afterPk);
        parameters.addAll(typeList);
        return NativeSql.rows(session, sql.toString(), parameters);
    }

    private List<IndexStore.Indexed> extractAll(List<Object[]> rows) {
        List<IndexStore.Indexed> batch = new ArrayList<>(rows.size());
        for (Object[] row : rows) {
            batch.add(new IndexStore.Indexed(((Number) row[0]).longValue(), (String) row[1],
                    extractor.extract(codec.parseStored((String) row[2]))));
        }
        return batch;
    }

    private Uni<Void> writeAll(Mutiny.Session session, List<IndexStore.Indexed> batch) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (IndexStore.Indexed resource : batch) {
            chain = chain.chain(() -> indexes.sync(session, resource.pk(), resource.type(), resource.index()));
        }
        return chain;
    }
}
