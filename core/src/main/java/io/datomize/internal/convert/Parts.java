package io.datomize.internal.convert;

import io.datomize.catalog.TableName;
import io.datomize.model.AttributeMapping;
import io.datomize.model.EntityMapping;
import io.datomize.model.KeyMapping;
import io.datomize.model.Mapping;
import io.datomize.model.NullPolicy;
import io.datomize.model.RefMapping;
import io.datomize.target.Attribute;
import io.datomize.target.Cardinality;
import io.datomize.target.ValueType;
import java.util.List;
import java.util.Optional;

/** Builds the slots and key readers of one converter, checking the mapping as it goes. */
final class Parts {
  private final TableName table;
  private final EntityMapping entity;
  private final Mapping mapping;
  private final ConversionContext context;
  private final Coercions coercions;
  private final ColumnIndex columns;

  Parts(EntityMapping entity, Mapping mapping, ConversionContext context) {
    this(entity.table(), entity, mapping, context);
  }

  Parts(TableName table, Mapping mapping, ConversionContext context) {
    this(table, null, mapping, context);
  }

  private Parts(TableName table, EntityMapping entity, Mapping mapping, ConversionContext context) {
    this.table = table;
    this.entity = entity;
    this.mapping = mapping;
    this.context = context;
    this.coercions = new Coercions(context.zone(), mapping.options());
    this.columns = new ColumnIndex(table);
  }

  static EntityMapping entityOf(Mapping mapping, TableName table, String referrer) {
    return mapping
        .entity(table)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    referrer
                        + " references "
                        + table
                        + ", which the mapping does not map as an entity; map it, or skip the reference"));
  }

  /** A converter identified by the entity's identity columns. */
  RowConverter converter(List<Slot> slots, boolean nothingWhenEmpty) {
    KeyReader identity = identityReader(entity, entity.identity().columns(), "table " + table);
    return converter(identity, entity.identity().attribute(), slots, nothingWhenEmpty);
  }

  RowConverter converter(
      KeyReader identity, Attribute identityAttribute, List<Slot> slots, boolean nothingWhenEmpty) {
    return new EntityRowConverter(
        table, columns, identity, identityAttribute, slots, nothingWhenEmpty);
  }

  /**
   * Reads {@code sourceColumns}, one per identity column of {@code target} in order, as a value of
   * its identity.
   */
  KeyReader identityReader(EntityMapping target, List<String> sourceColumns, String referrer) {
    List<ValueType> types = target.identity().valueTypes();
    if (sourceColumns.size() != types.size()) {
      throw new IllegalArgumentException(
          referrer
              + ": columns "
              + sourceColumns
              + " cannot name an entity of "
              + target.table()
              + ", which is identified by "
              + target.identity().columns());
    }
    return keyReader(sourceColumns, coercions(sourceColumns, types));
  }

  private KeyReader keyReader(List<String> sourceColumns, Coercion[] coercions) {
    int[] slots = sourceColumns.stream().mapToInt(columns::slot).toArray();
    return new KeyReader(sourceColumns.toArray(new String[0]), slots, coercions);
  }

  Slot attribute(AttributeMapping attribute) {
    NullPolicy policy = attribute.effectiveNullPolicy();
    Object whenNull =
        switch (policy.kind()) {
          case OMIT, REQUIRED -> null;
          case DEFAULT_NOW -> {
            if (attribute.valueType() != ValueType.INSTANT
                || attribute.cardinality() != Cardinality.ONE) {
              throw new IllegalArgumentException(
                  where(attribute)
                      + ": a null can default to now only for a"
                      + " cardinality-one :db.type/instant attribute, not "
                      + attribute.valueType().ident());
            }
            yield context.runStart();
          }
          case DEFAULT_VALUE -> defaultValue(attribute, policy.defaultValue().orElseThrow());
        };
    return new AttributeSlot(
        columns.slot(attribute.column()),
        attribute.column(),
        attribute.attribute(),
        coercions.forAttribute(attribute),
        policy.kind() == NullPolicy.Kind.REQUIRED,
        whenNull);
  }

  /**
   * The default as a value of the attribute, or null for an empty many default, which asserts
   * nothing.
   */
  private Object defaultValue(AttributeMapping attribute, Object value) {
    try {
      Object coerced = coercions.forDefault(attribute).apply(value);
      return coerced instanceof List<?> many && many.isEmpty() ? null : coerced;
    } catch (RowFailure e) {
      throw new IllegalArgumentException(
          where(attribute)
              + ": the default value "
              + e.value()
              + " does not fit: "
              + e.getMessage(),
          e);
    }
  }

  /**
   * A lookup ref on the unique attribute of the target that the referenced columns name it by: its
   * identity, a unique key, or a unique column (see {@link EntityMapping#lookupAttribute}).
   */
  Slot ref(RefMapping ref) {
    EntityMapping target = entityOf(mapping, ref.target(), where(ref));
    Attribute lookup =
        target
            .lookupAttribute(ref.targetColumns())
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        where(ref)
                            + " references "
                            + ref.target()
                            + ref.targetColumns()
                            + ", but "
                            + ref.target()
                            + " is identified"
                            + " by "
                            + target.identity().columns()
                            + " and no unique attribute or unique key maps the referenced "
                            + "columns; identify "
                            + ref.target()
                            + " by them, or map them as a unique attribute or .uniqueKey(..)"));
    List<String> ordered =
        target.lookupColumns(lookup).stream()
            .map(c -> ref.columns().get(ref.targetColumns().indexOf(c)))
            .toList();
    return new RefSlot(
        lookupReader(target, lookup, ordered, where(ref)),
        ref.attribute(),
        lookup,
        ref.nullPolicy().kind() == NullPolicy.Kind.REQUIRED,
        false);
  }

  /**
   * Reads {@code sourceColumns}, one per column of {@code lookup} (a unique attribute of {@code
   * target}) in order, as a value of that attribute.
   */
  KeyReader lookupReader(
      EntityMapping target, Attribute lookup, List<String> sourceColumns, String referrer) {
    if (lookup.equals(target.identity().attribute())) {
      return identityReader(target, sourceColumns, referrer);
    }
    Optional<KeyMapping> key =
        target.uniqueKeys().stream().filter(k -> k.attribute().equals(lookup)).findFirst();
    if (key.isPresent()) {
      return keyReader(sourceColumns, coercions(sourceColumns, key.get().valueTypes()));
    }
    AttributeMapping unique =
        target.attributes().stream()
            .filter(a -> a.attribute().equals(lookup))
            .findFirst()
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        referrer + ": " + lookup + " is no unique attribute of " + target.table()));
    return keyReader(sourceColumns, new Coercion[] {coercions.forAttribute(unique)});
  }

  /** The slot asserting a row's copy of a unique key; nothing when a key column is null. */
  Slot key(KeyMapping key) {
    KeyReader reader = keyReader(key.columns(), coercions(key.columns(), key.valueTypes()));
    return (row, at, entity) -> {
      if (!reader.anyNull(row, at)) {
        entity.add(key.attribute(), reader.read(row, at));
      }
    };
  }

  private Coercion[] coercions(List<String> columns, List<ValueType> types) {
    Coercion[] coercions = new Coercion[types.size()];
    for (int i = 0; i < coercions.length; i++) {
      coercions[i] = this.coercions.toType(columns.get(i), types.get(i));
    }
    return coercions;
  }

  private String where(AttributeMapping attribute) {
    return table + "." + attribute.column() + " -> " + attribute.attribute();
  }

  private String where(RefMapping ref) {
    return table + "." + ref.columns() + " -> " + ref.attribute();
  }
}
