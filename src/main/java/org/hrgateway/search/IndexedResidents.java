package org.hrgateway.search;

/**
 * The resident ids that this city's Patient records carry, as the token index holds them (the
 * package's `resident-id` SearchParameter), and the trigger on that index that queues each new one
 * for the record locator's outbox (Flyway V9; ADR 0015). Named here because the index tables are
 * search's alone; federation/RecordLocator runs these statements.
 */
public final class IndexedResidents {

    /** Queues every indexed resident id in the locator's outbox (a rebuild). */
    public static final String QUEUE_ALL = "insert into locator_outbox (system, code) select system, code"
            + " from idx_token where res_type = 'Patient' and param = 'resident-id' and code is not null";

    /** Whether the outbox trigger is on. */
    public static final String TRIGGER_ON = "select tgenabled <> 'D' from pg_trigger"
            + " where tgname = 'locator_outbox_resident_id'";

    public static final String ENABLE_TRIGGER = "alter table idx_token enable trigger locator_outbox_resident_id";

    public static final String DISABLE_TRIGGER = "alter table idx_token disable trigger locator_outbox_resident_id";

    private IndexedResidents() {
    }
}
