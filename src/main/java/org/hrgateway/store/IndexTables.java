package org.hrgateway.store;

import io.smallrye.mutiny.Uni;
import org.hibernate.reactive.mutiny.Mutiny;

import java.util.List;
import java.util.function.Supplier;

/**
 * The search index tables as the store writes them with a resource: in the very statement that
 * creates resources, and in the transaction that writes a resource's next version. search/index
 * implements it (the index tables and their SQL are its own); the store depends only on this.
 */
public interface IndexTables {

    /**
     * The statement parts that insert new resources' index rows, as CTEs (each beginning with `, `)
     * that take the n-th resource's key from `keys(n, pk, res_type)`; `nextParameter` gives the next
     * bind parameter's text.
     */
    String insertParts(Supplier<String> nextParameter);

    /** The values of the parameters {@link #insertParts} asked for, for these resources in order. */
    List<Object> insertValues(List<IndexRows> resources);

    /** Brings the index rows of the existing resource `pk` to `rows` (none after a delete). */
    Uni<Void> sync(Mutiny.Session session, long pk, String type, IndexRows rows);

    /** The rows of a deleted resource: none. */
    IndexRows none();
}
