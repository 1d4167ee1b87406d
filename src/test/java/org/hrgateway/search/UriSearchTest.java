package org.hrgateway.search;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Uri search (https://hl7.org/fhir/R4/search.html#uri) on ValueSet url: the whole uri by default
 * (case-sensitive, no prefix), :below for the uris under a value, :above for those the value is
 * under, and :missing.
 */
@QuarkusTest
class UriSearchTest {

    private static final String BASE = "base";
    private static final String VALUE_SET = "base/ValueSet/123";
    private static final String OTHER_BRANCH = "other/ValueSet/9";
    private static final String NO_URL = "no url";

    private static String url(MarkedResources r, String path) {
        return "http://test.hrgw/" + r.unique + "/" + path.replace("base", "fhir");
    }

    private static MarkedResources valueSets() {
        MarkedResources r = new MarkedResources();
        r.create(BASE, "ValueSet", "uri/valueset-url.json", "url", url(r, BASE));
        r.create(VALUE_SET, "ValueSet", "uri/valueset-url.json", "url", url(r, VALUE_SET));
        r.create(OTHER_BRANCH, "ValueSet", "uri/valueset-url.json", "url", url(r, OTHER_BRANCH));
        r.create(NO_URL, "ValueSet", "uri/valueset-without-url.json");
        return r;
    }

    @Test
    void givenUrls_whenUri_thenTheWholeUriExactly() {
        MarkedResources r = valueSets();

        assertEquals(Set.of(VALUE_SET), r.search("ValueSet", "url", url(r, VALUE_SET)));
        assertEquals(Set.of(BASE), r.search("ValueSet", "url", url(r, BASE)));
        assertEquals(Set.of(), r.search("ValueSet", "url", url(r, "base/ValueSet")), "no prefix match");
        assertEquals(Set.of(), r.search("ValueSet", "url", url(r, VALUE_SET).toUpperCase()), "case-sensitive");
        assertEquals(Set.of(BASE, OTHER_BRANCH), r.search("ValueSet", "url", url(r, BASE) + "," + url(r, OTHER_BRANCH)));
    }

    @Test
    void givenUrls_whenBelow_thenUrisStartingWithTheValue() {
        MarkedResources r = valueSets();

        assertEquals(Set.of(BASE, VALUE_SET), r.search("ValueSet", "url:below", url(r, BASE)));
        assertEquals(Set.of(VALUE_SET), r.search("ValueSet", "url:below", url(r, "base/ValueSet")));
        assertEquals(Set.of(BASE, VALUE_SET, OTHER_BRANCH), r.search("ValueSet", "url:below", "http://test.hrgw/" + r.unique + "/"));
        assertEquals(Set.of(), r.search("ValueSet", "url:below", url(r, "base/CodeSystem")));
    }

    @Test
    void givenUrls_whenAbove_thenUrisTheValueStartsWith() {
        MarkedResources r = valueSets();

        assertEquals(Set.of(BASE, VALUE_SET), r.search("ValueSet", "url:above", url(r, VALUE_SET) + "/_history/5"));
        assertEquals(Set.of(BASE, VALUE_SET), r.search("ValueSet", "url:above", url(r, VALUE_SET)));
        assertEquals(Set.of(BASE), r.search("ValueSet", "url:above", url(r, "base/CodeSystem/7")));
        assertEquals(Set.of(), r.search("ValueSet", "url:above", "http://test.hrgw/" + r.unique));
    }

    /** `_` and `%` in a stored uri are characters like any other, not patterns. */
    @Test
    void givenUrlsWithUnderscoreAndPercent_whenAboveOrBelow_thenTakenLiterally() {
        MarkedResources r = new MarkedResources();
        r.create("lab_tests", "ValueSet", "uri/valueset-url.json", "url", url(r, "base/lab_tests"));
        r.create("100%", "ValueSet", "uri/valueset-url.json", "url", url(r, "base/100%"));

        assertEquals(Set.of("lab_tests"), r.search("ValueSet", "url:above", url(r, "base/lab_tests/v2")));
        assertEquals(Set.of(), r.search("ValueSet", "url:above", url(r, "base/labXtests/v2")));
        assertEquals(Set.of(), r.search("ValueSet", "url:above", url(r, "base/100/v2")));
        assertEquals(Set.of("100%"), r.search("ValueSet", "url:above", url(r, "base/100%/v2")));
        assertEquals(Set.of(), r.search("ValueSet", "url:below", url(r, "base/lab%")));
        assertEquals(Set.of("lab_tests"), r.search("ValueSet", "url:below", url(r, "base/lab_")));
        assertEquals(Set.of(), r.search("ValueSet", "url:below", url(r, "base/_")));
    }

    @Test
    void givenOneWithoutUrl_whenMissing_thenWithoutOrWithAUrl() {
        MarkedResources r = valueSets();

        assertEquals(Set.of(NO_URL), r.search("ValueSet", "url:missing", "true"));
        assertEquals(Set.of(BASE, VALUE_SET, OTHER_BRANCH), r.search("ValueSet", "url:missing", "false"));
    }

    @Test
    void givenUnsupportedModifier_whenUriSearch_then400Invalid() {
        new MarkedResources().request().queryParam("url:contains", "hrgw")
                .when().get("/ValueSet")
                .then().statusCode(400)
                .body("resourceType", equalTo("OperationOutcome"))
                .body("issue[0].code", equalTo("invalid"))
                .body("issue[0].diagnostics", equalTo("Modifier :contains is not supported on uri parameter url"));
    }
}
