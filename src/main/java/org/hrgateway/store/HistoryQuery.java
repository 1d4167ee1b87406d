package org.hrgateway.store;

import java.time.Instant;

/**
 * Which versions a `_history` interaction lists: all, one type's, or one resource's (type and id null
 * as needed), newer than `since`, older than the `beforeSeq` cursor of the previous page.
 */
public record HistoryQuery(String type, String id, Instant since, Long beforeSeq, int count) {
}
