-- The cards the CDS Hooks service gave (cds/IssuedCards, the one place that names this table). A card's
-- feedback names only its uuid, so what the card was about is kept here; the feedback, once given, with it.
create table cds_card (
    uuid uuid primary key,
    service text not null,
    issued timestamptz not null default now(),
    -- The person: this gateway's Patient (`Patient/id`) where it holds one, and the resident id (system|value).
    patient text,
    resident_id text not null,
    -- The draft order's item (system|code) and the result that may be recognized instead of it.
    item text not null,
    result text not null,
    -- The workstation's draft ServiceRequest id, its FHIR base and user (context.userId), as the hook gave them.
    draft_order text not null,
    fhir_server text,
    practitioner text,
    -- The draft order's requester as the workstation gave it (ServiceRequest.requester), if any.
    requester text,
    feedback text,
    feedback_at timestamptz,
    -- What the feedback was recorded as: a DetectedIssue's reference, or `AuditEvent`.
    recorded text
);
