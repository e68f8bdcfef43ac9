package io.datomize.mapping;

import io.datomize.catalog.SourceSchema;
import io.datomize.model.Naming;
import io.datomize.model.NullPolicy;
import io.datomize.model.ValueConverter;
import io.datomize.target.Attribute;
import io.datomize.target.EnumIdent;
import io.datomize.target.ValueType;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the DSL was told, as written: names are kept as strings so that a bad one becomes a problem
 * at {@link MappingStep#build()} that names its table and column, rather than an exception in the
 * middle of the chain.
 */
final class MappingDraft {
  final SourceSchema schema;
  final boolean conventions;
  final List<TableDraft> entities = new ArrayList<>();
  final List<BridgeDraft> bridges = new ArrayList<>();
  final List<String> skippedTables = new ArrayList<>();
  boolean skipOtherTables;
  ZoneId zone = ZoneOffset.UTC;
  boolean strictNulls;
  boolean allowNonFiniteNumbers;
  Instant negativeInfinity;
  Instant positiveInfinity;
  boolean dropNullArrayElements;
  Naming naming = Naming.IDIOMATIC;

  MappingDraft(SourceSchema schema, boolean conventions) {
    this.schema = schema;
    this.conventions = conventions;
  }

  /** A table mapped to entities; null fields are left to {@link Conventions}. */
  static final class TableDraft {
    final String table;
    String namespace;
    List<String> keyColumns;
    String identityName;
    Attribute identityAttribute;
    final List<ColumnDraft> columns = new ArrayList<>();
    final List<RefDraft> refs = new ArrayList<>();
    final List<String> skipped = new ArrayList<>();
    final List<List<String>> uniqueKeys = new ArrayList<>();
    boolean othersByConvention;

    TableDraft(String table) {
      this.table = table;
    }
  }

  static final class ColumnDraft {
    final String column;
    String name;
    Attribute attribute;
    String enumNamespace;

    /** Source value to an ident name (String) or an {@link EnumIdent}. */
    final Map<String, Object> enumValues = new LinkedHashMap<>();

    Object fallback;
    ValueConverter converter;
    ValueType valueType;
    boolean unique;
    boolean noHistory;
    boolean index;
    String doc;
    final List<NullPolicy> nullPolicies = new ArrayList<>();

    /** Options given twice with different values, e.g. {@code value 'male': m, then x}. */
    final List<String> repeatedOptions = new ArrayList<>();

    ColumnDraft(String column) {
      this.column = column;
    }
  }

  static final class RefDraft {
    final List<String> columns;
    String name;
    Attribute attribute;
    boolean required;
    String doc;

    RefDraft(List<String> columns) {
      this.columns = columns;
    }
  }

  static final class BridgeDraft {
    final String table;
    List<String> ownerColumns;
    List<String> targetColumns;
    String namespace;
    String name;
    Attribute attribute;
    final List<String> dropped = new ArrayList<>();
    String doc;

    BridgeDraft(String table) {
      this.table = table;
    }
  }
}
