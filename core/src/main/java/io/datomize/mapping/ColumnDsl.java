package io.datomize.mapping;

import io.datomize.model.NullPolicy;
import io.datomize.model.ValueConverter;
import io.datomize.target.Attribute;
import io.datomize.target.EnumIdent;
import io.datomize.target.ValueType;
import java.util.Map;
import java.util.Objects;

/** The target and options of one column. */
final class ColumnDsl extends EntityDsl.Delegate implements ColumnStep, EnumStep {
  private final MappingDraft.ColumnDraft draft;

  ColumnDsl(EntityDsl entity, MappingDraft.ColumnDraft draft) {
    super(entity);
    this.draft = draft;
  }

  @Override
  public ColumnOptionsStep to(String name) {
    draft.name = MappingDsl.named(name, "the attribute name of column " + draft.column);
    return this;
  }

  @Override
  public ColumnOptionsStep to(Attribute attribute) {
    draft.attribute = Objects.requireNonNull(attribute, "attribute");
    return this;
  }

  @Override
  public EnumStep toEnum(String enumNamespace) {
    draft.enumNamespace =
        MappingDsl.named(enumNamespace, "the enum namespace of column " + draft.column);
    return this;
  }

  @Override
  public EnumStep value(String sourceValue, String identName) {
    return enumValue(
        sourceValue,
        MappingDsl.named(identName, "the enum ident name of value '" + sourceValue + "'"));
  }

  @Override
  public EnumStep value(String sourceValue, EnumIdent ident) {
    return enumValue(sourceValue, Objects.requireNonNull(ident, "ident"));
  }

  /**
   * @param ident an ident name (String) or an {@link EnumIdent}
   */
  private EnumStep enumValue(String sourceValue, Object ident) {
    Object before = draft.enumValues.put(Objects.requireNonNull(sourceValue, "sourceValue"), ident);
    once("value '" + sourceValue + "'", before, ident);
    return this;
  }

  @Override
  public EnumStep values(Map<String, String> sourceValueToIdentName) {
    sourceValueToIdentName.forEach(this::value);
    return this;
  }

  @Override
  public EnumStep fallback(String identName) {
    String name =
        MappingDsl.named(identName, "the fallback enum ident name of column " + draft.column);
    draft.fallback = once("fallback", draft.fallback, name);
    return this;
  }

  @Override
  public EnumStep fallback(EnumIdent ident) {
    draft.fallback = once("fallback", draft.fallback, Objects.requireNonNull(ident, "fallback"));
    return this;
  }

  @Override
  public ColumnOptionsStep converted(ValueConverter converter) {
    draft.converter =
        once("converted", draft.converter, Objects.requireNonNull(converter, "converter"));
    return this;
  }

  @Override
  public ColumnOptionsStep valueType(ValueType valueType) {
    draft.valueType =
        once("valueType", draft.valueType, Objects.requireNonNull(valueType, "valueType"));
    return this;
  }

  @Override
  public ColumnOptionsStep unique() {
    draft.unique = true;
    return this;
  }

  @Override
  public ColumnOptionsStep noHistory() {
    draft.noHistory = true;
    return this;
  }

  @Override
  public ColumnOptionsStep index() {
    draft.index = true;
    return this;
  }

  @Override
  public ColumnOptionsStep doc(String doc) {
    draft.doc = once("doc", draft.doc, Objects.requireNonNull(doc, "doc"));
    return this;
  }

  @Override
  public ColumnOptionsStep defaultIfNull(Object value) {
    return nullPolicy(
        NullPolicy.defaultTo(
            Objects.requireNonNull(
                value,
                "defaultIfNull needs a value; for column "
                    + draft.column
                    + " use omitIfNull() to assert nothing")));
  }

  @Override
  public ColumnOptionsStep defaultNowIfNull() {
    return nullPolicy(NullPolicy.defaultNow());
  }

  @Override
  public ColumnOptionsStep omitIfNull() {
    return nullPolicy(NullPolicy.omit());
  }

  @Override
  public ColumnOptionsStep required() {
    return nullPolicy(NullPolicy.required());
  }

  /**
   * {@code now}, noting when it replaces a different {@code before}: build reports that rather than
   * keep the last.
   */
  private <T> T once(String option, Object before, T now) {
    if (before != null && !before.equals(now)) {
      draft.repeatedOptions.add(option + ": " + before + ", then " + now);
    }
    return now;
  }

  private ColumnOptionsStep nullPolicy(NullPolicy policy) {
    draft.nullPolicies.add(policy);
    return this;
  }
}
