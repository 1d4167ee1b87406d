package org.hrgateway.search;

import org.hrgateway.search.query.Cursor;
import org.hrgateway.search.query.SearchRequest;

import java.util.List;

/** A page of matches, what was included with it, the total when known, and the cursors of its neighbours. */
public record SearchResult(SearchRequest request, List<SearchRow> matches, List<SearchRow> included, Long total,
                           Cursor next, Cursor previous) {
}
