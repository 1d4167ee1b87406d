package org.hrgateway.operation;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.hl7.fhir.r4.model.Resource;
import org.hrgateway.fhir.BlockingWork;
import org.hrgateway.fhir.ResourceCodec;
import org.hrgateway.interaction.SearchInteraction;
import org.hrgateway.search.SearchResult;
import org.hrgateway.search.SearchRow;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The gateway's own search, for operations that need the matching resources as FHIR objects: the
 * first page, or every page by following the cursor. Parsing is CPU work, done on a worker.
 */
@ApplicationScoped
public class SearchedResources {

    private final SearchInteraction search;
    private final ResourceCodec codec;
    private final BlockingWork blocking;

    public SearchedResources(SearchInteraction search, ResourceCodec codec, BlockingWork blocking) {
        this.search = search;
        this.codec = codec;
        this.blocking = blocking;
    }

    /** The matches of the first page (its size as `params` ask, or the default). */
    public Uni<List<Resource>> firstPage(String type, Map<String, List<String>> params, String baseUrl) {
        return search.search(type, params, true, baseUrl).chain(this::parse);
    }

    /** The ids of the first page's matches: nothing parsed. */
    public Uni<List<String>> ids(String type, Map<String, List<String>> params, String baseUrl) {
        return search.search(type, params, true, baseUrl)
                .map(result -> result.matches().stream().map(row -> row.stored().id()).toList());
    }

    /** Every match, `pageSize` at a time. */
    public Uni<List<Resource>> all(String type, Map<String, List<String>> params, int pageSize, String baseUrl) {
        return page(type, params, pageSize, null, baseUrl, new ArrayList<>());
    }

    private Uni<List<Resource>> page(String type, Map<String, List<String>> params, int pageSize, String cursor,
                                     String baseUrl, List<Resource> collected) {
        Map<String, List<String>> paged = new HashMap<>(params);
        paged.put("_count", List.of(String.valueOf(pageSize)));
        if (cursor != null) {
            paged.put("_cursor", List.of(cursor));
        }
        return search.search(type, paged, true, baseUrl)
                .chain(result -> parse(result).chain(resources -> {
                    collected.addAll(resources);
                    return result.next() == null ? Uni.createFrom().item(collected)
                            : page(type, params, pageSize, result.next().encode(), baseUrl, collected);
                }));
    }

    /**
     * Every match handed to `each` as its page is parsed, `pageSize` at a time, none kept: what a
     * count over a long period reads (a city's month of audit events does not fit in memory at once).
     * Returns how many there were. `each` runs on a worker, one page after the other.
     */
    public Uni<Integer> each(String type, Map<String, List<String>> params, int pageSize, String baseUrl,
                             Consumer<Resource> each) {
        return eachPage(type, params, pageSize, null, baseUrl, each, 0);
    }

    private Uni<Integer> eachPage(String type, Map<String, List<String>> params, int pageSize, String cursor,
                                  String baseUrl, Consumer<Resource> each, int seen) {
        Map<String, List<String>> paged = new HashMap<>(params);
        paged.put("_count", List.of(String.valueOf(pageSize)));
        if (cursor != null) {
            paged.put("_cursor", List.of(cursor));
        }
        return search.search(type, paged, true, baseUrl)
                .chain(result -> blocking.run(() -> {
                    result.matches().forEach(row -> each.accept(codec.parseStored(row.stored().json())));
                    return result.matches().size();
                }).chain(count -> result.next() == null ? Uni.createFrom().item(seen + count)
                        : eachPage(type, params, pageSize, result.next().encode(), baseUrl, each, seen + count)));
    }

    private Uni<List<Resource>> parse(SearchResult result) {
        return blocking.run(() -> result.matches().stream().map(SearchRow::stored)
                .map(stored -> codec.parseStored(stored.json())).toList());
    }
}
