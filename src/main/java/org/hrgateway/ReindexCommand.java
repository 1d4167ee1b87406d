package org.hrgateway;

import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import org.hrgateway.search.index.Reindexer;

import java.util.Arrays;
import java.util.LinkedHashSet;

/** `reindex [Type ...]`: rebuilds the search index of the configured database, then exits. */
public class ReindexCommand implements QuarkusApplication {

    @Inject
    Reindexer reindexer;

    @Override
    public int run(String... args) throws Exception {
        // args[0] is the command name itself
        var types = new LinkedHashSet<>(Arrays.asList(args).subList(Math.min(1, args.length), args.length));
        // Hibernate Reactive needs a Vert.x context; the command's main thread has none.
        long count;
        try {
            count = VertxContextSupport.subscribeAndAwait(() -> reindexer.reindex(types));
        } catch (Throwable failure) {
            throw new IllegalStateException("Reindex failed", failure);
        }
        System.out.println("Reindexed " + count + " resources" + (types.isEmpty() ? "" : " of " + types));
        return 0;
    }
}
