package org.hrgateway.store;

import java.util.List;

/** One page of history, newest first, with the cursor of the next page when there is one. */
public record HistoryPage(List<StoredResource> versions, Long nextBeforeSeq) {
}
