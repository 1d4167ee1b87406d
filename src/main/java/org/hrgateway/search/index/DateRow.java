package org.hrgateway.search.index;

import java.time.Instant;

/**
 * A date index value as the range it covers (search.html#date): `2026-11` is all of November, a
 * Period its start to its end. Both bounds inclusive, to the millisecond; open ends are the far
 * past or future.
 */
public record DateRow(String param, Instant low, Instant high) {
}
