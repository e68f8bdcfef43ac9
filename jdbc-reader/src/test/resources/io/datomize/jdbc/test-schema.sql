-- The reader's test schema: every decoded type, composite keys, a self-reference, a two-table cycle,
-- identifiers that need quoting, partitions, a table without primary key, a view and a second schema.
create extension if not exists citext;

create type mood as enum ('sad', 'happy');
alter type mood add value 'ok' before 'happy';
create domain year as integer constraint year_check check (value >= 1901 and value <= 2155);
create domain price as numeric(7, 2);

create table every_type (
    id bigint primary key,
    small smallint,
    medium integer,
    big bigint,
    counter serial,
    amount numeric(10, 3),
    unbounded numeric,
    r real,
    d double precision,
    flag boolean,
    t text,
    vc varchar(20),
    ch char(5),
    ci citext,
    nm name,
    day date,
    ts timestamp,
    tstz timestamptz,
    tm time,
    tmtz timetz,
    span interval,
    uid uuid,
    js json,
    jsb jsonb,
    bin bytea,
    feeling mood,
    yr year,
    cost price,
    ints integer[],
    texts text[],
    days date[],
    moods mood[],
    stamps timestamptz[],
    matrix integer[][],
    addr inet,
    doc tsvector,
    cash money
);

create table shipping (
    id integer primary key,
    status varchar(10) not null check (status in ('new', 'paid', 'it''s shipped')),
    kind text check (kind = any (array['a', 'b'])),
    quantity integer check (quantity > 0),
    code text check (code in ('x', 'y') or code is null)
);

create table order_line (
    order_id integer,
    line_no smallint,
    product text not null,
    primary key (order_id, line_no)
);

create table shipment (
    id integer primary key,
    order_id integer not null,
    line_no smallint not null,
    foreign key (order_id, line_no) references order_line (order_id, line_no)
);

create table employee (
    id integer primary key,
    name text not null,
    manager_id integer references employee (id)
);

create table husband (id integer primary key, wife_id integer);
create table wife (id integer primary key, husband_id integer references husband (id));
alter table husband add constraint husband_wife_fk foreign key (wife_id) references wife (id);

create table "order" (
    id integer primary key,
    "select" text,
    "user" text
);

create table "user" (
    "Id" integer primary key,
    email text not null unique,
    nick text
);
create unique index user_nick_key on "user" (nick);
create unique index user_lower_email on "user" (lower(email));

create table "Mixed Case" (
    "with space" integer primary key,
    "Value" text
);

create table measurement (
    id integer not null,
    taken_on date not null,
    value double precision,
    primary key (id, taken_on)
) partition by range (taken_on);
create table measurement_2023 partition of measurement for values from ('2023-01-01') to ('2024-01-01');
create table measurement_2024 partition of measurement for values from ('2024-01-01') to ('2025-01-01')
    partition by range (taken_on);
create table measurement_2024_h1 partition of measurement_2024 for values from ('2024-01-01') to ('2024-07-01');
create table measurement_2024_h2 partition of measurement_2024 for values from ('2024-07-01') to ('2025-01-01');

create table reading (
    id integer primary key,
    measurement_id integer not null,
    taken_on date not null,
    foreign key (measurement_id, taken_on) references measurement (id, taken_on)
);

create table log_line (message text, logged_at timestamptz);

create view employee_names as select id, name from employee;

create schema sales;
create table sales.invoice (id integer primary key, buyer integer references public.employee (id));
