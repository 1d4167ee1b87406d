package org.hrgateway.search;

import ca.uhn.fhir.rest.api.RestSearchParameterTypeEnum;
import org.hrgateway.db.StatementCachingPool;
import org.hrgateway.search.param.SearchParamDef;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PersonResultsQueryTest {

    /** Longer, and the pool would parse and plan it on every `$recognize` again (about 5 ms each). */
    @Test
    void givenTheRecognitionStatement_whenPrepared_thenThePoolKeepsIt() {
        assertTrue(PersonResultsQuery.SQL.length() <= StatementCachingPool.CACHED_SQL_LIMIT,
                PersonResultsQuery.SQL.length() + " characters");
    }

    @Test
    void givenParametersAsTheStatementReadsThem_whenChecked_thenNoDrift() {
        assertEquals(List.of(), PersonResultsQuery.drift(registry(Map.of())::get));
    }

    @Test
    void givenDateRedefinedAsToken_whenChecked_thenTheDriftIsNamed() {
        Map<String, SearchParamDef> changed = new HashMap<>();
        changed.put("Observation.date", def("Observation", "date", RestSearchParameterTypeEnum.TOKEN));
        assertEquals(List.of("Observation.date is a token parameter, read here as a date"),
                PersonResultsQuery.drift(registry(changed)::get));
    }

    @Test
    void givenResultNoLongerDefined_whenChecked_thenTheDriftIsNamed() {
        Map<String, SearchParamDef> changed = new HashMap<>();
        changed.put("DiagnosticReport.result", null);
        assertEquals(List.of("DiagnosticReport.result is not a search parameter"),
                PersonResultsQuery.drift(registry(changed)::get));
    }

    /** A registry that defines what the statement reads, with `changes` applied (a null value removes one). */
    private static Lookup registry(Map<String, SearchParamDef> changes) {
        Map<String, SearchParamDef> defined = new HashMap<>();
        PersonResultsQuery.READS.forEach(read -> defined.put(read.resourceType() + "." + read.code(),
                def(read.resourceType(), read.code(), read.type())));
        changes.forEach((key, def) -> {
            if (def == null) {
                defined.remove(key);
            } else {
                defined.put(key, def);
            }
        });
        return (type, code) -> Optional.ofNullable(defined.get(type + "." + code));
    }

    private interface Lookup {
        Optional<SearchParamDef> get(String type, String code);
    }

    private static SearchParamDef def(String type, String code, RestSearchParameterTypeEnum paramType) {
        return new SearchParamDef(type, code, paramType, type + "." + code, "http://example.org/" + code, Set.of(),
                List.of(), null);
    }
}
