package io.datomize.datomic.internal;

import static io.datomize.datomic.internal.Keywords.DB_CARDINALITY;
import static io.datomize.datomic.internal.Keywords.DB_DOC;
import static io.datomize.datomic.internal.Keywords.DB_IDENT;
import static io.datomize.datomic.internal.Keywords.DB_INDEX;
import static io.datomize.datomic.internal.Keywords.DB_IS_COMPONENT;
import static io.datomize.datomic.internal.Keywords.DB_NO_HISTORY;
import static io.datomize.datomic.internal.Keywords.DB_TUPLE_TYPES;
import static io.datomize.datomic.internal.Keywords.DB_UNIQUE;
import static io.datomize.datomic.internal.Keywords.DB_VALUE_TYPE;

import clojure.lang.Keyword;
import io.datomize.spi.SyncMarks;
import io.datomize.target.Attribute;
import io.datomize.target.AttributeSchema;
import io.datomize.target.Cardinality;
import io.datomize.target.EnumIdent;
import io.datomize.target.TargetSchema;
import io.datomize.target.Uniqueness;
import io.datomize.target.ValueType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Datomic schema data made from core's {@link TargetSchema}: one map per attribute with its keys in
 * a fixed order (so the EDN export is stable), one {@code {:db/ident ..}} per enum ident, and the
 * writer's own attributes of checkpoints, runs and sync marks.
 */
public final class SchemaForms {
  private static final String META = "datomize.tx";
  private static final String RUN = "datomize.run";

  public static final AttributeSchema RUN_ID =
      meta(META, "run-id", ValueType.STRING, "The migration run that wrote this transaction.");
  public static final AttributeSchema STEP_ID =
      meta(META, "step-id", ValueType.STRING, "The plan step that wrote this transaction.");
  public static final AttributeSchema SEQUENCE =
      meta(META, "sequence", ValueType.LONG, "The batch's number within its step.");
  public static final AttributeSchema AFTER_KEY =
      meta(
          META,
          "after-key",
          ValueType.STRING,
          "The encoded source key the batch starts after; absent for the first batch of a step.");
  public static final AttributeSchema LAST_KEY =
      meta(
          META,
          "last-key",
          ValueType.STRING,
          "The encoded source key of the batch's last row: where a resumed step continues.");
  public static final AttributeSchema SOURCE_POSITION =
      AttributeSchema.builder()
          .ident(Attribute.of(META, "source-position"))
          .valueType(ValueType.LONG)
          .index(true)
          .doc(
              "For a followed change stream: the source log position (PostgreSQL LSN) of the last"
                  + " source transaction this transaction completes.")
          .build();

  public static final AttributeSchema RUN_RECORD_ID =
      AttributeSchema.builder()
          .ident(Attribute.of(RUN, "id"))
          .valueType(ValueType.STRING)
          .unique(Uniqueness.IDENTITY)
          .doc("A finished migration run, by its run id.")
          .build();
  public static final AttributeSchema RUN_KIND =
      meta(
          RUN,
          "kind",
          ValueType.KEYWORD,
          "Whether the run loaded or synced: :datomize.run.kind/load or :datomize.run.kind/sync.");
  public static final AttributeSchema RUN_FINISHED =
      meta(RUN, "finished", ValueType.INSTANT, "When the run finished.");
  public static final AttributeSchema RUN_WATERMARKS =
      AttributeSchema.builder()
          .ident(Attribute.of(RUN, "watermarks"))
          .valueType(ValueType.STRING)
          .cardinality(Cardinality.MANY)
          .doc(
              "Per watermarked table, the encoded source key of the table's name followed by the"
                  + " highest watermark the run read.")
          .build();

  /**
   * Datomize's own attributes: a batch's checkpoint on its transaction entity, the run records, and
   * the mark of a kept entity whose source row a sync found deleted.
   */
  public static final List<AttributeSchema> METADATA =
      List.of(
          RUN_ID,
          STEP_ID,
          SEQUENCE,
          AFTER_KEY,
          LAST_KEY,
          SOURCE_POSITION,
          RUN_RECORD_ID,
          RUN_KIND,
          RUN_FINISHED,
          RUN_WATERMARKS,
          SyncMarks.deletedAtSchema());

  private SchemaForms() {}

  private static AttributeSchema meta(String namespace, String name, ValueType type, String doc) {
    return AttributeSchema.builder()
        .ident(Attribute.of(namespace, name))
        .valueType(type)
        .doc(doc)
        .build();
  }

  /** The mapping's attributes sorted by ident. */
  public static List<AttributeSchema> sorted(List<AttributeSchema> attributes) {
    List<AttributeSchema> sorted = new ArrayList<>(attributes);
    sorted.sort(Comparator.comparing(AttributeSchema::ident));
    return sorted;
  }

  public static List<EnumIdent> sortedIdents(TargetSchema schema) {
    return schema.enumIdents().stream().sorted().distinct().toList();
  }

  /**
   * The attribute as schema data; options at their default ({@code false}, no doc) are left out.
   */
  public static Map<Keyword, Object> attribute(AttributeSchema schema) {
    Map<Keyword, Object> form = new LinkedHashMap<>();
    form.put(DB_IDENT, Keywords.of(schema.ident()));
    form.put(DB_VALUE_TYPE, Keywords.of(schema.valueType()));
    form.put(DB_CARDINALITY, Keywords.of(schema.cardinality()));
    if (schema.unique() != Uniqueness.NONE) {
      form.put(DB_UNIQUE, Keywords.of(schema.unique()));
    }
    if (!schema.tupleTypes().isEmpty()) {
      form.put(DB_TUPLE_TYPES, schema.tupleTypes().stream().map(Keywords::of).toList());
    }
    if (schema.isComponent()) {
      form.put(DB_IS_COMPONENT, true);
    }
    if (schema.noHistory()) {
      form.put(DB_NO_HISTORY, true);
    }
    if (schema.index()) {
      form.put(DB_INDEX, true);
    }
    schema.doc().ifPresent(doc -> form.put(DB_DOC, doc));
    return form;
  }

  /**
   * Alters the options Datomic lets an existing attribute change; explicit {@code false} values
   * switch options off, which leaving them out would not. A unique attribute's index is Datomic's
   * own and is left alone.
   */
  static Map<Keyword, Object> alteration(AttributeSchema wanted) {
    Map<Keyword, Object> form = new LinkedHashMap<>();
    form.put(DB_IDENT, Keywords.of(wanted.ident()));
    form.put(DB_IS_COMPONENT, wanted.isComponent());
    form.put(DB_NO_HISTORY, wanted.noHistory());
    if (wanted.unique() == Uniqueness.NONE) {
      form.put(DB_INDEX, wanted.index());
    }
    wanted.doc().ifPresent(doc -> form.put(DB_DOC, doc));
    return form;
  }

  public static Map<Keyword, Object> enumIdent(EnumIdent ident) {
    Map<Keyword, Object> form = new LinkedHashMap<>();
    form.put(DB_IDENT, Keywords.of(ident));
    return form;
  }
}
