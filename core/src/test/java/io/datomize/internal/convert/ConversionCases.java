package io.datomize.internal.convert;

import static io.datomize.testing.Fixtures.attribute;
import static io.datomize.testing.Fixtures.entity;
import static io.datomize.testing.Fixtures.name;
import static io.datomize.testing.Fixtures.ref;

import io.datomize.model.AttributeMapping;
import io.datomize.model.Converters;
import io.datomize.model.EntityMapping;
import io.datomize.model.EnumMapping;
import io.datomize.model.Mapping;
import io.datomize.model.MappingOptions;
import io.datomize.model.NullPolicy;
import io.datomize.spi.RowShape;
import io.datomize.spi.SourceRow;
import io.datomize.target.Cardinality;
import io.datomize.target.EnumIdent;
import io.datomize.target.ValueType;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Provide;
import net.jqwik.api.domains.DomainContextBase;

/**
 * Random mappings of table {@code t} (one- or two-column key, attributes of every kind, a ref and a
 * composite ref, every null policy) with rows of fitting, unfitting and null values.
 */
class ConversionCases extends DomainContextBase {
  /** One kind of column: how to map column {@code c<i>}, and the values a row may hold in it. */
  private record Kind(
      Function<String, AttributeMapping.Builder> mapping,
      Object defaultValue,
      Arbitrary<Object> values) {}

  private static final EnumMapping COLOURS =
      EnumMapping.builder()
          .putValues("red", EnumIdent.of("t.colour", "red"))
          .putValues("blue", EnumIdent.of("t.colour", "blue"))
          .build();

  private static final List<Kind> KINDS =
      List.of(
          new Kind(
              c -> attribute(c, ":t/" + c, ValueType.LONG),
              0L,
              Arbitraries.oneOf(
                  Arbitraries.integers().map(v -> v),
                  Arbitraries.shorts().map(v -> v),
                  Arbitraries.longs().map(v -> v),
                  Arbitraries.just("x"))),
          new Kind(
              c -> attribute(c, ":t/" + c, ValueType.BIGDEC),
              BigDecimal.ZERO,
              Arbitraries.oneOf(
                  Arbitraries.bigDecimals().ofScale(2).map(v -> v), Arbitraries.just(1.5d))),
          new Kind(
              c -> attribute(c, ":t/" + c, ValueType.DOUBLE),
              0d,
              Arbitraries.oneOf(
                  Arbitraries.doubles().withSpecialValue(Double.NaN).map(v -> v),
                  Arbitraries.floats().map(v -> v))),
          new Kind(
              c -> attribute(c, ":t/" + c, ValueType.STRING),
              "",
              Arbitraries.oneOf(
                  Arbitraries.strings().ofMaxLength(5).map(v -> v), Arbitraries.just(42))),
          new Kind(
              c -> attribute(c, ":t/" + c, ValueType.INSTANT),
              Instant.EPOCH,
              Arbitraries.of(
                  LocalDate.of(2024, 2, 29),
                  LocalDateTime.of(2024, 3, 31, 2, 30),
                  OffsetDateTime.of(2024, 1, 1, 0, 0, 0, 0, ZoneOffset.ofHours(3)),
                  Instant.EPOCH,
                  "2024")),
          new Kind(
              c -> attribute(c, ":t/" + c, ValueType.UUID).converter(Converters.textToUuid()),
              UUID.fromString("123e4567-e89b-12d3-a456-426614174000"),
              Arbitraries.of(
                  "123e4567-e89b-12d3-a456-426614174000",
                  "nope",
                  "123e4567-e89b-12d3-a456-42661417400z")),
          new Kind(
              c -> attribute(c, ":t/" + c, ValueType.REF).enumMapping(COLOURS),
              EnumIdent.of("t.colour", "red"),
              Arbitraries.of("red", "blue", "green")),
          new Kind(
              c -> attribute(c, ":t/" + c, ValueType.LONG).cardinality(Cardinality.MANY),
              List.of(),
              Arbitraries.oneOf(
                  Arbitraries.integers().between(0, 9).list().ofMaxSize(3).map(v -> v),
                  Arbitraries.just(Arrays.asList(1, null)),
                  Arbitraries.just(7))));

  @Provide
  Arbitrary<ConversionCase> cases() {
    Arbitrary<List<int[]>> columns =
        Combinators.combine(
                Arbitraries.integers().between(0, KINDS.size() - 1),
                Arbitraries.integers().between(0, 3))
            .as((kind, policy) -> new int[] {kind, policy})
            .list()
            .ofMaxSize(6);
    return Combinators.combine(Arbitraries.of(false, true), columns, Arbitraries.of(false, true))
        .flatAs(ConversionCases::caseOf);
  }

  private static Arbitrary<ConversionCase> caseOf(
      boolean composite, List<int[]> columns, boolean allowNonFinite) {
    List<String> key = composite ? List.of("k1", "k2") : List.of("k1");
    EntityMapping.Builder entity =
        entity("t", "t", key)
            .addRefs(ref(":t/one", List.of("r"), "one", List.of("id")))
            .addRefs(ref(":t/pair", List.of("p1", "p2"), "pair", List.of("a", "b")));
    List<String> names = new ArrayList<>(key);
    names.addAll(List.of("r", "p1", "p2"));
    List<Arbitrary<Object>> values = new ArrayList<>();
    key.forEach(
        k ->
            values.add(Arbitraries.integers().between(1, 3).map(v -> (Object) v).injectNull(0.02)));
    for (int i = 0; i < 3; i++) {
      values.add(Arbitraries.integers().between(1, 3).map(v -> (Object) v).injectNull(0.3));
    }
    for (int i = 0; i < columns.size(); i++) {
      Kind kind = KINDS.get(columns.get(i)[0]);
      String column = "c" + i;
      AttributeMapping.Builder attribute = kind.mapping().apply(column);
      switch (columns.get(i)[1]) {
        case 1 -> attribute.nullPolicy(NullPolicy.required());
        case 2 -> attribute.nullPolicy(NullPolicy.defaultTo(kind.defaultValue()));
        case 3 ->
            attribute.nullPolicy(
                kind.defaultValue() instanceof Instant
                    ? NullPolicy.defaultNow()
                    : NullPolicy.omit());
        default -> {}
      }
      entity.addAttributes(attribute.build());
      names.add(column);
      values.add(kind.values().injectNull(0.2));
    }
    Mapping mapping =
        Mapping.builder()
            .addEntities(
                entity.build(),
                entity("one", "one", List.of("id")).build(),
                entity("pair", "pair", List.of("a", "b")).build())
            .options(MappingOptions.builder().allowNonFiniteNumbers(allowNonFinite).build())
            .build();
    RowShape shape = RowShape.of(name("t"), names, key);
    Arbitrary<SourceRow> row =
        Combinators.combine(values).as(v -> SourceRow.of(shape, v.toArray()));
    return row.list().ofMinSize(1).ofMaxSize(4).map(rows -> new ConversionCase(mapping, rows));
  }
}
