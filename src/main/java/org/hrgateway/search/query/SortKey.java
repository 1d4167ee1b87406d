package org.hrgateway.search.query;

import org.hrgateway.search.param.SearchParamDef;

/** One `_sort` key (search.html#sort): a parameter (null for `_id`, `_lastUpdated`) and its direction. */
public record SortKey(String name, SearchParamDef param, boolean descending) {
}
