package org.hrgateway;

import io.quarkus.runtime.QuarkusApplication;
import jakarta.inject.Inject;
import org.hrgateway.search.index.Reindexer;

import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashSet;

/** `reindex [Type ...]`: rebuilds the search index of the configured database, then exits. */
public class ReindexCommand implements QuarkusApplication {

    @Inject
    Reindexer reindexer;

    @Override
    public int run(String... args) {
        // args[0] is the command name itself
        var types = new LinkedHashSet<>(Arrays.asList(args).subList(Math.min(1, args.length), args.length));
        long count = reindexer.reindex(types).await().atMost(Duration.ofHours(12));
        System.out.println("Reindexed " + count + " resources" + (types.isEmpty() ? "" : " of " + types));
        return 0;
    }
}
