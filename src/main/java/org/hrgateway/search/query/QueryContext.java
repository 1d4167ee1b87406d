package org.hrgateway.search.query;

import java.time.ZoneId;
import java.util.Map;

/**
 * What the SQL of a search needs beyond its criteria: this server's base URL, the default time
 * zone, and the ValueSets that `:in` / `:not-in` criteria name, resolved beforehand by URL.
 */
public record QueryContext(String baseUrl, ZoneId zone, Map<String, ValueSetCodes> valueSets) {

    public QueryContext(String baseUrl, ZoneId zone) {
        this(baseUrl, zone, Map.of());
    }
}
