-- Hard cases for migration by conventions alone: every class of schema and value that real databases hold and
-- that a migration must load, reject with a reason, or leave out by name. Written for the test suite; run with
-- psql or Datomize's SqlScript. The values live in hard-cases-values.sql, included below.
\set ON_ERROR_STOP on
\timing off
\echo 'hard cases: schema'

CREATE TYPE mood AS ENUM ('happy', 'sad', 'so-so');

-- catalogs with comments and indexes
CREATE TABLE categories (
  id integer PRIMARY KEY,
  category_name text NOT NULL,
  description text
);
COMMENT ON TABLE categories IS 'Product categories, as the catalogue shows them';
COMMENT ON COLUMN categories.category_name IS 'The name shown to shoppers';
CREATE INDEX categories_description_idx ON categories (description);

CREATE TABLE people (
  id integer PRIMARY KEY,
  full_name text NOT NULL,
  mood mood
);

CREATE TABLE products (
  id integer PRIMARY KEY,
  name text NOT NULL,
  category_id integer NOT NULL REFERENCES categories (id),
  price numeric(12, 2) NOT NULL
);
CREATE INDEX products_name_idx ON products (name);

CREATE TABLE orders (
  id integer PRIMARY KEY,
  person_id integer NOT NULL REFERENCES people (id),
  placed_at timestamptz NOT NULL
);

-- a bridge without payload: collapses into a cardinality-many ref
CREATE TABLE product_tags (
  product_id integer NOT NULL REFERENCES products (id),
  category_id integer NOT NULL REFERENCES categories (id),
  PRIMARY KEY (product_id, category_id)
);

-- a bridge whose only other column is a bookkeeping timestamp: collapses too, and the plan names last_update
CREATE TABLE people_favourites (
  person_id integer NOT NULL REFERENCES people (id),
  product_id integer NOT NULL REFERENCES products (id),
  last_update timestamp NOT NULL DEFAULT now(),
  PRIMARY KEY (person_id, product_id)
);

-- a many-to-many table as Django makes it, a number for each row beside the unique pair: collapses too, and the plan
-- names id
CREATE TABLE people_groups (
  id bigserial PRIMARY KEY,
  person_id integer NOT NULL REFERENCES people (id),
  category_id integer NOT NULL REFERENCES categories (id),
  UNIQUE (person_id, category_id)
);

-- bridge-shaped tables that carry data: each becomes an entity of its own
CREATE TABLE order_details (
  order_id integer NOT NULL REFERENCES orders (id),
  product_id integer NOT NULL REFERENCES products (id),
  quantity integer NOT NULL,
  unit_price numeric(12, 2) NOT NULL,
  discount real NOT NULL DEFAULT 0,
  PRIMARY KEY (order_id, product_id)
);

CREATE TABLE assignments (
  person_id integer NOT NULL REFERENCES people (id),
  category_id integer NOT NULL REFERENCES categories (id),
  from_date date NOT NULL,
  to_date date,
  PRIMARY KEY (person_id, category_id)
);

-- two bridges between the same two tables
CREATE TABLE likes (
  person_id integer NOT NULL REFERENCES people (id),
  product_id integer NOT NULL REFERENCES products (id),
  PRIMARY KEY (person_id, product_id)
);
CREATE TABLE wishes (
  person_id integer NOT NULL REFERENCES people (id),
  product_id integer NOT NULL REFERENCES products (id),
  PRIMARY KEY (person_id, product_id)
);

-- foreign keys to unique keys that are not the primary key: single column and composite
CREATE TABLE countries (
  id integer PRIMARY KEY,
  iso_code char(2) NOT NULL UNIQUE,
  name text NOT NULL
);
CREATE TABLE cities (
  id integer PRIMARY KEY,
  name text NOT NULL,
  country_code char(2) NOT NULL REFERENCES countries (iso_code)
);
CREATE TABLE warehouses (
  id integer PRIMARY KEY,
  region text NOT NULL,
  code text NOT NULL,
  UNIQUE (region, code)
);
CREATE TABLE stock (
  id integer PRIMARY KEY,
  product_id integer NOT NULL REFERENCES products (id),
  region text NOT NULL,
  warehouse_code text NOT NULL,
  amount integer NOT NULL,
  FOREIGN KEY (region, warehouse_code) REFERENCES warehouses (region, code)
);

-- no primary key, several unique keys; foreign keys reference the second one
CREATE TABLE currencies (
  code char(3) NOT NULL UNIQUE,
  numeric_code integer NOT NULL UNIQUE,
  name text NOT NULL
);
CREATE TABLE prices (
  id integer PRIMARY KEY,
  product_id integer NOT NULL REFERENCES products (id),
  currency integer NOT NULL REFERENCES currencies (numeric_code),
  amount numeric(12, 2) NOT NULL
);

-- tables with no key at all, holding duplicate rows
CREATE TABLE event_log (
  happened_at timestamptz NOT NULL,
  level text NOT NULL,
  message text
);
CREATE TABLE page_views (
  path text,
  viewed_on date
);

-- table inheritance: the parent is read without its children's rows
CREATE TABLE vehicles (
  id integer PRIMARY KEY,
  name text NOT NULL
);
CREATE TABLE cars (
  doors integer NOT NULL
) INHERITS (vehicles);
ALTER TABLE cars ADD PRIMARY KEY (id);

-- a partitioned table stays folded into its parent
CREATE TABLE readings (
  id integer NOT NULL,
  taken_on date NOT NULL,
  value double precision,
  PRIMARY KEY (id, taken_on)
) PARTITION BY RANGE (taken_on);
CREATE TABLE readings_2023 PARTITION OF readings FOR VALUES FROM ('2023-01-01') TO ('2024-01-01');
CREATE TABLE readings_2024 PARTITION OF readings FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');

-- identifiers outside ASCII
CREATE TABLE "café" (
  id integer PRIMARY KEY,
  "prénom" text NOT NULL,
  "größe" integer
);
COMMENT ON COLUMN "café"."prénom" IS 'Vorname, prénom, 名';

-- a numeric key, referenced by values of other scales: 1.00 references 1.0, as PostgreSQL compares them
CREATE TABLE rates (
  rate numeric PRIMARY KEY,
  label text NOT NULL
);
CREATE TABLE rated (
  id integer PRIMARY KEY,
  rate numeric NOT NULL REFERENCES rates (rate)
);

-- a table whose namespace would be one that Datomic keeps for itself (:db)
CREATE TABLE dbs (
  id integer PRIMARY KEY,
  ident text NOT NULL
);

-- a timestamp key finer than Datomic's milliseconds: the rows of one millisecond would become one entity
CREATE TABLE ticks (
  at timestamptz PRIMARY KEY,
  note text
);

-- every value class: loads when Datomic can represent it, rejects its row with a reason when not
CREATE TABLE measurements (
  id integer PRIMARY KEY,
  taken date,
  at timestamp,
  at_zone timestamptz,
  amount numeric,
  note text,
  tags text[],
  grid integer[][]
);

\echo 'hard cases: values'
\ir hard-cases-values.sql
