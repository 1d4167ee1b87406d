package org.hrgateway.store;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.reactive.mutiny.Mutiny;

import java.util.List;

/** The digest of the profile package content last installed, per package label (`id#version`). */
@ApplicationScoped
public class InstalledPackageStore {

    private static final String DIGEST = "select digest from installed_package where label = ?1";
    private static final String RECORD = """
            insert into installed_package (label, digest) values (?1, ?2)
            on conflict (label) do update set digest = excluded.digest, installed_at = now()""";

    /** The recorded digest, or null when this package was never installed here. */
    public Uni<String> digest(Mutiny.Session session, String label) {
        return NativeSql.select(session, DIGEST, List.of(label), String.class).getSingleResultOrNull();
    }

    public Uni<Void> record(Mutiny.Session session, String label, String digest) {
        return NativeSql.execute(session, RECORD, List.of(label, digest));
    }
}
