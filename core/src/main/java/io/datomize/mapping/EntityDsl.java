package io.datomize.mapping;

import io.datomize.spi.ContentKey;
import io.datomize.target.Attribute;
import java.util.Objects;

/** The table, key and column steps of one entity. */
final class EntityDsl extends MappingDsl.Delegate
    implements TableStep, EntityKeyStep, IdentityStep {
  private final MappingDraft.TableDraft draft;

  EntityDsl(MappingDsl mapping, MappingDraft.TableDraft draft) {
    super(mapping);
    this.draft = draft;
  }

  @Override
  public EntityKeyStep toEntity(String namespace) {
    draft.namespace = MappingDsl.named(namespace, "the namespace of table " + draft.table);
    return this;
  }

  @Override
  public IdentityStep identifiedBy(String... keyColumns) {
    draft.keyColumns = MappingDsl.names(keyColumns, "key column of table " + draft.table);
    return this;
  }

  @Override
  public IdentityStep identifiedByContent() {
    draft.keyColumns = ContentKey.COLUMNS;
    return this;
  }

  @Override
  public EntityStep as(String name) {
    draft.identityName =
        MappingDsl.named(name, "the identity attribute name of table " + draft.table);
    return this;
  }

  @Override
  public EntityStep as(Attribute attribute) {
    draft.identityAttribute = Objects.requireNonNull(attribute, "identity attribute");
    return this;
  }

  @Override
  public ColumnStep column(String column) {
    MappingDraft.ColumnDraft col =
        new MappingDraft.ColumnDraft(
            MappingDsl.named(column, "a column name of table " + draft.table));
    draft.columns.add(col);
    return new ColumnDsl(this, col);
  }

  @Override
  public RefStep ref(String... foreignKeyColumns) {
    MappingDraft.RefDraft ref =
        new MappingDraft.RefDraft(
            MappingDsl.names(foreignKeyColumns, "foreign key column of table " + draft.table));
    draft.refs.add(ref);
    return new RefDsl(this, ref);
  }

  @Override
  public EntityStep uniqueKey(String... columns) {
    draft.uniqueKeys.add(MappingDsl.names(columns, "unique key column of table " + draft.table));
    return this;
  }

  @Override
  public EntityStep skip(String... columns) {
    draft.skipped.addAll(MappingDsl.names(columns, "column of table " + draft.table + " to skip"));
    return this;
  }

  @Override
  public EntityStep otherColumnsByConvention() {
    draft.othersByConvention = true;
    return this;
  }

  /** Hands the entity-level calls of column and ref steps back to their entity. */
  abstract static class Delegate extends MappingDsl.Delegate implements EntityStep {
    final EntityDsl entity;

    Delegate(EntityDsl entity) {
      super(entity.mapping);
      this.entity = entity;
    }

    @Override
    public ColumnStep column(String column) {
      return entity.column(column);
    }

    @Override
    public RefStep ref(String... foreignKeyColumns) {
      return entity.ref(foreignKeyColumns);
    }

    @Override
    public EntityStep uniqueKey(String... columns) {
      return entity.uniqueKey(columns);
    }

    @Override
    public EntityStep skip(String... columns) {
      return entity.skip(columns);
    }

    @Override
    public EntityStep otherColumnsByConvention() {
      return entity.otherColumnsByConvention();
    }
  }
}
