package io.datomize.internal.convert;

import static io.datomize.testing.Fixtures.attribute;
import static io.datomize.testing.Fixtures.entity;
import static io.datomize.testing.Fixtures.name;
import static io.datomize.testing.Fixtures.ref;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.datomize.model.AttributeMapping;
import io.datomize.model.BridgeMapping;
import io.datomize.model.Converters;
import io.datomize.model.EntityMapping;
import io.datomize.model.EnumMapping;
import io.datomize.model.Mapping;
import io.datomize.model.MappingOptions;
import io.datomize.model.NullPolicy;
import io.datomize.model.RefMapping;
import io.datomize.plan.Plan;
import io.datomize.plan.Planner;
import io.datomize.report.RowError;
import io.datomize.spi.RowKey;
import io.datomize.spi.RowShape;
import io.datomize.spi.SourceRow;
import io.datomize.spi.TxEntity;
import io.datomize.spi.UnreadableValue;
import io.datomize.target.Attribute;
import io.datomize.target.Cardinality;
import io.datomize.target.EnumIdent;
import io.datomize.target.LookupRef;
import io.datomize.target.Tuple;
import io.datomize.target.Uniqueness;
import io.datomize.target.ValueType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RowConverterTest {
  private static final Instant RUN_START = Instant.parse("2024-05-01T10:00:00Z");
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  private static final ConversionContext CONTEXT = new ConversionContext(RUN_START, BERLIN);
  private static final Attribute USER_ID = Attribute.of("user", "id");

  // ---- identity

  @Test
  void identifies_the_entity_by_its_key_as_a_long() {
    TxEntity user =
        convertOne(attribute("name", ":user/name", ValueType.STRING).build(), "ann").entity();

    assertThat(user.identity()).isEqualTo(LookupRef.of(USER_ID, 7L));
    assertThat(user.sourceKey()).isEqualTo(RowKey.of(7));
  }

  @Test
  void identifies_an_entity_with_a_composite_key_by_a_tuple() {
    EntityMapping order = entity("orders", "order", List.of("shop", "no")).build();
    RowConverter converter =
        RowConverters.load(order, Mapping.builder().addEntities(order).build(), Set.of(), CONTEXT);

    TxEntity converted =
        converter.convert(row("orders", List.of("shop", "no"), "shop", 3, "no", 41L)).entity();

    assertThat(converted.identity())
        .isEqualTo(LookupRef.of(Attribute.of("order", "id"), Tuple.of(3L, 41L)));
  }

  // ---- coercion of each Java type

  @Test
  void widens_integers_to_long() {
    assertThat(valueOf(attribute("age", ":user/age", ValueType.LONG).build(), (short) 42))
        .isEqualTo(42L);
    assertThat(valueOf(attribute("age", ":user/age", ValueType.LONG).build(), 42)).isEqualTo(42L);
    assertThat(valueOf(attribute("age", ":user/age", ValueType.LONG).build(), 42L)).isEqualTo(42L);
  }

  @Test
  void keeps_big_numbers_exact() {
    assertThat(valueOf(attribute("n", ":user/n", ValueType.BIGINT).build(), 5))
        .isEqualTo(BigInteger.valueOf(5));
    assertThat(
            valueOf(
                attribute("price", ":user/price", ValueType.BIGDEC).build(),
                new BigDecimal("10.50")))
        .isEqualTo(new BigDecimal("10.50"));
  }

  @Test
  void keeps_floating_point_values_as_the_source_shows_them() {
    assertThat(valueOf(attribute("score", ":user/score", ValueType.DOUBLE).build(), 0.1f))
        .isEqualTo(0.1d);
    assertThat(valueOf(attribute("score", ":user/score", ValueType.DOUBLE).build(), 2.5d))
        .isEqualTo(2.5d);
    assertThat(valueOf(attribute("ratio", ":user/ratio", ValueType.FLOAT).build(), 0.25d))
        .isEqualTo(0.25f);
    assertThat(valueOf(attribute("ratio", ":user/ratio", ValueType.FLOAT).build(), 0.5f))
        .isEqualTo(0.5f);
  }

  @Test
  void loads_non_finite_numbers_only_when_the_mapping_allows_them() {
    AttributeMapping score = attribute("score", ":user/score", ValueType.DOUBLE).build();
    MappingOptions allow = MappingOptions.builder().allowNonFiniteNumbers(true).build();

    assertThat(convertOne(score, Double.NaN).error().reason()).contains("allowNonFiniteNumbers");
    assertThat(convertOne(score, Float.POSITIVE_INFINITY).error().value()).contains("Infinity");
    assertThat(convertOne(score, Double.NaN, allow).entity().valueOf(score.attribute()))
        .isEqualTo(Double.NaN);
  }

  @Test
  void refuses_a_double_beyond_the_range_of_float() {
    RowError error =
        convertOne(attribute("ratio", ":user/ratio", ValueType.FLOAT).build(), 1e300).error();

    assertThat(error.reason()).contains("out of the range of :db.type/float");
  }

  @Test
  void passes_booleans_strings_uuids_uris_and_bytes_through() {
    UUID uuid = UUID.randomUUID();
    byte[] bytes = {1, 2, 3};
    assertThat(valueOf(attribute("active", ":user/active", ValueType.BOOLEAN).build(), true))
        .isEqualTo(true);
    assertThat(valueOf(attribute("name", ":user/name", ValueType.STRING).build(), "ann"))
        .isEqualTo("ann");
    assertThat(valueOf(attribute("prefs", ":user/prefs", ValueType.STRING).build(), "{\"a\": 1}"))
        .isEqualTo("{\"a\": 1}");
    assertThat(valueOf(attribute("token", ":user/token", ValueType.UUID).build(), uuid))
        .isEqualTo(uuid);
    assertThat(
            valueOf(
                attribute("site", ":user/site", ValueType.URI).build(), URI.create("https://a.b")))
        .isEqualTo(URI.create("https://a.b"));
    assertThat(valueOf(attribute("avatar", ":user/avatar", ValueType.BYTES).build(), bytes))
        .isEqualTo(bytes);
  }

  @Test
  void reads_dates_and_local_timestamps_in_the_mapping_zone() {
    AttributeMapping at = attribute("at", ":user/at", ValueType.INSTANT).build();

    assertThat(valueOf(at, LocalDate.parse("2024-01-15")))
        .isEqualTo(Instant.parse("2024-01-14T23:00:00Z"));
    assertThat(valueOf(at, LocalDateTime.parse("2024-07-15T12:00:00")))
        .isEqualTo(Instant.parse("2024-07-15T10:00:00Z"));
    assertThat(valueOf(at, OffsetDateTime.parse("2024-01-15T12:00:00+05:00")))
        .isEqualTo(Instant.parse("2024-01-15T07:00:00Z"));
    assertThat(valueOf(at, Instant.parse("2024-01-15T12:00:00Z")))
        .isEqualTo(Instant.parse("2024-01-15T12:00:00Z"));
  }

  @Test
  void drops_the_digits_finer_than_a_millisecond_that_a_datomic_instant_cannot_hold() {
    AttributeMapping at = attribute("at", ":user/at", ValueType.INSTANT).build();

    assertThat(valueOf(at, Instant.parse("2022-01-23T13:03:52.212496Z")))
        .isEqualTo(Instant.parse("2022-01-23T13:03:52.212Z"));
    assertThat(valueOf(at, LocalDateTime.parse("2024-07-15T12:00:00.999999")))
        .isEqualTo(Instant.parse("2024-07-15T10:00:00.999Z"));
    assertThat(valueOf(at, Instant.parse("1960-01-01T00:00:00.0005Z")))
        .isEqualTo(Instant.parse("1960-01-01T00:00:00Z"));
  }

  @Test
  void turns_an_array_into_a_many_value() {
    AttributeMapping scores =
        attribute("scores", ":user/scores", ValueType.LONG).cardinality(Cardinality.MANY).build();

    assertThat(valueOf(scores, List.of(1, 2, 2))).isEqualTo(List.of(1L, 2L, 2L));
    assertThat(convertOne(scores, List.of()).entity().valueOf(scores.attribute())).isNull();
  }

  @Test
  void refuses_a_null_array_element_naming_its_index() {
    AttributeMapping tags =
        attribute("tags", ":user/tags", ValueType.STRING).cardinality(Cardinality.MANY).build();

    RowError error = convertOne(tags, Arrays.asList("a", null)).error();

    assertThat(error.column()).contains("tags");
    assertThat(error.reason()).contains("array element 1 is null");
  }

  @Test
  void refuses_an_array_for_a_single_value_and_a_single_value_for_a_many_attribute() {
    assertThat(
            convertOne(attribute("name", ":user/name", ValueType.STRING).build(), List.of("a"))
                .error()
                .reason())
        .contains("map the column as cardinality-many");
    assertThat(
            convertOne(
                    attribute("tags", ":user/tags", ValueType.STRING)
                        .cardinality(Cardinality.MANY)
                        .build(),
                    "a")
                .error()
                .reason())
        .contains("takes an array");
  }

  // ---- values Datomic can hold, however far out

  @Test
  void loads_dates_and_timestamps_before_christ_and_after_9999_as_instants_in_the_mapping_zone() {
    AttributeMapping born = attribute("born", ":user/born", ValueType.INSTANT).build();
    LocalDate idesOfMarch =
        LocalDate.of(-43, 3, 15); // 44 BC, in the proleptic calendar PostgreSQL uses too
    LocalDateTime farOff = LocalDateTime.of(12_000, 6, 1, 12, 30, 15, 123_456_789);

    Instant bc = (Instant) valueOf(born, idesOfMarch);
    Instant future = (Instant) valueOf(born, farOff);

    // Berlin's zone rules still apply: before 1893 its offset is local mean time, +00:53:28
    assertThat(bc).isEqualTo(Instant.parse("-0043-03-14T23:06:32Z"));
    assertThat(future).isEqualTo(Instant.parse("+12000-06-01T10:30:15.123Z"));
    assertThat(java.util.Date.from(bc).toInstant()).isEqualTo(bc);
    assertThat(java.util.Date.from(future).toInstant()).isEqualTo(future);
    assertThat(valueOf(born, Instant.parse("-4712-01-01T00:00:00Z")))
        .isEqualTo(Instant.parse("-4712-01-01T00:00:00Z"));
  }

  @Test
  void keeps_numbers_of_any_precision_and_strings_of_any_length() {
    BigDecimal huge = new BigDecimal("9".repeat(1000) + "." + "1".repeat(1000));
    String long_ = "x".repeat(1_000_000);

    assertThat(valueOf(attribute("n", ":user/n", ValueType.BIGDEC).build(), huge)).isEqualTo(huge);
    assertThat(valueOf(attribute("bio", ":user/bio", ValueType.STRING).build(), long_))
        .isEqualTo(long_);
  }

  // ---- values Datomic cannot hold reject the row with the way out

  @Test
  void refuses_infinite_dates_and_timestamps_unless_the_mapping_maps_them_to_instants() {
    AttributeMapping seen = attribute("seen", ":user/seen", ValueType.INSTANT).build();
    Instant never = Instant.parse("9999-12-31T23:59:59Z");
    Instant always = Instant.parse("0001-01-01T00:00:00Z");
    MappingOptions mapped =
        MappingOptions.builder().negativeInfinity(always).positiveInfinity(never).build();

    for (Object infinite : List.of(LocalDate.MAX, LocalDateTime.MAX, Instant.MAX)) {
      RowError error = convertOne(seen, infinite).error();
      assertThat(error.value()).contains("infinity");
      assertThat(error.reason()).contains("no infinity", ".infinityAs(negative, positive)");
      assertThat(convertOne(seen, infinite, mapped).entity().valueOf(seen.attribute()))
          .isEqualTo(never);
    }
    for (Object infinite : List.of(LocalDate.MIN, LocalDateTime.MIN, Instant.MIN)) {
      assertThat(convertOne(seen, infinite).error().value()).contains("-infinity");
      assertThat(convertOne(seen, infinite, mapped).entity().valueOf(seen.attribute()))
          .isEqualTo(always);
    }
  }

  @Test
  void refuses_nan_and_infinity_in_a_bigdec_attribute_whatever_non_finite_numbers_allow() {
    AttributeMapping amount = attribute("amount", ":user/amount", ValueType.BIGDEC).build();
    MappingOptions allow = MappingOptions.builder().allowNonFiniteNumbers(true).build();

    for (double nonFinite :
        new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
      RowError error = convertOne(amount, nonFinite, allow).error();
      assertThat(error.value()).contains(Double.toString(nonFinite));
      assertThat(error.reason()).contains("no NaN or infinity", "Converters.toText()");
    }
  }

  @Test
  void drops_null_array_elements_only_when_the_mapping_says_so() {
    AttributeMapping tags =
        attribute("tags", ":user/tags", ValueType.STRING).cardinality(Cardinality.MANY).build();
    MappingOptions drop = MappingOptions.builder().dropNullArrayElements(true).build();

    assertThat(convertOne(tags, Arrays.asList("a", null)).error().reason())
        .contains(".dropNullArrayElements()");
    assertThat(
            convertOne(tags, Arrays.asList("a", null, "b"), drop)
                .entity()
                .valueOf(tags.attribute()))
        .isEqualTo(List.of("a", "b"));
    assertThat(convertOne(tags, Arrays.asList(null, null), drop).entity().valueOf(tags.attribute()))
        .isNull();
  }

  @Test
  void refuses_a_multidimensional_value_in_a_one_dimensional_column() {
    AttributeMapping scores =
        attribute("scores", ":user/scores", ValueType.LONG).cardinality(Cardinality.MANY).build();

    RowError error = convertOne(scores, List.of(List.of(1L, 2L), List.of(3L, 4L))).error();

    assertThat(error.column()).contains("scores");
    assertThat(error.value()).contains("[[1, 2], [3, 4]]");
    assertThat(error.reason()).contains("element 0 is itself an array", "integer[][]", "JSON text");
  }

  @Test
  void carries_a_multidimensional_array_as_json_text() {
    AttributeMapping grid =
        attribute("grid", ":user/grid", ValueType.STRING)
            .converter(Converters.arrayToJson())
            .build();

    assertThat(valueOf(grid, List.of(List.of(1L, 2L), Arrays.asList(3L, null))))
        .isEqualTo("[[1,2],[3,null]]");
    assertThat(
            valueOf(
                grid,
                List.of(List.of("a \"q\"", "\\"), List.of(new BigDecimal("1.50"), 0.1f, true))))
        .isEqualTo("[[\"a \\\"q\\\"\",\"\\\\\"],[1.50,0.1,true]]");
    assertThat(
            valueOf(
                grid,
                List.of(
                    List.of(LocalDate.of(2024, 2, 29), LocalDate.MAX),
                    List.of(new byte[] {1, -1}))))
        .isEqualTo("[[\"2024-02-29\",\"infinity\"],[\"\\\\x01ff\"]]");
    assertThat(convertOne(grid, List.of(List.of(Double.NaN))).error().reason())
        .contains("converter array->json failed", "NaN has no JSON number");
  }

  @Test
  void refuses_a_value_the_reader_could_not_decode_with_its_reason() {
    UnreadableValue odd =
        UnreadableValue.of("0003-02-30 BC", "not a date; fix the value in the source");
    AttributeMapping born =
        attribute("born", ":user/born", ValueType.INSTANT)
            .converter(Converters.custom("anything", ValueType.INSTANT, v -> Instant.EPOCH))
            .build();
    AttributeMapping tags =
        attribute("tags", ":user/tags", ValueType.STRING).cardinality(Cardinality.MANY).build();

    RowError error = convertOne(born, odd).error();
    RowError element = convertOne(tags, List.of("a", odd)).error();

    assertThat(error.message())
        .isEqualTo(
            "public.users (id=7) column born, value '0003-02-30 BC': the source value"
                + " cannot be read: not a date; fix the value in the source");
    assertThat(element.reason()).contains("not a date");
  }

  // ---- a row with several bad columns

  @Test
  void names_every_bad_column_of_a_row_in_its_error() {
    AttributeMapping name =
        attribute("name", ":user/name", ValueType.STRING).nullPolicy(NullPolicy.required()).build();
    AttributeMapping score = attribute("score", ":user/score", ValueType.DOUBLE).build();
    AttributeMapping seen = attribute("seen", ":user/seen", ValueType.INSTANT).build();
    EntityMapping users =
        entity("users", "user", List.of("id")).addAttributes(name, score, seen).build();
    RowConverter converter =
        RowConverters.load(users, Mapping.builder().addEntities(users).build(), Set.of(), CONTEXT);

    RowError error =
        converter
            .convert(
                row(
                    "users",
                    List.of("id"),
                    "id",
                    7,
                    "name",
                    null,
                    "score",
                    Double.NaN,
                    "seen",
                    LocalDate.MAX))
            .error();
    RowError one =
        converter
            .convert(
                row(
                    "users",
                    List.of("id"),
                    "id",
                    8,
                    "name",
                    "ann",
                    "score",
                    Double.NaN,
                    "seen",
                    null))
            .error();

    assertThat(error.failures())
        .extracting(f -> f.column() + "=" + f.value())
        .containsExactly("name=null", "score=NaN", "seen=infinity");
    assertThat(error.column()).contains("name");
    assertThat(error.reason()).contains("null in a required column");
    assertThat(error.otherFailures()).hasSize(2);
    assertThat(error.message())
        .contains(
            "column name, value null: null in a required column",
            "; column score, value NaN: NaN and infinite numbers",
            "; column seen, value infinity: Datomic instants");
    assertThat(one.failures()).hasSize(1);
    assertThat(one.otherFailures()).isEmpty();
  }

  @Test
  void refuses_a_value_of_the_wrong_java_type_naming_it() {
    RowError error =
        convertOne(attribute("age", ":user/age", ValueType.LONG).build(), "forty").error();

    assertThat(error.message())
        .isEqualTo(
            "public.users (id=7) column age, value 'forty': a java.lang.String cannot"
                + " be a :db.type/long value; map the column to a matching value type or give it a converter");
  }

  // ---- converters and enums

  @Test
  void applies_the_column_converter() {
    UUID uuid = UUID.fromString("123e4567-e89b-12d3-a456-426614174000");
    assertThat(
            valueOf(
                attribute("ext", ":user/ext", ValueType.UUID)
                    .converter(Converters.textToUuid())
                    .build(),
                uuid.toString()))
        .isEqualTo(uuid);
    assertThat(
            valueOf(
                attribute("site", ":user/site", ValueType.URI)
                    .converter(Converters.textToUri())
                    .build(),
                "https://a.b/c"))
        .isEqualTo(URI.create("https://a.b/c"));
    assertThat(
            valueOf(
                attribute("t", ":user/t", ValueType.STRING).converter(Converters.toText()).build(),
                java.time.LocalTime.parse("10:15")))
        .isEqualTo("10:15");
  }

  @Test
  void reports_a_converter_failure_with_its_message() {
    AttributeMapping ext =
        attribute("ext", ":user/ext", ValueType.UUID).converter(Converters.textToUuid()).build();

    RowError error = convertOne(ext, "not-a-uuid").error();

    assertThat(error.value()).contains("'not-a-uuid'");
    assertThat(error.reason()).startsWith("converter text->uuid failed: not a UUID");
  }

  @Test
  void reports_a_converter_that_gives_no_value() {
    AttributeMapping nothing =
        attribute("x", ":user/x", ValueType.STRING)
            .converter(Converters.custom("nothing", ValueType.STRING, v -> null))
            .build();

    assertThat(convertOne(nothing, "a").error().reason())
        .contains("converter nothing gave no value");
  }

  @Test
  void maps_enum_values_to_idents_with_an_optional_fallback() {
    AttributeMapping source =
        attribute("source", ":user/source", ValueType.REF).enumMapping(sources(false)).build();
    AttributeMapping withFallback =
        attribute("source", ":user/source", ValueType.REF).enumMapping(sources(true)).build();

    assertThat(valueOf(source, "facebook")).isEqualTo(EnumIdent.of("user.source", "facebook"));
    assertThat(valueOf(withFallback, "myspace")).isEqualTo(EnumIdent.of("user.source", "other"));
  }

  @Test
  void refuses_an_unknown_enum_value_naming_it() {
    AttributeMapping source =
        attribute("source", ":user/source", ValueType.REF).enumMapping(sources(false)).build();

    RowError error = convertOne(source, "myspace").error();

    assertThat(error.message())
        .contains(
            "column source, value 'myspace': unknown enum value 'myspace', not one of"
                + " [facebook, google]; add it to the enum mapping or give the mapping a fallback");
  }

  // ---- null policies

  @Test
  void omits_a_null_by_default() {
    AttributeMapping name = attribute("name", ":user/name", ValueType.STRING).build();

    TxEntity user = convertOne(name, null).entity();

    assertThat(user.size()).isZero();
  }

  @Test
  void refuses_a_null_in_a_required_column() {
    AttributeMapping email =
        attribute("email", ":user/email", ValueType.STRING)
            .nullPolicy(NullPolicy.required())
            .build();

    RowError error = convertOne(email, null).error();

    assertThat(error.message())
        .startsWith("public.users (id=7) column email, value null: null in a required column");
  }

  @Test
  void asserts_the_default_for_a_null_as_a_value_of_the_attribute_type() {
    AttributeMapping visits =
        attribute("visits", ":user/visits", ValueType.LONG)
            .nullPolicy(NullPolicy.defaultTo(0))
            .build();
    AttributeMapping bio =
        attribute("bio", ":user/bio", ValueType.STRING)
            .nullPolicy(NullPolicy.defaultTo(""))
            .build();

    assertThat(valueOf(visits, null)).isEqualTo(0L);
    assertThat(valueOf(bio, null)).isEqualTo("");
  }

  @Test
  void asserts_the_run_start_for_a_null_that_defaults_to_now() {
    AttributeMapping created =
        attribute("created", ":user/created", ValueType.INSTANT)
            .nullPolicy(NullPolicy.defaultNow())
            .build();

    assertThat(valueOf(created, null)).isEqualTo(RUN_START);
  }

  @Test
  void refuses_defaults_that_do_not_fit_the_attribute_when_built() {
    AttributeMapping visits =
        attribute("visits", ":user/visits", ValueType.LONG)
            .nullPolicy(NullPolicy.defaultTo("none"))
            .build();
    AttributeMapping name =
        attribute("name", ":user/name", ValueType.STRING)
            .nullPolicy(NullPolicy.defaultNow())
            .build();

    assertThatThrownBy(() -> converterOf(visits, MappingOptions.defaults()))
        .hasMessageContaining(
            "public.users.visits -> :user/visits: the default value 'none' does not fit");
    assertThatThrownBy(() -> converterOf(name, MappingOptions.defaults()))
        .hasMessageContaining(
            "can default to now only for a cardinality-one :db.type/instant attribute");
  }

  // ---- refs

  @Test
  void asserts_a_foreign_key_as_a_lookup_ref_on_the_target_identity() {
    TxEntity post = shop().load("posts").convert(post(1, 7, null)).entity();

    assertThat(post.valueOf(Attribute.of("post", "user"))).isEqualTo(LookupRef.of(USER_ID, 7L));
  }

  @Test
  void omits_a_null_reference_unless_it_is_required() {
    Shop shop = shop();

    TxEntity post = shop.load("posts").convert(post(1, null, null)).entity();
    RowError line =
        shop.load("lines")
            .convert(row("lines", List.of("id"), "id", 5, "o_no", null, "o_shop", null))
            .error();

    assertThat(post.valueOf(Attribute.of("post", "user"))).isNull();
    assertThat(line.column()).contains("(o_shop, o_no)");
    assertThat(line.reason()).contains("null reference in a required ref (:line/order)");
  }

  @Test
  void orders_a_composite_foreign_key_as_the_target_identity() {
    TxEntity line =
        shop()
            .load("lines")
            .convert(row("lines", List.of("id"), "id", 5, "o_no", 41, "o_shop", 3))
            .entity();

    assertThat(line.valueOf(Attribute.of("line", "order")))
        .isEqualTo(LookupRef.of(Attribute.of("order", "id"), Tuple.of(3L, 41L)));
  }

  @Test
  void refuses_a_partly_null_composite_foreign_key() {
    RowError error =
        shop()
            .load("lines")
            .convert(row("lines", List.of("id"), "id", 5, "o_no", 41, "o_shop", null))
            .error();

    assertThat(error.message())
        .isEqualTo(
            "public.lines (id=5) column (o_shop, o_no), value (null, 41): the composite"
                + " key (o_shop, o_no) is partly null, so it names no row; make all of its columns null or none");
  }

  @Test
  void references_a_unique_attribute_when_the_foreign_key_targets_a_non_identity_column() {
    TxEntity post = shop().load("posts").convert(post(1, null, "a@b.c")).entity();

    assertThat(post.valueOf(Attribute.of("post", "author")))
        .isEqualTo(LookupRef.of(Attribute.of("user", "email"), "a@b.c"));
  }

  @Test
  void leaves_deferred_refs_to_the_link_step() {
    Shop shop = shop();
    EntityMapping posts = shop.mapping.entity(name("posts")).orElseThrow();
    Set<Attribute> deferred = Set.of(Attribute.of("post", "user"));
    SourceRow row = post(1, 7, null);

    TxEntity loaded =
        RowConverters.load(posts, shop.mapping, deferred, CONTEXT).convert(row).entity();
    TxEntity linked =
        RowConverters.link(posts, shop.mapping, deferred, CONTEXT).convert(row).entity();

    assertThat(loaded.attributes()).doesNotContain(Attribute.of("post", "user"));
    assertThat(linked.attributes()).containsExactly(Attribute.of("post", "user"));
    assertThat(linked.identity()).isEqualTo(LookupRef.of(Attribute.of("post", "id"), 1L));
  }

  @Test
  void links_nothing_for_a_row_whose_deferred_refs_are_all_null() {
    Shop shop = shop();
    RowConverter link =
        RowConverters.link(
            shop.mapping.entity(name("posts")).orElseThrow(),
            shop.mapping,
            Set.of(Attribute.of("post", "user")),
            CONTEXT);

    assertThat(link.convert(post(1, null, "a@b.c")).isNothing()).isTrue();
  }

  @Test
  void refuses_a_ref_to_an_unmapped_table_when_built() {
    EntityMapping posts =
        entity("posts", "post", List.of("id"))
            .addRefs(ref(":post/user", List.of("user_id"), "users", List.of("id")))
            .build();
    Mapping mapping = Mapping.builder().addEntities(posts).build();

    assertThatThrownBy(() -> RowConverters.load(posts, mapping, Set.of(), CONTEXT))
        .hasMessageContaining(
            "references public.users, which the mapping does not map as an entity");
  }

  // ---- bridges and keys

  @Test
  void turns_a_bridge_row_into_one_value_of_the_owner_many_ref() {
    Shop shop = shop();
    BridgeMapping tags =
        BridgeMapping.builder()
            .table(name("post_tags"))
            .owner(name("posts"))
            .ownerColumns(List.of("post_id"))
            .target(name("tags"))
            .targetColumns(List.of("tag_id"))
            .attribute(Attribute.of("post", "tags"))
            .build();

    TxEntity post =
        RowConverters.bridge(tags, shop.mapping, CONTEXT)
            .convert(row("post_tags", List.of("post_id", "tag_id"), "post_id", 1, "tag_id", 9))
            .entity();

    assertThat(post.identity()).isEqualTo(LookupRef.of(Attribute.of("post", "id"), 1L));
    assertThat(post.valueOf(Attribute.of("post", "tags")))
        .isEqualTo(List.of(LookupRef.of(Attribute.of("tag", "id"), 9L)));
    assertThat(post.sourceKey()).isEqualTo(RowKey.of(1, 9));
  }

  @Test
  void refuses_a_row_whose_key_is_null() {
    RowError error =
        convertOne(
                attribute("name", ":user/name", ValueType.STRING).build(),
                null,
                null,
                MappingOptions.defaults())
            .error();

    assertThat(error.message())
        .startsWith("public.users (id=null) column id, value null: a key column is null");
  }

  @Test
  void says_which_column_a_row_lacks() {
    RowConverter converter =
        converterOf(
            attribute("name", ":user/name", ValueType.STRING).build(), MappingOptions.defaults());

    assertThatThrownBy(() -> converter.convert(row("users", List.of("id"), "id", 7)))
        .hasMessageContaining("rows of public.users lack column name");
  }

  @Test
  void builds_the_converter_of_each_step_of_a_plan() {
    EntityMapping employees =
        entity("employee", "employee", List.of("id"))
            .addRefs(ref(":employee/manager", List.of("manager_id"), "employee", List.of("id")))
            .build();
    io.datomize.catalog.SourceSchema schema =
        io.datomize.catalog.SourceSchema.builder()
            .addTables(
                io.datomize.testing.Fixtures.table("employee", List.of("id"), List.of("manager_id"))
                    .build())
            .build();
    Plan plan = Planner.plan(schema, Mapping.builder().addEntities(employees).build());
    SourceRow row = row("employee", List.of("id"), "id", 2L, "manager_id", 1L);

    TxEntity loaded =
        RowConverters.forStep(plan, plan.step("load public.employee").orElseThrow(), CONTEXT)
            .convert(row)
            .entity();
    TxEntity linked =
        RowConverters.forStep(plan, plan.step("link public.employee").orElseThrow(), CONTEXT)
            .convert(row)
            .entity();

    assertThat(loaded.size()).isZero();
    assertThat(linked.valueOf(Attribute.of("employee", "manager")))
        .isEqualTo(LookupRef.of(Attribute.of("employee", "id"), 1L));
    assertThatThrownBy(() -> RowConverters.forStep(plan, plan.steps().get(0), CONTEXT))
        .hasMessageContaining("step install schema reads no rows");
  }

  // ---- helpers

  private static EnumMapping sources(boolean fallback) {
    EnumMapping.Builder sources =
        EnumMapping.builder()
            .putValues("facebook", EnumIdent.of("user.source", "facebook"))
            .putValues("google", EnumIdent.of("user.source", "google"));
    if (fallback) {
      sources.fallback(EnumIdent.of("user.source", "other"));
    }
    return sources.build();
  }

  private static Object valueOf(AttributeMapping attribute, Object value) {
    return convertOne(attribute, value).entity().valueOf(attribute.attribute());
  }

  private static Conversion convertOne(AttributeMapping attribute, Object value) {
    return convertOne(attribute, value, MappingOptions.defaults());
  }

  private static Conversion convertOne(
      AttributeMapping attribute, Object value, MappingOptions options) {
    return convertOne(attribute, 7, value, options);
  }

  private static Conversion convertOne(
      AttributeMapping attribute, Object id, Object value, MappingOptions options) {
    return converterOf(attribute, options)
        .convert(row("users", List.of("id"), "id", id, attribute.column(), value));
  }

  private static RowConverter converterOf(AttributeMapping attribute, MappingOptions options) {
    EntityMapping users = entity("users", "user", List.of("id")).addAttributes(attribute).build();
    Mapping mapping = Mapping.builder().addEntities(users).options(options).build();
    return RowConverters.load(users, mapping, Set.of(), CONTEXT);
  }

  private static SourceRow post(int id, Integer userId, String authorEmail) {
    return row("posts", List.of("id"), "id", id, "user_id", userId, "author_email", authorEmail);
  }

  /** A row of {@code table} from column-value pairs. */
  static SourceRow row(String table, List<String> key, Object... pairs) {
    List<String> columns = new ArrayList<>();
    Object[] values = new Object[pairs.length / 2];
    for (int i = 0; i < pairs.length; i += 2) {
      columns.add((String) pairs[i]);
      values[i / 2] = pairs[i + 1];
    }
    return SourceRow.of(RowShape.of(name(table), columns, key), values);
  }

  /**
   * users; posts referencing users by id and by unique email; orders with a composite key; lines;
   * tags.
   */
  private static Shop shop() {
    EntityMapping users =
        entity("users", "user", List.of("id"))
            .addAttributes(
                attribute("email", ":user/email", ValueType.STRING)
                    .unique(Uniqueness.VALUE)
                    .build())
            .build();
    EntityMapping posts =
        entity("posts", "post", List.of("id"))
            .addRefs(ref(":post/user", List.of("user_id"), "users", List.of("id")))
            .addRefs(ref(":post/author", List.of("author_email"), "users", List.of("email")))
            .build();
    EntityMapping orders = entity("orders", "order", List.of("shop", "no")).build();
    RefMapping lineOrder =
        RefMapping.builder()
            .from(ref(":line/order", List.of("o_no", "o_shop"), "orders", List.of("no", "shop")))
            .nullPolicy(NullPolicy.required())
            .build();
    EntityMapping lines = entity("lines", "line", List.of("id")).addRefs(lineOrder).build();
    EntityMapping tags = entity("tags", "tag", List.of("id")).build();
    return new Shop(Mapping.builder().addEntities(users, posts, orders, lines, tags).build());
  }

  private record Shop(Mapping mapping) {
    RowConverter load(String table) {
      return RowConverters.load(
          mapping.entity(name(table)).orElseThrow(), mapping, Set.of(), CONTEXT);
    }
  }
}
