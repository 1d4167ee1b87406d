-- Index rows are written and deleted only together with their resource row, in one transaction
-- (ResourceStore, IndexStore); a foreign key would add a lookup and a row lock on `resource` for
-- every index row (about 13 per Observation).
alter table idx_token drop constraint if exists idx_token_resource_pk_fkey;
alter table idx_string drop constraint if exists idx_string_resource_pk_fkey;
alter table idx_reference drop constraint if exists idx_reference_resource_pk_fkey;
alter table idx_date drop constraint if exists idx_date_resource_pk_fkey;
alter table idx_number drop constraint if exists idx_number_resource_pk_fkey;
alter table idx_quantity drop constraint if exists idx_quantity_resource_pk_fkey;
alter table idx_uri drop constraint if exists idx_uri_resource_pk_fkey;
alter table idx_composite drop constraint if exists idx_composite_resource_pk_fkey;
