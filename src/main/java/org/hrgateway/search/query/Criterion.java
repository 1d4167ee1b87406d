package org.hrgateway.search.query;

import org.hrgateway.search.param.SearchParamDef;

import java.util.List;

/**
 * One search parameter occurrence: `param[:modifier]=v1,v2`. Its values are ORed; the criteria of
 * one search are ANDed (search.html#combining). `param` is null for `_id`.
 */
public record Criterion(String name, SearchParamDef param, String modifier, List<String> values) {
}
