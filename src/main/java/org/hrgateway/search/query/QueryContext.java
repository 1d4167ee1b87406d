package org.hrgateway.search.query;

import java.time.ZoneId;

/** What the SQL of a search needs beyond its criteria: this server's base URL and the default time zone. */
public record QueryContext(String baseUrl, ZoneId zone) {
}
