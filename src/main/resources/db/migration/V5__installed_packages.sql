-- Which profile package content is in the store: a start-up whose package is byte-for-byte the
-- one installed last time skips parsing and comparing every stored package resource.
create table installed_package (
    label        text primary key,
    digest       text not null,
    installed_at timestamptz not null default now()
);
