package io.datomize.examples.bench;

import clojure.lang.Keyword;
import java.net.URI;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The Datomic side of the Queryfeed database as the baseline loaders write it, hand-written the way
 * a user without Datomize would: the attributes Datomize's conventions derive ({@code
 * users.first_name} → {@code :user/first-name}, primary key → {@code :user/pg-id} unique identity,
 * foreign key → ref, enums → idents, {@code post_tags} → {@code :post/tags}), and one typed JDBC
 * read per column.
 */
final class QueryfeedTarget {
  static final Keyword DB_ADD = Keyword.intern("db", "add");

  /** How a column is read from JDBC and which Datomic value type it becomes. */
  enum Kind {
    LONG(":db.type/long"),
    STRING(":db.type/string"),
    DOUBLE(":db.type/double"),
    BIGDEC(":db.type/bigdec"),
    BOOLEAN(":db.type/boolean"),
    /** timestamptz. */
    INSTANT(":db.type/instant"),
    /** timestamp without time zone, read as UTC. */
    UTC_INSTANT(":db.type/instant"),
    UUID(":db.type/uuid"),
    /** text holding a UUID. */
    UUID_TEXT(":db.type/uuid"),
    /** text holding a URL. */
    URI_TEXT(":db.type/uri"),
    /** jsonb, kept as its text. */
    JSON(":db.type/string"),
    /** a PostgreSQL enum or a CHECK-listed varchar, as a ref to an ident. */
    ENUM(":db.type/ref"),
    /** a foreign key, as a lookup ref on the parent's identity. */
    REF(":db.type/ref");

    final Keyword valueType;

    Kind(String valueType) {
      this.valueType = Keyword.intern(valueType.substring(1));
    }
  }

  /**
   * A column and the attribute it becomes. {@code idents} maps enum labels; {@code parent} is a
   * ref's identity; {@code unique} marks a column with a UNIQUE constraint in the source.
   */
  record Column(
      String name,
      Keyword attribute,
      Kind kind,
      Map<String, Keyword> idents,
      Keyword parent,
      boolean unique) {
    /** The column's value at that index, ready for transaction data; {@code null} for SQL NULL. */
    Object read(ResultSet row, int index) throws SQLException {
      switch (kind) {
        case LONG:
          {
            long value = row.getLong(index);
            return row.wasNull() ? null : value;
          }
        case DOUBLE:
          {
            double value = row.getDouble(index);
            return row.wasNull() ? null : value;
          }
        case BOOLEAN:
          {
            boolean value = row.getBoolean(index);
            return row.wasNull() ? null : value;
          }
        case STRING:
        case JSON:
          return row.getString(index);
        case BIGDEC:
          return row.getBigDecimal(index);
        case INSTANT:
          {
            Timestamp value = row.getTimestamp(index);
            return value == null ? null : new Date(value.getTime());
          }
        case UTC_INSTANT:
          {
            LocalDateTime value = row.getObject(index, LocalDateTime.class);
            return value == null ? null : Date.from(value.toInstant(ZoneOffset.UTC));
          }
        case UUID:
          return row.getObject(index, java.util.UUID.class);
        case UUID_TEXT:
          {
            String value = row.getString(index);
            return value == null ? null : java.util.UUID.fromString(value);
          }
        case URI_TEXT:
          {
            String value = row.getString(index);
            return value == null ? null : URI.create(value);
          }
        case ENUM:
          {
            String value = row.getString(index);
            if (value == null) {
              return null;
            }
            Keyword ident = idents.get(value);
            if (ident == null) {
              throw new IllegalStateException(
                  "column "
                      + name
                      + " holds '"
                      + value
                      + "', which is none of "
                      + idents.keySet()
                      + ": add it to the enum of "
                      + attribute);
            }
            return ident;
          }
        case REF:
          {
            long value = row.getLong(index);
            return row.wasNull() ? null : List.of(parent, value);
          }
        default:
          throw new AssertionError(kind);
      }
    }
  }

  /** A table in load order; its first column is the primary key {@code id}, the identity. */
  record Table(String name, List<Column> columns) {
    Keyword identity() {
      return columns.get(0).attribute();
    }

    String select() {
      return "SELECT "
          + columns.stream().map(Column::name).collect(Collectors.joining(", "))
          + " FROM "
          + name
          + " ORDER BY id";
    }
  }

  static final Table USERS =
      table(
          "users",
          "user",
          uniqueColumn("email"),
          column("first_name", Kind.STRING),
          column("last_name", Kind.STRING),
          enumColumn("gender", "male", "female", "other"),
          enumColumn("source", "facebook", "google", "twitter", "email"),
          enumColumn("status", "active", "suspended", "deleted"),
          column("website", Kind.URI_TEXT),
          column("external_id", Kind.UUID_TEXT),
          column("password_hash", Kind.STRING),
          column("created_at", Kind.INSTANT),
          column("bio", Kind.STRING));
  static final Table TAGS =
      table(
          "tags",
          "tag",
          uniqueColumn("name"),
          column("description", Kind.STRING),
          column("created_at", Kind.INSTANT));
  static final Table POSTS =
      table(
          "posts",
          "post",
          ref("user_id", USERS),
          column("title", Kind.STRING),
          column("body", Kind.STRING),
          column("published_at", Kind.INSTANT),
          column("views", Kind.LONG),
          column("score", Kind.DOUBLE),
          column("pinned", Kind.BOOLEAN),
          column("language", Kind.STRING),
          column("created_at", Kind.INSTANT));
  static final Table ORDERS =
      table(
          "orders",
          "order",
          ref("user_id", USERS),
          enumColumn("state", "pending", "paid", "shipped", "cancelled"),
          column("total", Kind.BIGDEC),
          column("currency", Kind.STRING),
          column("item_count", Kind.LONG),
          column("note", Kind.STRING),
          column("created_at", Kind.INSTANT),
          column("shipped_at", Kind.INSTANT));
  static final Table IPN =
      table(
          "ipn",
          "ipn",
          ref("order_id", ORDERS),
          column("txn_id", Kind.UUID),
          column("payload", Kind.JSON),
          column("verified", Kind.BOOLEAN),
          column("received_at", Kind.UTC_INSTANT));

  /** The entity tables in an order where every parent comes before its children. */
  static final List<Table> TABLES = List.of(USERS, TAGS, POSTS, ORDERS, IPN);

  /**
   * The bridge {@code post_tags(post_id, tag_id)} becomes this cardinality-many ref on the post.
   */
  static final Keyword POST_TAGS = Keyword.intern("post", "tags");

  static final String POST_TAGS_SELECT =
      "SELECT post_id, tag_id FROM post_tags ORDER BY post_id, tag_id";

  static final String POST_TAGS_COUNT = "SELECT count(*) FROM post_tags";

  private QueryfeedTarget() {}

  /** The datom a {@code post_tags} row becomes, both ends as lookup refs. */
  static List<Object> postTag(long post, long tag) {
    return List.of(
        DB_ADD, List.of(POSTS.identity(), post), POST_TAGS, List.of(TAGS.identity(), tag));
  }

  /** The schema transaction: one attribute per column, the bridge attribute and the enum idents. */
  static List<Object> schema() {
    List<Object> tx = new ArrayList<>();
    for (Table table : TABLES) {
      for (Column column : table.columns()) {
        Map<Object, Object> attribute = new HashMap<>();
        attribute.put(kw(":db/ident"), column.attribute());
        attribute.put(kw(":db/valueType"), column.kind().valueType);
        attribute.put(kw(":db/cardinality"), kw(":db.cardinality/one"));
        if (column == table.columns().get(0)) {
          attribute.put(kw(":db/unique"), kw(":db.unique/identity"));
        } else if (column.unique()) {
          attribute.put(kw(":db/unique"), kw(":db.unique/value"));
        }
        tx.add(attribute);
        column.idents().values().forEach(ident -> tx.add(Map.of(kw(":db/ident"), ident)));
      }
    }
    tx.add(
        Map.of(
            kw(":db/ident"),
            POST_TAGS,
            kw(":db/valueType"),
            kw(":db.type/ref"),
            kw(":db/cardinality"),
            kw(":db.cardinality/many")));
    return tx;
  }

  private static Keyword kw(String name) {
    return Keyword.intern(name.substring(1));
  }

  private static Table table(String name, String namespace, ColumnSpec... columns) {
    List<Column> resolved = new ArrayList<>();
    resolved.add(
        new Column("id", Keyword.intern(namespace, "pg-id"), Kind.LONG, Map.of(), null, true));
    for (ColumnSpec spec : columns) {
      resolved.add(spec.resolve(namespace));
    }
    return new Table(name, List.copyOf(resolved));
  }

  private static ColumnSpec column(String name, Kind kind) {
    return namespace ->
        new Column(name, Keyword.intern(namespace, kebab(name)), kind, Map.of(), null, false);
  }

  private static ColumnSpec uniqueColumn(String name) {
    return namespace ->
        new Column(name, Keyword.intern(namespace, kebab(name)), Kind.STRING, Map.of(), null, true);
  }

  private static ColumnSpec enumColumn(String name, String... labels) {
    return namespace ->
        new Column(
            name,
            Keyword.intern(namespace, kebab(name)),
            Kind.ENUM,
            Arrays.stream(labels)
                .collect(
                    Collectors.toUnmodifiableMap(
                        label -> label,
                        label -> Keyword.intern(namespace + "." + kebab(name), label))),
            null,
            false);
  }

  /** A foreign key {@code x_id} becomes the ref {@code :<namespace>/x}. */
  private static ColumnSpec ref(String name, Table parent) {
    return namespace ->
        new Column(
            name,
            Keyword.intern(namespace, kebab(name.substring(0, name.length() - 3))),
            Kind.REF,
            Map.of(),
            parent.identity(),
            false);
  }

  private static String kebab(String name) {
    return name.replace('_', '-');
  }

  private interface ColumnSpec {
    Column resolve(String namespace);
  }
}
