create table if not exists floor_item (id bigint primary key, name text);
