-- Which profile package content the store holds, one row per package id: a start-up whose package
-- is byte-for-byte what was installed last skips parsing and comparing the stored package
-- resources. Keyed by id, not id#version, so that after another gateway on the same database
-- installed another version, this one installs its own again.
create table installed_package (
    name         text primary key,
    label        text not null,
    digest       text not null,
    installed_at timestamptz not null default now()
);
