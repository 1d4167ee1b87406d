-- The record locator (ADR 0015, point 5).
--
-- The outbox: a Patient record's resident id, queued in the same transaction that indexed it, for the
-- relay (federation/RecordLocator) to publish to the province's stream and delete once acknowledged.
-- A trigger, so that no write path (create, update, transaction, reindex) can store a Patient and
-- forget to tell the province: the index row and the outbox row commit or roll back together.
create table locator_outbox (
    seq    bigserial primary key,
    system text,
    code   text not null
);

create function locator_outbox_resident_id() returns trigger language plpgsql as $$
begin
    insert into locator_outbox (system, code) values (new.system, new.code);
    return null;
end;
$$;

create trigger locator_outbox_resident_id
    after insert on idx_token
    for each row
    when (new.res_type = 'Patient' and new.param = 'resident-id' and new.code is not null)
    execute function locator_outbox_resident_id();

-- The locator itself: which cities hold a Patient record for a resident, by the HMAC of its resident
-- id with the province key (never the id itself), as every city's relay published it.
create table locator (
    resident bytea not null,
    city     text  not null,
    primary key (resident, city)
);
