package io.datomize.examples.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.datomize.jdbc.testing.EmbeddedPostgresServer;
import io.datomize.jdbc.testing.TestDatabase;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqlScriptTest {
  private static TestDatabase db;

  @BeforeAll
  static void createDatabase() {
    db = EmbeddedPostgresServer.freshDatabase("script");
  }

  private static List<String> strings(String database, String sql) {
    List<String> values = new ArrayList<>();
    try (Connection c = db.dataSource(database).getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        values.add(rs.getString(1));
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return values;
  }

  private static SqlScript.Connector connector() {
    return database -> db.dataSource(database).getConnection();
  }

  private static ScriptResult run(String script) {
    return SqlScript.run(
        new ByteArrayInputStream(script.getBytes(StandardCharsets.UTF_8)),
        "inline script",
        db.name(),
        connector());
  }

  private static List<String> strings(String sql) {
    return strings(db.name(), sql);
  }

  @Test
  void splits_on_semicolons_outside_strings_comments_quotes_and_parentheses() {
    ScriptResult result =
        run(
            """
        -- a comment; with a semicolon
        create table split_me ("odd;name" text, v text); /* block; comment /* nested; */ still comment; */
        insert into split_me values ('a;b', 'it''s; here'), (E'c\\';d', 'x');
        insert into split_me values ('multi
        line;', (select 'sub;query'));
        create rule no_delete as on delete to split_me do instead (select 1; select 2);
        """);
    assertThat(result.statements()).isEqualTo(4);
    assertThat(strings("select \"odd;name\" || '|' || v from split_me order by 1"))
        .containsExactly("a;b|it's; here", "c';d|x", "multi\nline;|sub;query");
  }

  @Test
  void keeps_dollar_quoted_bodies_whole() {
    run(
        """
        create function twice(i integer) returns integer language plpgsql as $$
        begin
          return i * 2; -- semicolons; everywhere;
        end $$;
        create function quoted() returns text language sql as $body$ select 'a $$ b; c'::text $body$;
        select twice(1);
        """);
    assertThat(strings("select twice(21)::text || quoted()")).containsExactly("42a $$ b; c");
  }

  @Test
  void loads_copy_blocks_through_the_copy_api() {
    ScriptResult result =
        run(
            """
        create table copied (id integer primary key, name text, note text);
        COPY public.copied (id, name, note) FROM stdin;
        1\tone\t\\N
        2\ttab\\there\tsemi;colon
        \\.
        insert into copied values (3, 'after', null);
        """);
    assertThat(result.copiedRows()).isEqualTo(2);
    assertThat(
            strings(
                "select id || ':' || name || ':' || coalesce(note, 'null') from copied order by id"))
        .containsExactly("1:one:null", "2:tab\there:semi;colon", "3:after:null");
  }

  @Test
  void switches_database_on_backslash_c() {
    ScriptResult result =
        run(
            """
        drop database if exists script_other;
        create database script_other;
        \\c script_other;
        create table here (v text);
        insert into here values ('in other');
        """);
    assertThat(result.database()).isEqualTo("script_other");
    assertThat(strings("script_other", "select v from here")).containsExactly("in other");
  }

  @Test
  void a_connector_for_a_jdbc_url_reaches_the_other_databases_of_that_server() {
    String script =
        "drop database if exists script_by_url;\ncreate database script_by_url;\n\\c script_by_url\n"
            + "create table here (v text);\ninsert into here values ('by url');\n";
    ScriptResult result =
        SqlScript.run(
            new ByteArrayInputStream(script.getBytes(StandardCharsets.UTF_8)),
            "url.sql",
            db.name(),
            SqlScript.Connector.sameServerAs(db.jdbcUrl(), EmbeddedPostgresServer.USER, null));
    assertThat(result.database()).isEqualTo("script_by_url");
    assertThat(strings("script_by_url", "select v from here")).containsExactly("by url");
  }

  @Test
  void decodes_the_rest_of_the_file_in_the_declared_client_encoding() {
    ByteArrayOutputStream script = new ByteArrayOutputStream();
    script.writeBytes(
        "create table accents (v text);\nSET client_encoding = 'LATIN1';\n"
            .getBytes(StandardCharsets.UTF_8));
    script.writeBytes(
        "insert into accents values ('caf\u00e9');\nCOPY accents (v) FROM stdin;\n\u00fcber\n\\.\n"
            .getBytes(StandardCharsets.ISO_8859_1));
    SqlScript.run(
        new ByteArrayInputStream(script.toByteArray()), "latin1.sql", db.name(), connector());
    assertThat(strings("select v from accents order by v"))
        .containsExactly("caf\u00e9", "\u00fcber");
  }

  @Test
  void runs_explicit_transactions() {
    run(
        """
        create table tx (v integer);
        BEGIN;
        insert into tx values (1);
        ROLLBACK;
        BEGIN;
        insert into tx values (2);
        COMMIT;
        """);
    assertThat(strings("select v::text from tx")).containsExactly("2");
  }

  @Test
  void refuses_other_meta_commands_naming_the_line() {
    assertThatThrownBy(() -> run("select 1;\n\n\\copy t from 'data.csv'\nselect 2;\n"))
        .isInstanceOf(SqlScriptException.class)
        .hasMessageContaining("inline script:3")
        .hasMessageContaining("\\copy is not supported")
        .satisfies(e -> assertThat(((SqlScriptException) e).line()).isEqualTo(3));
  }

  @Test
  void refuses_connecting_with_user_or_host() {
    assertThatThrownBy(() -> run("\\c otherdb someone localhost\n"))
        .isInstanceOf(SqlScriptException.class)
        .hasMessageContaining("inline script:1")
        .hasMessageContaining("only \\c <database> is supported");
  }

  @Test
  void a_failing_statement_stops_the_script_naming_its_line_and_the_server_reason() {
    assertThatThrownBy(
            () ->
                run(
                    "create table fails (v integer);\n\ninsert into fails\n values ('x');\n"
                        + "insert into fails values (1);"))
        .isInstanceOf(SqlScriptException.class)
        .hasMessageContaining("inline script:3")
        .hasMessageContaining("invalid input syntax for type integer");
    assertThat(strings("select count(*)::text from fails")).containsExactly("0");
  }

  @Test
  void a_copy_without_its_end_marker_is_an_error() {
    assertThatThrownBy(
            () -> run("create table open_copy (v text);\nCOPY open_copy FROM stdin;\na\nb\n"))
        .isInstanceOf(SqlScriptException.class)
        .hasMessageContaining("inline script:2")
        .hasMessageContaining("not ended by a line \\.");
  }

  @Test
  void bad_copy_data_names_the_copy_statement() {
    assertThatThrownBy(
            () -> run("create table bad_copy (v integer);\nCOPY bad_copy FROM stdin;\nnope\n\\.\n"))
        .isInstanceOf(SqlScriptException.class)
        .hasMessageContaining("inline script:2")
        .hasMessageContaining("invalid input syntax for type integer");
  }

  @Test
  void an_unterminated_string_is_an_error_naming_where_it_starts() {
    assertThatThrownBy(() -> run("select 1;\nselect 'open\n;\n"))
        .isInstanceOf(SqlScriptException.class)
        .hasMessageContaining("inline script:2")
        .hasMessageContaining("unterminated string literal");
  }

  @Test
  void runs_a_last_statement_without_semicolon_as_psql_does() {
    run("create table last_one (v integer);\ninsert into last_one values (7)");
    assertThat(strings("select v::text from last_one")).containsExactly("7");
  }

  @Test
  void runs_included_files_relative_to_the_including_script_or_as_given(@TempDir Path dir)
      throws IOException {
    Path sub = Files.createDirectories(dir.resolve("sub"));
    Files.createDirectories(sub.resolve("deeper"));
    Files.writeString(dir.resolve("two.sql"), "insert into included (v) values ('two');\n");
    Files.writeString(
        sub.resolve("deeper/three.sql"), "insert into included (v) values ('three');\n");
    Files.writeString(
        sub.resolve("one.sql"),
        "insert into included (v) values ('one');\n\\ir deeper/three.sql\n");
    Path main = dir.resolve("main.sql");
    Files.writeString(
        main,
        "create table included (n serial, v text);\n\\ir sub/one.sql\n\\i '"
            + dir.resolve("two.sql").toAbsolutePath()
            + "'\ninsert into included (v) values ('main');\n");

    ScriptResult result = SqlScript.run(main, db.name(), connector());

    assertThat(strings("select v from included order by n"))
        .containsExactly("one", "three", "two", "main");
    assertThat(result.statements()).isEqualTo(5);
    assertThat(result.notes()).isEmpty();
  }

  @Test
  void a_missing_included_file_is_an_error_naming_the_including_file_and_line(@TempDir Path dir)
      throws IOException {
    Files.writeString(dir.resolve("one.sql"), "select 1;\n\n\\ir missing.sql\n");
    Path main = dir.resolve("main.sql");
    Files.writeString(main, "select 1;\n\\ir one.sql\n");

    assertThatThrownBy(() -> SqlScript.run(main, db.name(), connector()))
        .isInstanceOf(SqlScriptException.class)
        .hasMessageContaining(
            dir.resolve("one.sql")
                + ":3: \\ir missing.sql: there is no file "
                + dir.resolve("missing.sql"))
        .satisfies(e -> assertThat(((SqlScriptException) e).line()).isEqualTo(3));
  }

  @Test
  void a_script_that_includes_itself_stops_with_an_error(@TempDir Path dir) throws IOException {
    Path self = dir.resolve("self.sql");
    Files.writeString(self, "select 1;\n\\ir self.sql\n");

    assertThatThrownBy(() -> SqlScript.run(self, db.name(), connector()))
        .isInstanceOf(SqlScriptException.class)
        .hasMessageContaining("includes nest more than 16 deep");
  }

  @Test
  void skips_meta_commands_that_only_change_psql_output_or_variables_with_a_note() {
    ScriptResult result =
        run(
            """
        \\echo loading the data
        \\set ON_ERROR_STOP on
        create table skipped_around (v integer);
        \\pset pager off
        \\timing
        insert into skipped_around values (1);
        """);

    assertThat(strings("select v::text from skipped_around")).containsExactly("1");
    assertThat(result.notes())
        .containsExactly(
            "inline script:1: skipped \\echo loading the data, which only changes psql's output or variables",
            "inline script:2: skipped \\set ON_ERROR_STOP on, which only changes psql's output or variables",
            "inline script:4: skipped \\pset pager off, which only changes psql's output or variables",
            "inline script:5: skipped \\timing, which only changes psql's output or variables");
  }
}
