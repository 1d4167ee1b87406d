package org.hrgateway.search.query;

import org.hrgateway.search.param.SearchParamDef;

import java.util.List;

/**
 * One search parameter occurrence: `param[:modifier]=v1,v2`. Its values are ORed; the criteria of
 * one search are ANDed (search.html#combining). `param` is null for `_id`, `_lastUpdated` and
 * `_has`. A chained parameter (`subject:Patient.name=x`) carries the criterion on the target in
 * `chain`; a reverse chain (`_has:Observation:patient:code=x`) carries it in `has`.
 */
public record Criterion(String name, SearchParamDef param, String modifier, List<String> values,
                        Chain chain, Has has) {

    /** `param[:Type].inner`: resources whose `param` points at a `Type` matching `inner`. */
    public record Chain(String targetType, Criterion inner) {
    }

    /** `_has:Type:param:inner`: resources that some `Type` points at through `param` and that match `inner`. */
    public record Has(String sourceType, String referenceParam, Criterion inner) {
    }

    public static Criterion of(String name, SearchParamDef param, String modifier, List<String> values) {
        return new Criterion(name, param, modifier, values, null, null);
    }
}
