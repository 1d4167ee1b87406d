package org.hrgateway.store;

/**
 * A resource version's rows in the search index tables. What they hold, and every statement that
 * reads or writes those tables, belongs to search/index ({@code ResourceIndex}, {@code IndexStore});
 * the store only carries them to {@link IndexTables}, so that they are written with the resource.
 */
public interface IndexRows {
}
