package io.datomize.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.datomize.catalog.Column;
import io.datomize.catalog.TableName;
import io.datomize.jdbc.testing.EmbeddedPostgresServer;
import io.datomize.jdbc.testing.TestDatabase;
import io.datomize.spi.ChangeStream;
import io.datomize.spi.FollowRequest;
import io.datomize.spi.ReadRequest;
import io.datomize.spi.RowChange;
import io.datomize.spi.RowCursor;
import io.datomize.spi.RowSource;
import io.datomize.spi.SourceException;
import io.datomize.spi.SourceRow;
import io.datomize.spi.SourceTransaction;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FollowTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final TableName ITEM = TableName.of("public", "item");

  private TestDatabase db;
  private PostgresSource source;
  private final List<ChangeStream> opened = new ArrayList<>();

  @BeforeEach
  void createDatabase() {
    db = EmbeddedPostgresServer.freshDatabase("follow");
    db.execute(
        "create table item (id integer primary key, name text, note text)",
        "create table other (id integer primary key)");
    source = PostgresSource.builder().dataSource(db.dataSource()).build();
  }

  @AfterEach
  void dropSlots() {
    opened.forEach(ChangeStream::close);
    db.execute(
        "select pg_drop_replication_slot(slot_name) from pg_replication_slots"
            + " where database = current_database() and not active");
  }

  private ChangeStream open(TableName... tables) {
    return open(Optional.empty(), tables);
  }

  private ChangeStream open(Optional<Long> startAfter, TableName... tables) {
    FollowRequest.Builder request =
        FollowRequest.builder().slot(db.name()).publication("datomize").tables(List.of(tables));
    startAfter.ifPresent(request::startAfter);
    ChangeStream stream = source.open(request.build());
    opened.add(stream);
    return stream;
  }

  /** A stream of a new slot, its (empty) snapshot read. */
  private ChangeStream streaming(TableName... tables) {
    ChangeStream stream = open(tables);
    stream.snapshot().orElseThrow().close();
    return stream;
  }

  private static SourceTransaction take(ChangeStream stream) {
    return stream.next(WAIT).orElseThrow(() -> new AssertionError("no transaction in " + WAIT));
  }

  private static List<Object> values(Optional<SourceRow> row) {
    SourceRow r = row.orElseThrow();
    return IntStream.range(0, r.shape().columns().size()).mapToObj(r::get).toList();
  }

  private static List<Object> list(Object... values) {
    return Arrays.asList(values);
  }

  private static List<SourceRow> readAll(RowSource from, PostgresSource catalog, TableName table) {
    List<String> columns =
        catalog.readSchema().table(table).columns().stream().map(Column::name).toList();
    List<SourceRow> rows = new ArrayList<>();
    try (RowCursor cursor =
        from.read(
            ReadRequest.builder()
                .table(table)
                .columns(columns)
                .keyColumns(catalog.readSchema().table(table).primaryKey())
                .build())) {
      cursor.forEachRemaining(rows::add);
    }
    return rows;
  }

  @Test
  void the_snapshot_is_the_tables_as_the_slot_started_and_later_commits_stream() {
    db.execute("insert into item select g, 'n' || g from generate_series(1, 3) g");
    ChangeStream stream = open(ITEM);
    // committed while the snapshot is held, before it is read
    db.execute(
        "insert into item values (4, 'n4')", "update item set name = 'changed' where id = 1");

    RowSource snapshot = stream.snapshot().orElseThrow();
    assertThat(readAll(snapshot, source, ITEM))
        .extracting(r -> list(r.get("id"), r.get("name")))
        .containsExactly(list(1L, "n1"), list(2L, "n2"), list(3L, "n3"));
    assertThatThrownBy(() -> stream.next(Duration.ZERO))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("close it");
    snapshot.close();

    SourceTransaction insert = take(stream);
    SourceTransaction update = take(stream);
    assertThat(insert.changes())
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.kind()).isEqualTo(RowChange.Kind.INSERT);
              assertThat(values(c.newRow())).containsExactly(4L, "n4", null);
            });
    assertThat(values(update.changes().get(0).newRow())).containsExactly(1L, "changed", null);
    assertThat(insert.commitPosition()).isGreaterThan(stream.slotStart());
    assertThat(update.commitPosition()).isGreaterThan(insert.commitPosition());
    assertThat(stream.currentPosition()).isGreaterThanOrEqualTo(update.commitPosition());
  }

  @Test
  void
      inserts_updates_deletes_and_key_changes_stream_in_commit_order_and_other_tables_are_skipped() {
    ChangeStream stream = streaming(ITEM);
    db.execute(
        "begin; insert into item values (1, 'a', 'x'), (2, 'b', null); commit",
        "update item set name = null where id = 1",
        "update item set id = 3 where id = 2",
        "delete from item where id = 1",
        "insert into other values (1)",
        "insert into item values (10, 'marker', null)");

    SourceTransaction inserts = take(stream);
    assertThat(inserts.changes())
        .extracting(RowChange::kind, c -> values(c.newRow()))
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(RowChange.Kind.INSERT, list(1L, "a", "x")),
            org.assertj.core.groups.Tuple.tuple(RowChange.Kind.INSERT, list(2L, "b", null)));
    RowChange nulled = take(stream).changes().get(0);
    assertThat(nulled.kind()).isEqualTo(RowChange.Kind.UPDATE);
    assertThat(values(nulled.newRow())).containsExactly(1L, null, "x");
    assertThat(nulled.oldRow()).isEmpty();
    assertThat(nulled.newRow().orElseThrow().key().values()).containsExactly(1L);

    RowChange rekeyed = take(stream).changes().get(0);
    assertThat(values(rekeyed.oldRow())).containsExactly(2L, null, null);
    assertThat(values(rekeyed.newRow())).containsExactly(3L, "b", null);

    RowChange deleted = take(stream).changes().get(0);
    assertThat(deleted.kind()).isEqualTo(RowChange.Kind.DELETE);
    assertThat(values(deleted.oldRow())).containsExactly(1L, null, null);
    assertThat(deleted.newRow()).isEmpty();

    // the insert into the unfollowed table is not a transaction of the stream
    assertThat(values(take(stream).changes().get(0).newRow())).containsExactly(10L, "marker", null);
  }

  @Test
  void values_of_every_type_stream_as_reads_decode_them() {
    db.runResource("/io/datomize/jdbc/test-schema.sql");
    TableName everyType = TableName.of("public", "every_type");
    ChangeStream stream = streaming(everyType);
    db.execute(
        """
        insert into every_type values (1, 1, 2, 9000000000, default, 12.340, 'NaN', 1.5, 2.25, true, 'text',
          'varchar', 'ab', 'CiText', 'nm', '2024-02-29', '2024-03-01 10:15:30.123456', '2024-03-01 10:15:30+02',
          '13:45:00', '13:45:00+02', '1 year 2 mons 3 days 04:05:06', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11',
          '{"b": 1,  "a": [1,2]}', '{"b": 1,  "a": [1,2]}', '\\x00ff10', 'ok', 1999, 12.5, '{1,NULL,3}',
          '{"a b","c,d",NULL,"q\\"uote"}', '{2024-01-01,infinity}', '{sad,happy}', '{"2024-01-01 02:00:00+02"}',
          '{{1,2},{3,4}}', '192.168.0.1/24', 'a fat cat', 12.34)""",
        """
        insert into every_type (id, unbounded, r, d, day, ts, tstz, ints)
          values (2, '-Infinity', 'NaN', '-Infinity', '0044-03-15 BC', 'infinity', '-infinity', '{}')""",
        "insert into every_type (id) values (3)");
    Map<Object, SourceRow> read = new HashMap<>();
    readAll(source, source, everyType).forEach(r -> read.put(r.get("id"), r));
    for (int i = 0; i < 3; i++) {
      SourceRow streamed = take(stream).changes().get(0).newRow().orElseThrow();
      SourceRow expected = read.get(streamed.get("id"));
      assertThat(streamed.shape().columns()).isEqualTo(expected.shape().columns());
      assertThat(values(Optional.of(streamed)))
          .as("row %s", streamed.get("id"))
          .containsExactly(values(Optional.of(expected)).toArray());
    }
  }

  @Test
  void an_unchanged_out_of_line_value_is_reported_unchanged_not_null() {
    db.execute("alter table item alter column note set storage external");
    ChangeStream stream = streaming(ITEM);
    db.execute(
        "insert into item select 1, 'a', string_agg(md5(g::text), '') from generate_series(1, 400) g",
        "update item set name = 'b' where id = 1");
    RowChange insert = take(stream).changes().get(0);
    assertThat((String) insert.newRow().orElseThrow().get("note")).hasSize(400 * 32);
    assertThat(insert.unchangedColumns()).isEmpty();

    RowChange update = take(stream).changes().get(0);
    assertThat(update.unchangedColumns()).containsExactly("note");
    assertThat(values(update.newRow())).containsExactly(1L, "b", null);
  }

  @Test
  void a_reopened_stream_resumes_after_the_confirmed_transaction() {
    ChangeStream first = streaming(ITEM);
    db.execute(
        "insert into item values (1, 'one', null)", "insert into item values (2, 'two', null)");
    SourceTransaction one = take(first);
    SourceTransaction two = take(first);
    first.confirm(one.commitPosition());
    first.close();

    ChangeStream second = open(ITEM);
    assertThat(second.snapshot()).isEmpty();
    assertThat(second.slotStart()).isEqualTo(one.commitPosition());
    SourceTransaction again = take(second);
    assertThat(again.commitPosition()).isEqualTo(two.commitPosition());
    assertThat(values(again.changes().get(0).newRow())).containsExactly(2L, "two", null);
    second.close();

    // the target holding the second already: from there, whatever the slot confirmed
    ChangeStream third = open(Optional.of(two.commitPosition()), ITEM);
    db.execute("insert into item values (3, 'three', null)");
    assertThat(values(take(third).changes().get(0).newRow())).containsExactly(3L, "three", null);
  }

  @Test
  void dropping_the_slot_drops_it_and_the_publication() {
    ChangeStream stream = streaming(ITEM);
    db.execute("insert into item values (1, 'one', null)");
    stream.confirm(take(stream).commitPosition());
    String slotCount =
        "select count(*) from pg_replication_slots where slot_name = '" + db.name() + "'";
    assertThat(db.queryLong(slotCount)).isEqualTo(1);
    stream.dropSlot();
    assertThat(db.queryLong(slotCount)).isZero();
    assertThat(db.queryLong("select count(*) from pg_publication where pubname = 'datomize'"))
        .isZero();
  }

  @Test
  void a_keyless_table_of_full_identity_deletes_one_of_equal_rows_with_its_whole_row() {
    db.execute("create table dup (a integer, b text)", "alter table dup replica identity full");
    TableName dup = TableName.of("public", "dup");
    ChangeStream stream = streaming(dup);
    db.execute(
        "insert into dup values (1, 'x'), (1, 'x')",
        "delete from dup where ctid = (select min(ctid) from dup)");
    assertThat(take(stream).changes()).hasSize(2);
    RowChange deleted = take(stream).changes().get(0);
    assertThat(deleted.kind()).isEqualTo(RowChange.Kind.DELETE);
    List<Object> old = values(deleted.oldRow());
    assertThat(old.subList(0, 2)).containsExactly(1L, "x");
    // the content hash PostgreSQL gives the equal row left behind, as content-keyed reads compute
    // it
    assertThat(db.queryLong("select count(*) from dup d where md5(d::text) = '" + old.get(2) + "'"))
        .isEqualTo(1);
    assertThat(deleted.oldRow().orElseThrow().shape().keyColumns()).containsExactly("a", "b");
  }

  @Test
  void a_killed_replication_connection_fails_the_stream_and_a_reopen_continues() {
    ChangeStream stream = streaming(ITEM);
    db.execute("insert into item values (1, 'one', null)");
    stream.confirm(take(stream).commitPosition());
    db.execute("insert into item values (2, 'two', null)");
    SourceTransaction unconfirmed = take(stream);

    assertThat(
            db.queryLong(
                "select count(*) from pg_replication_slots s where slot_name = '"
                    + db.name()
                    + "' and pg_terminate_backend(s.active_pid, 30000)"))
        .isEqualTo(1);
    db.execute("insert into item values (3, 'three', null)");
    assertThatThrownBy(
            () -> {
              for (int i = 0; i < 10; i++) {
                stream.next(Duration.ofSeconds(3));
              }
            })
        .isInstanceOf(SourceException.class)
        .hasMessageContaining("open the stream again");

    ChangeStream reopened = open(ITEM);
    assertThat(take(reopened).commitPosition()).isEqualTo(unconfirmed.commitPosition());
    assertThat(values(take(reopened).changes().get(0).newRow())).containsExactly(3L, "three", null);
  }

  @Test
  void a_change_of_columns_or_a_truncate_stops_the_stream_saying_how_to_continue() {
    ChangeStream stream = streaming(ITEM);
    db.execute(
        "insert into item values (1, 'one', null)",
        "alter table item add column extra integer",
        "insert into item values (2, 'two', null, 7)");
    take(stream);
    assertThatThrownBy(() -> take(stream))
        .isInstanceOf(SourceException.class)
        .hasMessageContaining("columns of public.item changed")
        .hasMessageContaining("[id, name, note, extra]")
        .hasMessageContaining("adjust the mapping");

    db.execute("create table t (id integer primary key)");
    ChangeStream truncated =
        source.open(
            FollowRequest.builder()
                .slot(db.name() + "_t")
                .publication("t")
                .addTables(TableName.of("public", "t"))
                .build());
    opened.add(truncated);
    truncated.snapshot().orElseThrow().close();
    db.execute("insert into t values (1)", "truncate t");
    take(truncated);
    assertThatThrownBy(() -> take(truncated))
        .isInstanceOf(SourceException.class)
        .hasMessageContaining("public.t truncated");
  }

  @Test
  void a_replica_identity_without_the_old_row_columns_a_bridge_needs_is_reported_until_full() {
    db.execute(
        "create table pairs (a integer, b integer, primary key (a, b))",
        "create table numbered (id bigserial primary key, a integer not null, b integer not null,"
            + " unique (a, b))");
    TableName pairs = TableName.of("public", "pairs");
    TableName numbered = TableName.of("public", "numbered");
    FollowRequest request =
        FollowRequest.builder()
            .slot(db.name())
            .publication("datomize")
            .addTables(pairs, numbered)
            .putOldRowColumns(pairs, List.of("a", "b"))
            .putOldRowColumns(numbered, List.of("a", "b"))
            .build();

    assertThatThrownBy(() -> source.open(request))
        .isInstanceOf(SourceException.class)
        .hasMessageContaining(
            "public.numbered: the old row of an update or delete holds only its replica identity"
                + " [id], and following needs [a, b] in it too: ALTER TABLE \"public\".\"numbered\""
                + " REPLICA IDENTITY FULL")
        .hasMessageNotContaining("public.pairs");

    db.execute("alter table numbered replica identity full");
    ChangeStream stream = source.open(request);
    opened.add(stream);
    stream.snapshot().orElseThrow().close();
    db.execute("insert into numbered (a, b) values (1, 2)", "delete from numbered");
    take(stream);
    RowChange delete = take(stream).changes().get(0);
    assertThat(values(delete.oldRow())).containsExactly(1L, 1L, 2L);
  }

  @Test
  void missing_replica_identity_and_replication_privilege_are_reported_together() {
    db.execute(
        "create table loose (a integer)",
        "drop role if exists no_repl",
        "create role no_repl login",
        "grant all on schema public to no_repl");
    PostgresSource asUser =
        PostgresSource.builder().url(db.jdbcUrl().replaceAll("user=[^&]*", "user=no_repl")).build();
    assertThatThrownBy(
            () ->
                asUser.open(
                    FollowRequest.builder()
                        .slot(db.name())
                        .publication("p")
                        .addTables(TableName.of("public", "loose"), ITEM)
                        .build()))
        .isInstanceOf(SourceException.class)
        .hasMessageContaining("user no_repl may not replicate")
        .hasMessageContaining("ALTER ROLE \"no_repl\" REPLICATION")
        .hasMessageContaining("public.loose has no replica identity")
        .hasMessageContaining("ALTER TABLE \"public\".\"loose\" REPLICA IDENTITY FULL")
        .hasMessageNotContaining("public.item");
  }

  @Test
  void a_server_without_logical_decoding_is_reported_with_the_way_to_enable_it() {
    try (EmbeddedPostgresServer plain = EmbeddedPostgresServer.start(false)) {
      PostgresSource onPlain = PostgresSource.builder().dataSource(plain.dataSource()).build();
      assertThatThrownBy(
              () ->
                  onPlain.open(
                      FollowRequest.builder()
                          .slot("s")
                          .publication("p")
                          .addTables(TableName.of("public", "nothing"))
                          .build()))
          .isInstanceOf(SourceException.class)
          .hasMessageContaining("wal_level is replica, it must be logical")
          .hasMessageContaining("restart")
          .hasMessageContaining("there is no table public.nothing");
    }
  }
}
