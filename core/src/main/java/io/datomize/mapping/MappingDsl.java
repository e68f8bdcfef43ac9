package io.datomize.mapping;

import io.datomize.catalog.SourceSchema;
import io.datomize.model.Mapping;
import io.datomize.model.Naming;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;

/** The top step of the DSL; the other steps write into its draft. */
final class MappingDsl implements MappingStep {
  private final MappingDraft draft;

  MappingDsl(SourceSchema schema, boolean conventions) {
    this.draft = new MappingDraft(Objects.requireNonNull(schema, "schema"), conventions);
  }

  @Override
  public TableStep table(String table) {
    MappingDraft.TableDraft entity = new MappingDraft.TableDraft(named(table, "the table name"));
    draft.entities.add(entity);
    return new EntityDsl(this, entity);
  }

  @Override
  public MappingStep entityByConvention(String... tables) {
    for (String table : names(tables, "table")) {
      MappingDraft.TableDraft entity = new MappingDraft.TableDraft(table);
      entity.othersByConvention = true;
      draft.entities.add(entity);
    }
    return this;
  }

  @Override
  public BridgeEndsStep bridge(String table) {
    MappingDraft.BridgeDraft bridge =
        new MappingDraft.BridgeDraft(named(table, "the bridge table name"));
    draft.bridges.add(bridge);
    return new BridgeDsl(this, bridge);
  }

  @Override
  public MappingStep skipTable(String... tables) {
    draft.skippedTables.addAll(names(tables, "skipped table"));
    return this;
  }

  @Override
  public MappingStep skipOtherTables() {
    draft.skipOtherTables = true;
    return this;
  }

  @Override
  public MappingStep zone(ZoneId zone) {
    draft.zone = Objects.requireNonNull(zone, "zone");
    return this;
  }

  @Override
  public MappingStep strictNulls() {
    draft.strictNulls = true;
    return this;
  }

  @Override
  public MappingStep allowNonFiniteNumbers() {
    draft.allowNonFiniteNumbers = true;
    return this;
  }

  @Override
  public MappingStep infinityAs(Instant negative, Instant positive) {
    draft.negativeInfinity = Objects.requireNonNull(negative, "negative");
    draft.positiveInfinity = Objects.requireNonNull(positive, "positive");
    if (!negative.isBefore(positive)) {
      throw new IllegalArgumentException(
          "infinityAs("
              + negative
              + ", "
              + positive
              + "): -infinity must load as an"
              + " instant before the one infinity loads as");
    }
    return this;
  }

  @Override
  public MappingStep dropNullArrayElements() {
    draft.dropNullArrayElements = true;
    return this;
  }

  @Override
  public MappingStep naming(Naming naming) {
    draft.naming = Objects.requireNonNull(naming, "naming");
    return this;
  }

  @Override
  public Mapping build() {
    return new MappingResolver(draft.schema, draft.naming).build(draft);
  }

  static String named(String name, String what) {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException(
          what
              + " is null or blank; pass a name, as the catalog spells it for tables "
              + "and columns");
    }
    return name;
  }

  static List<String> names(String[] names, String what) {
    if (names == null || names.length == 0) {
      throw new IllegalArgumentException("no " + what + " given; pass at least one name");
    }
    for (String name : names) {
      named(name, "a " + what);
    }
    return List.of(names);
  }

  /** Hands the top-level calls of every later step back to the mapping. */
  abstract static class Delegate implements MappingStep {
    final MappingDsl mapping;

    Delegate(MappingDsl mapping) {
      this.mapping = mapping;
    }

    @Override
    public TableStep table(String table) {
      return mapping.table(table);
    }

    @Override
    public MappingStep entityByConvention(String... tables) {
      return mapping.entityByConvention(tables);
    }

    @Override
    public BridgeEndsStep bridge(String table) {
      return mapping.bridge(table);
    }

    @Override
    public MappingStep skipTable(String... tables) {
      return mapping.skipTable(tables);
    }

    @Override
    public MappingStep skipOtherTables() {
      return mapping.skipOtherTables();
    }

    @Override
    public MappingStep zone(ZoneId zone) {
      return mapping.zone(zone);
    }

    @Override
    public MappingStep strictNulls() {
      return mapping.strictNulls();
    }

    @Override
    public MappingStep allowNonFiniteNumbers() {
      return mapping.allowNonFiniteNumbers();
    }

    @Override
    public MappingStep infinityAs(Instant negative, Instant positive) {
      return mapping.infinityAs(negative, positive);
    }

    @Override
    public MappingStep dropNullArrayElements() {
      return mapping.dropNullArrayElements();
    }

    @Override
    public MappingStep naming(Naming naming) {
      return mapping.naming(naming);
    }

    @Override
    public Mapping build() {
      return mapping.build();
    }
  }
}
