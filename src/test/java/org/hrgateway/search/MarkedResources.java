package org.hrgateway.search;

import io.restassured.specification.RequestSpecification;
import org.hrgateway.support.FhirApi;
import org.hrgateway.support.Fixtures;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.hrgateway.support.FhirApi.fhir;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The resources one test writes, each under a name the test gives it and each carrying the test's
 * own marker (`meta.tag` urn:hrgw:test:search|unique, from the fixture). The database is shared and
 * never emptied, so every search goes through {@link #request()}, which adds `_tag` for the marker:
 * what comes back can then be compared, both ways, with the set of names the test expects.
 */
final class MarkedResources {

    static final String MARKER_SYSTEM = "urn:hrgw:test:search";

    final String unique = Fixtures.unique();
    private final Map<String, String> nameById = new HashMap<>();

    /** Creates fixtures/search/{fixture} with `${unique}` and the given placeholders filled; returns its id. */
    String create(String name, String type, String fixture, String... placeholders) {
        String[] all = Arrays.copyOf(new String[]{"unique", unique}, 2 + placeholders.length);
        System.arraycopy(placeholders, 0, all, 2, placeholders.length);
        String id = FhirApi.created(type, SearchFixtures.load(fixture, all));
        nameById.put(id, name);
        return id;
    }

    /** A search request restricted to this test's resources; add parameters and GET or POST it. */
    RequestSpecification request() {
        return fhir().queryParam("_tag", MARKER_SYSTEM + "|" + unique);
    }

    /**
     * GET [type]?_tag=marker&name=value... (names and values alternate; a name may repeat) and the
     * names of the matches. A match this test did not write shows up as "not written here: id".
     */
    Set<String> search(String type, String... namesAndValues) {
        RequestSpecification request = request();
        for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
            request.queryParam(namesAndValues[i], namesAndValues[i + 1]);
        }
        return names(Searchset.of(request.when().get("/" + type)));
    }

    /** The names of a searchset's matches; each appears once and the total, when given, counts them. */
    Set<String> names(Searchset searchset) {
        List<String> ids = searchset.matchIds();
        Set<String> names = new TreeSet<>();
        ids.forEach(id -> names.add(nameById.getOrDefault(id, "not written here: " + id)));
        assertEquals(ids.size(), names.size(), "a resource matched more than once: " + ids);
        if (searchset.total() != null) {
            assertEquals(ids.size(), searchset.total().intValue(), "Bundle.total");
        }
        return names;
    }
}
