-- Every index row is (res_type, param, value). The planner multiplies the selectivities of those
-- columns as if they were independent, but a parameter belongs to few types and a code to one
-- parameter: once AuditEvents outnumber the results, `res_type = 'Observation' and param = 'code'
-- and code = '718-7'` was estimated at 1 row for 488, and the generic plan of patient+code+date
-- probed every result with that code for each of the patient's results (ADR 0008). Statistics on
-- the columns together, kept by ANALYZE (StatisticsKeeper), give the real figure.
create statistics if not exists idx_token_shape (dependencies, mcv) on res_type, param, code, system from idx_token;
create statistics if not exists idx_composite_shape (dependencies, mcv) on res_type, param, code, system from idx_composite;
create statistics if not exists idx_quantity_shape (dependencies, mcv) on res_type, param, code, system from idx_quantity;
create statistics if not exists idx_reference_shape (dependencies, mcv) on res_type, param, target_type from idx_reference;
create statistics if not exists idx_date_shape (dependencies, mcv) on res_type, param from idx_date;
create statistics if not exists idx_number_shape (dependencies, mcv) on res_type, param from idx_number;
create statistics if not exists idx_string_shape (dependencies, mcv) on res_type, param from idx_string;
create statistics if not exists idx_uri_shape (dependencies, mcv) on res_type, param from idx_uri;
-- Built now, not at the next ANALYZE a table happens to need.
analyze idx_token, idx_composite, idx_quantity, idx_reference, idx_date, idx_number, idx_string, idx_uri;
