package org.hrgateway.store;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.reactive.mutiny.Mutiny;

import java.util.List;

/** The profile package content the store holds, per package id: its label (`id#version`) and digest. */
@ApplicationScoped
public class InstalledPackageStore {

    private static final String DIGEST = "select digest from installed_package where name = ?1";
    private static final String RECORD = """
            insert into installed_package (name, label, digest) values (?1, ?2, ?3)
            on conflict (name) do update set label = excluded.label, digest = excluded.digest, installed_at = now()""";

    /** The digest of the content installed last under this package id, or null when none was. */
    public Uni<String> digest(Mutiny.Session session, String name) {
        return NativeSql.value(session, DIGEST, List.of(name), String.class);
    }

    public Uni<Void> record(Mutiny.Session session, String name, String label, String digest) {
        return NativeSql.execute(session, RECORD, List.of(name, label, digest));
    }
}
