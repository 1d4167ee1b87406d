-- Token rows keep the folded display / concept text for :text.
alter table idx_token add column text text;
create index idx_token_text on idx_token (res_type, param, text text_pattern_ops) where text is not null;

-- Dates as the inclusive range they cover (search.html#date).
create table idx_date (
    resource_pk bigint      not null references resource (pk),
    res_type    varchar(64) not null,
    param       varchar(64) not null,
    low         timestamptz not null,
    high        timestamptz not null
);
create index idx_date_low on idx_date (res_type, param, low);
create index idx_date_high on idx_date (res_type, param, high);
create index idx_date_resource on idx_date (resource_pk);

create table idx_number (
    resource_pk bigint      not null references resource (pk),
    res_type    varchar(64) not null,
    param       varchar(64) not null,
    low         numeric,
    high        numeric
);
create index idx_number_lookup on idx_number (res_type, param, low);
create index idx_number_resource on idx_number (resource_pk);

create table idx_quantity (
    resource_pk bigint      not null references resource (pk),
    res_type    varchar(64) not null,
    param       varchar(64) not null,
    system      text,
    code        text,
    unit        text,
    low         numeric,
    high        numeric
);
create index idx_quantity_lookup on idx_quantity (res_type, param, code, low);
create index idx_quantity_resource on idx_quantity (resource_pk);

create table idx_uri (
    resource_pk bigint      not null references resource (pk),
    res_type    varchar(64) not null,
    param       varchar(64) not null,
    uri         text        not null
);
create index idx_uri_lookup on idx_uri (res_type, param, uri text_pattern_ops);
create index idx_uri_resource on idx_uri (resource_pk);

-- Composites whose first component is a token; the second's columns by its type.
create table idx_composite (
    resource_pk  bigint      not null references resource (pk),
    res_type     varchar(64) not null,
    param        varchar(64) not null,
    system       text,
    code         text        not null,
    value_system text,
    value_code   text,
    value_low    numeric,
    value_high   numeric,
    date_low     timestamptz,
    date_high    timestamptz,
    value_string text
);
create index idx_composite_lookup on idx_composite (res_type, param, code, system);
create index idx_composite_resource on idx_composite (resource_pk);
