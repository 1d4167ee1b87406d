package org.hrgateway.search;

import org.hrgateway.search.query.Cursor;
import org.hrgateway.search.query.SearchRequest;

import java.util.List;

/**
 * A page of matches, what was included with it, the total when known, the cursors of its neighbours,
 * and warnings for the client (included resources left out, for one), written as an OperationOutcome entry.
 */
public record SearchResult(SearchRequest request, List<SearchRow> matches, List<SearchRow> included, Long total,
                           Cursor next, Cursor previous, List<String> warnings) {

    public SearchResult(SearchRequest request, List<SearchRow> matches, List<SearchRow> included, Long total,
                        Cursor next, Cursor previous) {
        this(request, matches, included, total, next, previous, List.of());
    }

    /** The same page with only `kept` of its included resources, and a warning saying what was left out. */
    public SearchResult withIncluded(List<SearchRow> kept, String warning) {
        List<String> more = new java.util.ArrayList<>(warnings);
        more.add(warning);
        return new SearchResult(request, matches, kept, total, next, previous, List.copyOf(more));
    }
}
