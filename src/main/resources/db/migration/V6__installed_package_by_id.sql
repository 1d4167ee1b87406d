-- One row per package id rather than per id#version: after another gateway on the same database
-- installed another version, this one must install its own again, not trust an older record.
-- The table only spares work at start-up; dropping its rows costs one comparison of the package.
drop table installed_package;
create table installed_package (
    name         text primary key,
    label        text not null,
    digest       text not null,
    installed_at timestamptz not null default now()
);
