package org.hrgateway.search.query;

import java.util.List;
import java.util.Map;

/**
 * A parsed type-level search: criteria, sort, page size and position, `_total`, includes, and what
 * was used and ignored (for the self link). `cursor` is null on the first page.
 */
public record SearchRequest(String type, List<Criterion> criteria, List<SortKey> sort, int count, Cursor cursor,
                            Total total, boolean countOnly, List<Include> includes, List<Include> revincludes,
                            Map<String, List<String>> used, List<String> ignored) {

    /** `_total` (search.html#total). */
    public enum Total { NONE, ESTIMATE, ACCURATE }
}
