-- Access events as the request path writes them (ADR 0014): one compact row each, committed before
-- the answer, with the AuditEvent's JSON as written. The materializer (audit/AuditMaterializer)
-- turns rows into AuditEvent resources and deletes them in one transaction; a row it could not
-- store keeps its content and says why in `failed`, for an operator to see.
create table audit_pending (
    seq bigserial primary key,
    content text not null,
    failed text
);
