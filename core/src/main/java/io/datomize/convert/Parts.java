package io.datomize.convert;

import io.datomize.model.Attribute;
import io.datomize.model.AttributeMapping;
import io.datomize.model.Cardinality;
import io.datomize.model.EntityMapping;
import io.datomize.model.Mapping;
import io.datomize.model.NullPolicy;
import io.datomize.model.RefMapping;
import io.datomize.model.TableName;
import io.datomize.model.Uniqueness;
import io.datomize.model.ValueType;
import java.util.HashSet;
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
    return mapping.entity(table).orElseThrow(() -> new IllegalArgumentException(referrer + " references " + table
        + ", which the mapping does not map as an entity; map it, or skip the reference"));
  }

  /** A converter identified by the entity's identity columns. */
  RowConverter converter(List<Slot> slots, boolean nothingWhenEmpty) {
    KeyReader identity = identityReader(entity, entity.identity().columns(), "table " + table);
    return converter(identity, entity.identity().attribute(), slots, nothingWhenEmpty);
  }

  RowConverter converter(KeyReader identity, Attribute identityAttribute, List<Slot> slots,
      boolean nothingWhenEmpty) {
    return new EntityRowConverter(table, columns, identity, identityAttribute, slots, nothingWhenEmpty);
  }

  /** Reads {@code sourceColumns}, one per identity column of {@code target} in order, as a value of its identity. */
  KeyReader identityReader(EntityMapping target, List<String> sourceColumns, String referrer) {
    List<ValueType> types = target.identity().valueTypes();
    if (sourceColumns.size() != types.size()) {
      throw new IllegalArgumentException(referrer + ": columns " + sourceColumns + " cannot name an entity of "
          + target.table() + ", which is identified by " + target.identity().columns());
    }
    Coercion[] coercions = new Coercion[types.size()];
    for (int i = 0; i < coercions.length; i++) {
      coercions[i] = this.coercions.toType(sourceColumns.get(i), types.get(i));
    }
    return keyReader(sourceColumns, coercions);
  }

  private KeyReader keyReader(List<String> sourceColumns, Coercion[] coercions) {
    int[] slots = sourceColumns.stream().mapToInt(columns::slot).toArray();
    return new KeyReader(sourceColumns.toArray(new String[0]), slots, coercions);
  }

  Slot attribute(AttributeMapping attribute) {
    NullPolicy policy = attribute.effectiveNullPolicy();
    Object whenNull = switch (policy.kind()) {
      case OMIT, REQUIRED -> null;
      case DEFAULT_NOW -> {
        if (attribute.valueType() != ValueType.INSTANT || attribute.cardinality() != Cardinality.ONE) {
          throw new IllegalArgumentException(where(attribute) + ": a null can default to now only for a"
              + " cardinality-one :db.type/instant attribute, not " + attribute.valueType().ident());
        }
        yield context.runStart();
      }
      case DEFAULT_VALUE -> defaultValue(attribute, policy.defaultValue().orElseThrow());
    };
    return new AttributeSlot(columns.slot(attribute.column()), attribute.column(), attribute.attribute(),
        coercions.forAttribute(attribute), policy.kind() == NullPolicy.Kind.REQUIRED, whenNull);
  }

  /** The default as a value of the attribute, or null for an empty many default, which asserts nothing. */
  private Object defaultValue(AttributeMapping attribute, Object value) {
    try {
      Object coerced = coercions.forDefault(attribute).apply(value);
      return coerced instanceof List<?> many && many.isEmpty() ? null : coerced;
    } catch (RowFailure e) {
      throw new IllegalArgumentException(where(attribute) + ": the default value " + e.value() + " does not fit: "
          + e.getMessage(), e);
    }
  }

  /**
   * A lookup ref on the target's identity when the foreign key references the identity columns (in any order);
   * otherwise on the unique attribute of the single referenced column.
   */
  Slot ref(RefMapping ref) {
    EntityMapping target = entityOf(mapping, ref.target(), where(ref));
    List<String> identity = target.identity().columns();
    boolean required = ref.nullPolicy().kind() == NullPolicy.Kind.REQUIRED;
    if (new HashSet<>(ref.targetColumns()).equals(new HashSet<>(identity))
        && ref.targetColumns().size() == identity.size()) {
      List<String> ordered = identity.stream().map(c -> ref.columns().get(ref.targetColumns().indexOf(c))).toList();
      return new RefSlot(identityReader(target, ordered, where(ref)), ref.attribute(), target.identity().attribute(),
          required, false);
    }
    Optional<AttributeMapping> unique = ref.targetColumns().size() == 1
        ? target.attributeFor(ref.targetColumns().get(0))
            .filter(a -> a.unique() != Uniqueness.NONE && a.cardinality() == Cardinality.ONE)
        : Optional.empty();
    if (unique.isEmpty()) {
      throw new IllegalArgumentException(where(ref) + " references " + ref.target() + ref.targetColumns() + ", but "
          + ref.target() + " is identified by " + identity + " and no unique attribute maps the referenced column;"
          + " identify " + ref.target() + " by the referenced columns or map that column as a unique attribute");
    }
    Coercion coercion = coercions.forAttribute(unique.get());
    return new RefSlot(keyReader(ref.columns(), new Coercion[] {coercion}), ref.attribute(),
        unique.get().attribute(), required, false);
  }

  private String where(AttributeMapping attribute) {
    return table + "." + attribute.column() + " -> " + attribute.attribute();
  }

  private String where(RefMapping ref) {
    return table + "." + ref.columns() + " -> " + ref.attribute();
  }
}
