package io.datomize.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import io.datomize.catalog.Column;
import io.datomize.catalog.ForeignKey;
import io.datomize.catalog.Table;
import io.datomize.mapping.SchemaDomain.CollidingSchema;
import io.datomize.mapping.SchemaDomain.ColumnChoice;
import io.datomize.mapping.SchemaDomain.GeneratedSchema;
import io.datomize.mapping.SchemaDomain.Scenario;
import io.datomize.mapping.SchemaDomain.TableChoice;
import io.datomize.model.AttributeMapping;
import io.datomize.model.EntityMapping;
import io.datomize.model.EnumMapping;
import io.datomize.model.IdentityMapping;
import io.datomize.model.Mapping;
import io.datomize.model.NullPolicy;
import io.datomize.model.RefMapping;
import io.datomize.target.Attribute;
import io.datomize.target.EnumIdent;
import io.datomize.target.Uniqueness;
import io.datomize.target.ValueType;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.domains.Domain;
import net.jqwik.api.statistics.Statistics;

@Domain(SchemaDomain.class)
class MappingProperties {

  @Property(tries = 300)
  void a_dsl_built_mapping_equals_the_builder_built_one(@ForAll Scenario scenario) {
    GeneratedSchema generated = scenario.generated();
    MappingStep dsl = Mappings.define(generated.schema());
    Mapping.Builder expected = Mapping.builder();
    for (int i = 0; i < generated.specs().size(); i++) {
      Table table = generated.table(i);
      TableChoice choice = scenario.tables().get(i);
      String namespace = choice.customNamespace() ? "ns" + i : Conventions.namespace(table.name());
      List<String> key = table.primaryKey();
      IdentityStep identified =
          dsl.table(table.name().name())
              .toEntity(namespace)
              .identifiedBy(key.toArray(String[]::new));
      EntityStep entity = choice.customIdentity() ? identified.as("pg-id") : identified;
      EntityMapping.Builder mapped =
          EntityMapping.builder()
              .table(table.name())
              .namespace(namespace)
              .identity(
                  IdentityMapping.builder()
                      .attribute(
                          Attribute.of(
                              namespace,
                              choice.customIdentity() ? "pg-id" : Conventions.identityName(key)))
                      .columns(key)
                      .valueTypes(key.stream().map(k -> ValueType.LONG).toList())
                      .build());
      for (ForeignKey fk : table.foreignKeys()) {
        RefOptionsStep ref = entity.ref(fk.columns().get(0)).to("ref-" + i);
        entity = choice.requiredRef() ? ref.required() : ref;
        mapped.addRefs(
            RefMapping.builder()
                .columns(fk.columns())
                .target(fk.target())
                .targetColumns(List.of("id"))
                .attribute(Attribute.of(namespace, "ref-" + i))
                .nullPolicy(choice.requiredRef() ? NullPolicy.required() : NullPolicy.omit())
                .build());
      }
      List<Column> plain =
          table.columns().stream()
              .filter(c -> !key.contains(c.name()))
              .filter(
                  c ->
                      table.foreignKeys().stream().noneMatch(fk -> fk.columns().contains(c.name())))
              .toList();
      for (int k = 0; k < plain.size(); k++) {
        entity =
            column(entity, mapped, table, plain.get(k), k, namespace, scenario.columns().get(k));
      }
      dsl = entity;
      expected.addEntities(mapped.build());
    }

    assertThat(dsl.build()).isEqualTo(expected.build());

    Statistics.label("composite key")
        .collect(generated.specs().stream().anyMatch(SchemaDomain.TableSpec::compositeKey));
    Statistics.label("self-reference").collect(hasSelfReference(generated));
    Statistics.label("nullable column")
        .collect(
            generated.schema().tables().stream()
                .flatMap(t -> t.columns().stream())
                .anyMatch(Column::isNullable));
    Statistics.label("composite key").coverage(c -> c.check(true).percentage(p -> p > 20));
    Statistics.label("self-reference").coverage(c -> c.check(true).percentage(p -> p > 10));
    Statistics.label("nullable column").coverage(c -> c.check(true).percentage(p -> p > 30));
  }

  private static boolean hasSelfReference(GeneratedSchema generated) {
    for (int i = 0; i < generated.specs().size(); i++) {
      if (generated.fkTarget(i) == i) {
        return true;
      }
    }
    return false;
  }

  private static EntityStep column(
      EntityStep entity,
      EntityMapping.Builder mapped,
      Table table,
      Column column,
      int k,
      String namespace,
      ColumnChoice choice) {
    if (choice.skip()) {
      mapped.addSkippedColumns(column.name());
      return entity.skip(column.name());
    }
    boolean candidate =
        table.enumCandidates().stream().anyMatch(c -> c.column().equals(column.name()));
    AttributeMapping.Builder attribute =
        AttributeMapping.builder()
            .column(column.name())
            .unique(choice.unique() ? Uniqueness.VALUE : Uniqueness.NONE)
            .noHistory(choice.noHistory());
    ColumnOptionsStep options;
    ValueType type;
    if (candidate && choice.toEnum()) {
      String enumNamespace = namespace + ".e" + k;
      options = entity.column(column.name()).toEnum(enumNamespace);
      EnumMapping.Builder values = EnumMapping.builder();
      SchemaDomain.STATUS_VALUES.forEach(
          v -> values.putValues(v, EnumIdent.of(enumNamespace, Conventions.enumIdentName(v))));
      attribute
          .attribute(Attribute.of(namespace, Conventions.attributeName(column.name())))
          .valueType(ValueType.REF)
          .enumMapping(values.build());
      type = ValueType.REF;
    } else {
      String name = choice.renamed() ? "attr-" + k : Conventions.attributeName(column.name());
      options = entity.column(column.name()).to(name);
      type = TypeRules.defaultType(column.type());
      attribute.attribute(Attribute.of(namespace, name)).valueType(type);
    }
    if (choice.unique()) {
      options = options.unique();
    }
    if (choice.noHistory()) {
      options = options.noHistory();
    }
    switch (choice.nullPolicy()) {
      case 1 -> {
        options = options.omitIfNull();
        attribute.nullPolicy(NullPolicy.omit());
      }
      case 2 -> {
        options = options.required();
        attribute.nullPolicy(NullPolicy.required());
      }
      case 3, 4 -> {
        if (type == ValueType.INSTANT && choice.nullPolicy() == 4) {
          options = options.defaultNowIfNull();
          attribute.nullPolicy(NullPolicy.defaultNow());
        } else {
          Object value = defaultOf(type, namespace);
          options = options.defaultIfNull(value);
          attribute.nullPolicy(NullPolicy.defaultTo(value));
        }
      }
      default -> {}
    }
    mapped.addAttributes(attribute.build());
    return options;
  }

  private static Object defaultOf(ValueType type, String namespace) {
    return switch (type) {
      case LONG -> 0L;
      case STRING -> "";
      case BIGDEC -> BigDecimal.ZERO;
      case BOOLEAN -> false;
      case UUID -> new UUID(0, 0);
      case INSTANT -> Instant.EPOCH;
      case REF -> EnumIdent.of(namespace + ".e", "unknown");
      default -> throw new IllegalStateException("no default for " + type);
    };
  }

  @Property(tries = 400)
  void conventions_never_map_two_columns_of_a_table_to_one_attribute_unreported(
      @ForAll CollidingSchema colliding) {
    GeneratedSchema generated = colliding.generated();
    List<Set<String>> expectedCollisions = new ArrayList<>();
    for (Table table : generated.schema().tables()) {
      Map<String, Set<String>> byName = new LinkedHashMap<>();
      for (Column column : table.columns()) {
        byName
            .computeIfAbsent(expectedName(table, column), n -> new HashSet<>())
            .add(column.name());
      }
      byName.values().stream()
          .filter(columns -> columns.size() > 1)
          .forEach(expectedCollisions::add);
    }
    boolean composite = generated.specs().stream().anyMatch(SchemaDomain.TableSpec::compositeKey);
    boolean nullable =
        generated.schema().tables().stream()
            .flatMap(t -> t.columns().stream())
            .anyMatch(Column::isNullable);
    Statistics.label("collision").collect(!expectedCollisions.isEmpty());
    Statistics.label("prefix dropped")
        .collect(
            generated.schema().tables().stream()
                .anyMatch(
                    t ->
                        t.columns().stream()
                            .anyMatch(
                                c ->
                                    c.name().startsWith(t.name().name() + "_")
                                        && t.foreignKeys().stream()
                                            .noneMatch(f -> f.columns().contains(c.name()))
                                        && !expectedName(t, c)
                                            .startsWith(
                                                Conventions.attributeName(
                                                    t.name().name() + "_")))));
    Statistics.label("composite key").collect(composite);
    Statistics.label("nullable column").collect(nullable);

    try {
      Mapping mapping = Mappings.conventions(generated.schema()).build();
      assertThat(expectedCollisions).isEmpty();
      for (EntityMapping entity : mapping.entities()) {
        List<Attribute> idents = new ArrayList<>(List.of(entity.identity().attribute()));
        entity.attributes().forEach(a -> idents.add(a.attribute()));
        entity.refs().forEach(r -> idents.add(r.attribute()));
        assertThat(idents).doesNotHaveDuplicates();
      }
    } catch (MappingValidationException e) {
      assertThat(expectedCollisions).isNotEmpty();
      assertThat(e.problems()).allSatisfy(p -> assertThat(p.problem()).contains("all map to"));
      Collection<Set<String>> reported =
          e.problems().stream().map(p -> Set.copyOf(p.columns())).collect(Collectors.toList());
      assertThat(reported).containsExactlyInAnyOrderElementsOf(expectedCollisions);
    }

    Statistics.label("prefix dropped").coverage(c -> c.check(true).count(n -> n > 0));
    Statistics.label("collision")
        .coverage(
            c -> {
              c.check(true).count(n -> n > 0);
              c.check(false).count(n -> n > 0);
            });
    Statistics.label("composite key").coverage(c -> c.check(true).count(n -> n > 0));
    Statistics.label("nullable column").coverage(c -> c.check(true).count(n -> n > 0));
  }

  /**
   * The attribute name conventions give a column, worked out independently of the code under test.
   */
  private static String expectedName(Table table, Column column) {
    String name = column.name();
    String prefix = table.name().name() + "_";
    if (name.startsWith(prefix)
        && table.columns().stream()
            .noneMatch(
                c ->
                    c != column
                        && Conventions.attributeName(c.name())
                            .equals(
                                Conventions.attributeName(
                                    column.name().substring(prefix.length()))))) {
      name = name.substring(prefix.length());
    }
    boolean fk = table.foreignKeys().stream().anyMatch(f -> f.columns().contains(column.name()));
    if (fk) {
      return Conventions.attributeName(name.substring(0, name.length() - "_id".length()));
    }
    if (table.primaryKey().size() > 1 && table.primaryKey().contains(column.name())) {
      return Conventions.attributeName(name);
    }
    if (table.primaryKey().contains(column.name())) {
      return "identity";
    }
    return Conventions.attributeName(name);
  }
}
