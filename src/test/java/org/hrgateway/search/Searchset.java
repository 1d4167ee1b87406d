package org.hrgateway.search;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A searchset Bundle as the tests read it: its match entries' ids in order, its include entries, its links. */
record Searchset(JsonPath json) {

    static Searchset of(Response response) {
        response.then().statusCode(200);
        JsonPath json = response.jsonPath();
        assertEquals("searchset", json.getString("type"), "Bundle.type");
        return new Searchset(json);
    }

    /** Ids of the entries with search.mode match, in the Bundle's order. */
    List<String> matchIds() {
        return entries("match").stream().map(entry -> (String) resource(entry).get("id")).toList();
    }

    /** `Type/id` of the entries with search.mode include. */
    Set<String> includes() {
        Set<String> refs = new LinkedHashSet<>();
        for (Map<String, Object> entry : entries("include")) {
            refs.add(resource(entry).get("resourceType") + "/" + resource(entry).get("id"));
        }
        return refs;
    }

    /** The resources of the match entries, as parsed JSON. */
    List<Map<String, Object>> matchResources() {
        return entries("match").stream().map(Searchset::resource).toList();
    }

    /** The search.mode of every entry, in order. */
    List<String> modes() {
        return json.getList("entry.search.mode", String.class);
    }

    Integer total() {
        return json.get("total");
    }

    /** The URL of the link with this relation, or null. */
    String link(String relation) {
        return json.getString("link.find { it.relation == '" + relation + "' }.url");
    }

    /** The server's base URL, read off the first entry's fullUrl (`[base]/[type]/[id]`). */
    String base() {
        String fullUrl = json.getString("entry[0].fullUrl");
        return fullUrl.substring(0, fullUrl.lastIndexOf('/', fullUrl.lastIndexOf('/') - 1));
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> entries(String mode) {
        List<Map<String, Object>> all = json.getList("entry");
        List<Map<String, Object>> picked = new ArrayList<>();
        if (all == null) {
            return picked;
        }
        for (Map<String, Object> entry : all) {
            if (mode.equals(((Map<String, Object>) entry.get("search")).get("mode"))) {
                picked.add(entry);
            }
        }
        return picked;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> resource(Map<String, Object> entry) {
        return (Map<String, Object>) entry.get("resource");
    }
}
