-- Access events as the request path writes them (ADR 0014): one compact row each, committed before
-- the answer, with the AuditEvent's JSON as written. The materializer (audit/AuditMaterializer)
-- turns rows into AuditEvent resources and deletes them in one transaction.
create table audit_pending (
    seq bigserial primary key,
    content text not null
);

-- A row the materializer could not store as a resource is moved here with the reason, for an
-- operator to see; the queue itself stays a queue (emptied, then truncated).
create table audit_failed (
    seq bigint primary key,
    content text not null,
    failed text not null,
    failed_at timestamptz not null default now()
);
