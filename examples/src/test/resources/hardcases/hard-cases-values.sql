-- The rows of hard-cases.sql, included with \ir.
INSERT INTO categories VALUES (1, 'Books', 'Printed and bound'), (2, 'Music', NULL), (3, 'Games', 'Board and video');
INSERT INTO people VALUES (1, 'Ada Lovelace', 'happy'), (2, 'Alan Turing', NULL), (3, 'Grace Hopper', 'so-so');
INSERT INTO products VALUES (1, 'SICP', 1, 45.00), (2, 'Kind of Blue', 2, 12.50), (3, 'Go board', 3, 80.00),
  (4, 'TAOCP', 1, 190.99);
INSERT INTO orders VALUES (1, 1, '2024-03-01 10:00:00+00'), (2, 2, '2024-03-02 11:30:00+00');
INSERT INTO product_tags VALUES (1, 1), (1, 3), (2, 2), (4, 1);
INSERT INTO people_favourites (person_id, product_id) VALUES (1, 1), (1, 4), (3, 3);
INSERT INTO people_groups (person_id, category_id) VALUES (1, 1), (1, 2), (3, 2);
INSERT INTO order_details VALUES (1, 1, 2, 45.00, 0), (1, 4, 1, 190.99, 0.1), (2, 2, 3, 12.50, 0);
INSERT INTO assignments VALUES (1, 1, '2020-01-01', NULL), (2, 3, '2019-05-01', '2021-12-31');
INSERT INTO likes VALUES (1, 2), (2, 2), (3, 1);
INSERT INTO wishes VALUES (1, 3), (2, 4);
INSERT INTO countries VALUES (1, 'FR', 'France'), (2, 'JP', 'Japan');
INSERT INTO cities VALUES (1, 'Lyon', 'FR'), (2, 'Osaka', 'JP'), (3, 'Paris', 'FR');
INSERT INTO warehouses VALUES (1, 'eu', 'A1'), (2, 'eu', 'B2'), (3, 'asia', 'A1');
INSERT INTO stock VALUES (1, 1, 'eu', 'A1', 10), (2, 1, 'asia', 'A1', 4), (3, 3, 'eu', 'B2', 7);
INSERT INTO currencies VALUES ('EUR', 978, 'Euro'), ('JPY', 392, 'Yen'), ('USD', 840, 'US Dollar');
INSERT INTO prices VALUES (1, 1, 978, 45.00), (2, 1, 392, 6500), (3, 2, 840, 13.99);
INSERT INTO event_log VALUES
  ('2024-01-01 00:00:00+00', 'info', 'started'),
  ('2024-01-01 00:00:00+00', 'info', 'started'),
  ('2024-01-01 00:00:00+00', 'info', 'started'),
  ('2024-01-01 00:00:01+00', 'warn', NULL),
  ('2024-01-01 00:00:01+00', 'warn', NULL),
  ('2024-01-01 00:00:02+00', 'error', 'disk full');
INSERT INTO page_views VALUES ('/', '2024-01-01'), ('/', '2024-01-01'), (NULL, NULL), (NULL, NULL), ('/about', NULL);
INSERT INTO vehicles VALUES (1, 'bicycle'), (2, 'tram');
INSERT INTO cars VALUES (3, 'hatchback', 5), (4, 'coupé', 3);
INSERT INTO readings VALUES (1, '2023-06-01', 1.5), (2, '2024-02-01', 2.5), (3, '2024-07-01', NULL);
INSERT INTO "café" VALUES (1, 'Zoë', 38), (2, 'Jürgen', NULL), (3, '名', 40);
INSERT INTO rates VALUES (1.0, 'one'), (2.50, 'two and a half');
INSERT INTO rated VALUES (1, 1.00), (2, 1), (3, 2.5), (4, 2.500);
INSERT INTO dbs VALUES (1, 'main'), (2, 'replica');
-- the second row is rejected: its key meets the first's in the same millisecond
INSERT INTO ticks VALUES ('2024-01-01 00:00:00.123456+00', 'first'), ('2024-01-01 00:00:00.123789+00', 'same millisecond'),
  ('2024-01-01 00:00:00.124+00', 'next');

-- rows 1 to 6 and 10 load; rows 7, 8, 9, 11, 12 and 13 cannot be represented in Datomic and are rejected
INSERT INTO measurements VALUES
  (1, '2024-02-29', '2024-02-29 12:34:56.789', '2024-02-29 12:34:56.789+00', 3.14, 'plain', '{a,b}', '{{1,2},{3,4}}'),
  (2, '0044-03-15 BC', '0044-03-15 12:00:00 BC', '4713-01-01 00:00:00+00 BC', -0.5, 'before Christ', '{}', NULL),
  (3, '12000-06-01', '12000-06-01 08:00:00', '275000-01-01 12:00:00+00', 0, 'far future', NULL, '{{{1}},{{2}}}'),
  (4, NULL, NULL, NULL,
     ('1' || repeat('0', 998) || '.' || repeat('9', 500))::numeric, repeat('long text ', 200000), '{x}', NULL),
  (5, '1970-01-01', '1970-01-01 00:00:00', '1970-01-01 00:00:00+00', 1e-300, NULL, NULL, NULL),
  (6, NULL, NULL, NULL, NULL, NULL, NULL, '{}'),
  (7, 'infinity', NULL, NULL, 1, 'date infinity', NULL, NULL),
  (8, NULL, '-infinity', 'infinity', 1, 'timestamp infinities', NULL, NULL),
  (9, NULL, NULL, NULL, 'NaN', 'numeric NaN', NULL, NULL),
  (10, NULL, NULL, NULL, 2, 'null array', NULL, NULL),
  (11, NULL, NULL, NULL, 3, 'null element', '{a,NULL,c}', NULL),
  (12, '-infinity', NULL, NULL, 'Infinity', 'two bad columns', NULL, NULL),
  (13, NULL, NULL, NULL, 4, 'two dimensions in a one-dimension column', '{{a,b},{c,d}}', NULL);
