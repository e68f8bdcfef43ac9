package io.datomize.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.datomize.catalog.EnumCandidate;
import io.datomize.jdbc.internal.EnumChecks;
import java.util.List;
import org.junit.jupiter.api.Test;

class EnumChecksTest {
  @Test
  void reads_varchar_lists_as_postgresql_prints_them() {
    assertThat(
            EnumChecks.parse(
                "CHECK (((status)::text = ANY ((ARRAY['new'::character varying, "
                    + "'it''s paid'::character varying])::text[])))"))
        .contains(EnumCandidate.of("status", List.of("new", "it's paid")));
  }

  @Test
  void reads_text_lists_and_quoted_column_names() {
    assertThat(EnumChecks.parse("CHECK ((\"Kind Of\" = ANY (ARRAY['a'::text, 'b'::text])))"))
        .contains(EnumCandidate.of("Kind Of", List.of("a", "b")));
  }

  @Test
  void reads_in_lists() {
    assertThat(EnumChecks.parse("CHECK (kind IN ('x', 'y'))"))
        .contains(EnumCandidate.of("kind", List.of("x", "y")));
  }

  @Test
  void reads_equalities_joined_by_or() {
    assertThat(
            EnumChecks.parse(
                "CHECK (((kind = 'x'::text) OR (kind = 'y'::text) OR (kind = 'z'::text)))"))
        .contains(EnumCandidate.of("kind", List.of("x", "y", "z")));
    assertThat(
            EnumChecks.parse("CHECK (((kind IN ('x', 'y')) OR (kind = ANY (ARRAY['z'::text]))))"))
        .contains(EnumCandidate.of("kind", List.of("x", "y", "z")));
  }

  @Test
  void folds_unquoted_names_and_reads_any_type_name_in_the_casts() {
    assertThat(
            EnumChecks.parse(
                "CHECK (((Status)::text = ANY ((ARRAY['a'::character varying(20), "
                    + "'b'::public.\"My Type\"])::text[])))"))
        .contains(EnumCandidate.of("status", List.of("a", "b")));
  }

  @Test
  void ignores_checks_that_do_more_than_list_values() {
    assertThat(EnumChecks.parse("CHECK (((a = 'x'::text) OR (b = 'y'::text)))")).isEmpty();
    assertThat(EnumChecks.parse("CHECK (((a = 'x'::text) AND (a <> 'y'::text)))")).isEmpty();
    assertThat(EnumChecks.parse("CHECK ((a <> ALL (ARRAY['x'::text])))")).isEmpty();
    assertThat(EnumChecks.parse("CHECK ((a = ANY (ARRAY['x'::text, NULL::text])))")).isEmpty();
    assertThat(EnumChecks.parse("CHECK ((a = ANY (ARRAY['x'::text]))) NO INHERIT")).isEmpty();
    assertThat(EnumChecks.parse("CHECK ((a = 'unclosed)")).isEmpty();
    assertThat(EnumChecks.parse("UNIQUE (a)")).isEmpty();
    assertThat(EnumChecks.parse("CHECK ((quantity > 0))")).isEmpty();
    assertThat(
            EnumChecks.parse(
                "CHECK (((code = ANY (ARRAY['x'::text, 'y'::text])) OR (code IS NULL)))"))
        .isEmpty();
    assertThat(EnumChecks.parse("CHECK ((lower(code) = ANY (ARRAY['x'::text])))")).isEmpty();
    assertThat(EnumChecks.parse("CHECK ((n = ANY (ARRAY[1, 2])))")).isEmpty();
    assertThat(EnumChecks.parse("CHECK ((a = ANY (ARRAY['x'::text]))) NOT VALID")).isEmpty();
  }
}
