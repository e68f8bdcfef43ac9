package io.datomize.mapping;

import io.datomize.catalog.Column;
import io.datomize.catalog.SourceSchema;
import io.datomize.catalog.Table;
import io.datomize.model.AttributeMapping;
import io.datomize.model.BridgeMapping;
import io.datomize.model.Converters;
import io.datomize.model.EntityMapping;
import io.datomize.model.EnumMapping;
import io.datomize.model.IdentityMapping;
import io.datomize.model.Mapping;
import io.datomize.model.MappingOptions;
import io.datomize.model.Naming;
import io.datomize.model.NullPolicy;
import io.datomize.model.RefMapping;
import io.datomize.model.ValueConverter;
import io.datomize.spi.ContentKey;
import io.datomize.target.Attribute;
import io.datomize.target.EnumIdent;
import io.datomize.target.Uniqueness;
import io.datomize.target.ValueType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/** Prints a mapping as the DSL expression that builds it, leaving out what the schema implies. */
final class JavaSourcePrinter {
  private static final String IMPORTS =
      """
      import io.datomize.mapping.Mappings;
      import io.datomize.target.Attribute;
      import io.datomize.model.Converters;
      import io.datomize.target.EnumIdent;
      import io.datomize.model.Mapping;
      """;

  private final SourceSchema schema;
  private final StringBuilder out = new StringBuilder();
  private ConventionMapper conventions;

  JavaSourcePrinter(SourceSchema schema) {
    this.schema = schema;
  }

  String print(Mapping mapping) {
    Naming naming = mapping.options().naming();
    conventions = new ConventionMapper(schema, new Problems(), naming);
    out.append(IMPORTS)
        .append(
            naming == MappingOptions.defaults().naming()
                ? ""
                : "import io.datomize.model.Naming;\n")
        .append("import io.datomize.target.ValueType;\n\n")
        .append("Mapping mapping = Mappings.define(schema)");
    if (naming != MappingOptions.defaults().naming()) {
      line(1, ".naming(Naming." + naming.name() + ")");
    }
    mapping.entities().forEach(this::entity);
    mapping.bridges().forEach(this::bridge);
    if (!mapping.skippedTables().isEmpty()) {
      line(
          1,
          ".skipTable("
              + Problems.quoted(mapping.skippedTables().stream().map(Problems::name).toList())
              + ")");
    }
    MappingOptions options = mapping.options();
    if (!options.zone().equals(MappingOptions.defaults().zone())) {
      line(1, ".zone(java.time.ZoneId.of(" + Problems.quote(options.zone().getId()) + "))");
    }
    if (options.strictNulls()) {
      line(1, ".strictNulls()");
    }
    if (options.allowNonFiniteNumbers()) {
      line(1, ".allowNonFiniteNumbers()");
    }
    if (options.negativeInfinity().isPresent()) {
      line(
          1,
          ".infinityAs(java.time.Instant.parse("
              + Problems.quote(options.negativeInfinity().get().toString())
              + "), java.time.Instant.parse("
              + Problems.quote(options.positiveInfinity().orElseThrow().toString())
              + "))");
    }
    if (options.dropNullArrayElements()) {
      line(1, ".dropNullArrayElements()");
    }
    line(1, ".build();");
    return out.toString();
  }

  private void line(int indent, String text) {
    out.append('\n').append("    ".repeat(indent)).append(text);
  }

  private void entity(EntityMapping entity) {
    IdentityMapping identity = entity.identity();
    boolean byContent = ContentKey.isContentKey(identity.columns());
    StringBuilder head =
        new StringBuilder(".table(")
            .append(Problems.quote(Problems.name(entity.table())))
            .append(").toEntity(")
            .append(Problems.quote(entity.namespace()))
            .append(')')
            .append(
                byContent
                    ? ".identifiedByContent()"
                    : ".identifiedBy(" + Problems.quoted(identity.columns()) + ")");
    Optional<Table> table = schema.findTable(entity.table());
    Attribute conventional =
        Attribute.of(
            entity.namespace(),
            byContent
                ? ConventionMapper.CONTENT_IDENTITY
                : table
                    .map(t -> conventions.names().identityNameOf(t, identity.columns()))
                    .orElseGet(() -> Conventions.identityName(identity.columns())));
    if (!identity.attribute().equals(conventional)) {
      head.append(".as(").append(name(entity.namespace(), identity.attribute())).append(')');
    }
    line(1, head.toString());
    for (AttributeMapping attribute : entity.attributes()) {
      line(
          2,
          ".column("
              + Problems.quote(attribute.column())
              + ")"
              + attribute(
                  table.flatMap(t -> t.column(attribute.column())),
                  table,
                  entity.namespace(),
                  attribute));
    }
    for (RefMapping ref : entity.refs()) {
      line(
          2,
          ".ref("
              + Problems.quoted(ref.columns())
              + ").to("
              + name(entity.namespace(), ref.attribute())
              + ")"
              + (ref.nullPolicy().kind() == NullPolicy.Kind.REQUIRED ? ".required()" : "")
              + doc(
                  ref.doc(),
                  table.flatMap(
                      t ->
                          ForeignKeys.on(t, ref.columns())
                              .flatMap(fk -> ConventionMapper.comment(t, fk)))));
    }
    entity
        .uniqueKeys()
        .forEach(key -> line(2, ".uniqueKey(" + Problems.quoted(key.columns()) + ")"));
    if (!entity.skippedColumns().isEmpty()) {
      line(2, ".skip(" + Problems.quoted(entity.skippedColumns()) + ")");
    }
  }

  /** {@code .doc(..)} unless the doc is the one the schema's comment implies. */
  private static String doc(Optional<String> doc, Optional<String> implied) {
    return doc.filter(d -> !doc.equals(implied))
        .map(d -> ".doc(" + Problems.quote(d) + ")")
        .orElse("");
  }

  private String attribute(
      Optional<Column> column, Optional<Table> table, String namespace, AttributeMapping a) {
    StringBuilder text = new StringBuilder();
    if (a.enumMapping().isPresent()) {
      text.append(enumTarget(a.enumMapping().get(), column, table));
    } else {
      text.append(".to(").append(name(namespace, a.attribute())).append(')');
      Optional<ValueConverter> implied = column.flatMap(c -> TypeRules.defaultConverter(c.type()));
      boolean impliedConverter = a.converter().equals(implied) && a.valueType() == ValueType.STRING;
      if (a.converter().isPresent() && !impliedConverter) {
        text.append(".converted(").append(converter(a.converter().get())).append(')');
      } else if (a.converter().isEmpty()
          && column.map(c -> TypeRules.defaultType(c.type()) != a.valueType()).orElse(true)) {
        text.append(".valueType(ValueType.").append(a.valueType().name()).append(')');
      }
    }
    if (a.unique() != Uniqueness.NONE) {
      text.append(".unique()");
    }
    if (a.noHistory()) {
      text.append(".noHistory()");
    }
    if (a.index()
        && !column.map(c -> c.isIndexed() && a.unique() == Uniqueness.NONE).orElse(false)) {
      text.append(".index()");
    }
    text.append(doc(a.doc(), column.flatMap(Column::comment)));
    a.nullPolicy()
        .ifPresent(
            p ->
                text.append(
                    switch (p.kind()) {
                      case OMIT -> ".omitIfNull()";
                      case REQUIRED -> ".required()";
                      case DEFAULT_NOW -> ".defaultNowIfNull()";
                      case DEFAULT_VALUE ->
                          ".defaultIfNull(" + literal(p.defaultValue().orElseThrow()) + ")";
                    }));
    return text.toString();
  }

  private String enumTarget(EnumMapping mapping, Optional<Column> column, Optional<Table> table) {
    String namespace = mapping.values().values().iterator().next().namespace();
    StringBuilder text =
        new StringBuilder(".toEnum(").append(Problems.quote(namespace)).append(')');
    Optional<List<String>> labels =
        column.flatMap(c -> table.flatMap(t -> conventions.enumLabels(t, c)));
    Map<String, EnumIdent> derived = new LinkedHashMap<>();
    labels
        .orElse(List.of())
        .forEach(
            l -> derived.put(l, EnumIdent.of(namespace, conventions.names().enumIdentNameOf(l))));
    if (!List.copyOf(derived.entrySet()).equals(List.copyOf(mapping.values().entrySet()))) {
      mapping
          .values()
          .forEach(
              (value, ident) ->
                  text.append(".value(")
                      .append(Problems.quote(value))
                      .append(", ")
                      .append(ident(namespace, ident))
                      .append(')'));
    }
    mapping
        .fallback()
        .ifPresent(f -> text.append(".fallback(").append(ident(namespace, f)).append(')'));
    return text.toString();
  }

  private static String ident(String namespace, EnumIdent ident) {
    return ident.namespace().equals(namespace)
        ? Problems.quote(ident.name())
        : "EnumIdent.of("
            + Problems.quote(ident.namespace())
            + ", "
            + Problems.quote(ident.name())
            + ")";
  }

  private static String name(String namespace, Attribute attribute) {
    return attribute.namespace().equals(namespace)
        ? Problems.quote(attribute.name())
        : "Attribute.parse(" + Problems.quote(attribute.toString()) + ")";
  }

  private static String converter(ValueConverter converter) {
    if (converter == Converters.textToUri()) {
      return "Converters.textToUri()";
    }
    if (converter == Converters.textToUuid()) {
      return "Converters.textToUuid()";
    }
    if (converter == Converters.toText()) {
      return "Converters.toText()";
    }
    if (converter == Converters.arrayToJson()) {
      return "Converters.arrayToJson()";
    }
    String keywordPrefix = "text->keyword ";
    if (converter.id().startsWith(keywordPrefix) && converter.target() == ValueType.KEYWORD) {
      return "Converters.textToKeyword("
          + Problems.quote(converter.id().substring(keywordPrefix.length()))
          + ")";
    }
    return "Converters.custom("
        + Problems.quote(converter.id())
        + ", ValueType."
        + converter.target().name()
        + ", value -> value /* replace with your converter instance */)";
  }

  private void bridge(BridgeMapping bridge) {
    line(
        1,
        ".bridge("
            + Problems.quote(Problems.name(bridge.table()))
            + ").from("
            + Problems.quoted(bridge.ownerColumns())
            + ").to("
            + Problems.quoted(bridge.targetColumns())
            + ").as("
            + Problems.quote(bridge.attribute().namespace())
            + ", "
            + Problems.quote(bridge.attribute().name())
            + ")"
            + (bridge.droppedColumns().isEmpty()
                ? ""
                : ".dropColumns(" + Problems.quoted(bridge.droppedColumns()) + ")")
            + doc(bridge.doc(), schema.findTable(bridge.table()).flatMap(Table::comment)));
  }

  static String literal(Object value) {
    if (value instanceof String s) {
      return Problems.quote(s);
    }
    if (value instanceof Long l) {
      return l + "L";
    }
    if (value instanceof Float f) {
      return f.isNaN() || f.isInfinite() ? "Float.valueOf(\"" + f + "\")" : f + "f";
    }
    if (value instanceof Double d) {
      return d.isNaN() || d.isInfinite() ? "Double.valueOf(\"" + d + "\")" : d + "d";
    }
    if (value instanceof Integer || value instanceof Boolean) {
      return value.toString();
    }
    if (value instanceof BigDecimal || value instanceof BigInteger) {
      return "new " + value.getClass().getName() + "(" + Problems.quote(value.toString()) + ")";
    }
    if (value instanceof Instant || value instanceof UUID) {
      return value.getClass().getName()
          + (value instanceof UUID ? ".fromString(" : ".parse(")
          + Problems.quote(value.toString())
          + ")";
    }
    if (value instanceof URI) {
      return "java.net.URI.create(" + Problems.quote(value.toString()) + ")";
    }
    if (value instanceof EnumIdent ident) {
      return "EnumIdent.of("
          + Problems.quote(ident.namespace())
          + ", "
          + Problems.quote(ident.name())
          + ")";
    }
    if (value instanceof byte[] bytes) {
      StringBuilder text = new StringBuilder("new byte[] {");
      for (int i = 0; i < bytes.length; i++) {
        text.append(i == 0 ? "" : ", ").append(bytes[i]);
      }
      return text.append('}').toString();
    }
    if (value instanceof Collection<?> values) {
      return "java.util.List.of("
          + values.stream().map(JavaSourcePrinter::literal).collect(Collectors.joining(", "))
          + ")";
    }
    return "/* a " + value.getClass().getName() + ": " + value + " */ null";
  }
}
