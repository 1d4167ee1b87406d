-- Search index rows of current, non-deleted versions, one table per parameter type.
-- res_type is repeated here so that a search touches one index, not a join to resource first.
create table idx_token (
    resource_pk bigint      not null references resource (pk),
    res_type    varchar(64) not null,
    param       varchar(64) not null,
    system      text,
    code        text
);
create index idx_token_lookup on idx_token (res_type, param, code, system);
create index idx_token_resource on idx_token (resource_pk);

create table idx_string (
    resource_pk      bigint      not null references resource (pk),
    res_type         varchar(64) not null,
    param            varchar(64) not null,
    value_normalized text        not null,
    value_exact      text        not null
);
create index idx_string_lookup on idx_string (res_type, param, value_normalized text_pattern_ops);
create index idx_string_resource on idx_string (resource_pk);

create table idx_reference (
    resource_pk bigint      not null references resource (pk),
    res_type    varchar(64) not null,
    param       varchar(64) not null,
    target_type varchar(64),
    target_id   varchar(64),
    target_url  text
);
create index idx_reference_lookup on idx_reference (res_type, param, target_id, target_type);
create index idx_reference_url on idx_reference (res_type, param, target_url) where target_url is not null;
create index idx_reference_target on idx_reference (target_type, target_id);
create index idx_reference_resource on idx_reference (resource_pk);
