package org.hrgateway.api;

import org.hrgateway.search.SearchResult;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The self, next and previous links of a searchset (http.html#paging): self repeats the parameters
 * the server used (unknown ones left out, so a client can see what was ignored); next and previous
 * add the keyset cursor of the neighbouring page.
 */
final class SearchLinks {

    private SearchLinks() {
    }

    static List<String[]> of(SearchResult result, String baseUrl, String type, Map<String, List<String>> params) {
        StringBuilder query = new StringBuilder();
        for (Map.Entry<String, List<String>> entry : params.entrySet()) {
            String key = entry.getKey();
            if (key.equals("_cursor") || result.request().ignored().contains(key)) {
                continue;
            }
            for (String value : entry.getValue()) {
                query.append(query.isEmpty() ? "" : "&").append(encode(key)).append('=').append(encode(value));
            }
        }
        String self = baseUrl + "/" + type + (query.isEmpty() ? "" : "?" + query);
        String separator = query.isEmpty() ? "?" : "&";
        List<String[]> links = new ArrayList<>();
        links.add(new String[]{"self", self});
        if (result.next() != null) {
            links.add(new String[]{"next", self + separator + "_cursor=" + result.next().encode()});
        }
        if (result.previous() != null) {
            links.add(new String[]{"previous", self + separator + "_cursor=" + result.previous().encode()});
        }
        return links;
    }

    /**
     * Encodes what must be, leaving the characters FHIR search values are read with (: , $ /) legible.
     * `|` stays encoded: it is not allowed in a URI (RFC 3986), and the HTTP layer refuses it unencoded.
     */
    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8)
                .replace("%3A", ":").replace("%2C", ",").replace("%24", "$").replace("%2F", "/");
    }
}
