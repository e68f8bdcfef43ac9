package io.datomize.mapping;

import io.datomize.catalog.ForeignKey;
import io.datomize.catalog.SourceSchema;
import io.datomize.catalog.Table;
import io.datomize.catalog.TableName;
import io.datomize.model.Naming;
import io.github.encryptorcode.pluralize.Pluralize;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The naming and mapping rules of {@link Mappings#conventions}, also used by {@link
 * EntityStep#otherColumnsByConvention()}, {@link MappingStep#entityByConvention} and {@link
 * ColumnStep#toEnum} without values.
 *
 * <p>Names follow {@link Naming#IDIOMATIC} unless {@link MappingStep#naming} chooses {@link
 * Naming#LITERAL}, the kebab-case table and column names of earlier versions (ASCII only, plural
 * namespaces, no prefix dropped).
 *
 * <ul>
 *   <li><b>Names.</b> SQL names become kebab-case keyword names ({@link #attributeName}): lower
 *       case, {@code _} and every character that is not a letter (of any script) or digit become
 *       {@code -}, a lower-to-upper case change becomes {@code -} ({@code first_name}, {@code
 *       FIRST_NAME} and {@code firstName} all give {@code first-name}; such collisions are
 *       reported, never merged), and a name that would start with a digit gets a leading {@code _}.
 *       {@code Straße} gives {@code straße}.
 *   <li><b>Namespace.</b> A table's namespace is its kebab-case name with the last word in the
 *       singular, by the English rules of the pluralize library ({@link #singular}); outside the
 *       {@code public} schema the schema comes first: {@code sales.order_lines} gives {@code
 *       sales.order-line} ({@link #namespace}). Tables whose singular namespaces would be equal
 *       ({@code user} and {@code users}) keep their kebab-case names instead. A namespace that
 *       Datomic or Datomize keeps for itself ({@code db}, {@code db.*}, {@code datomize}, {@code
 *       datomize.*}) gets the prefix {@code pg-}: a table {@code dbs} gives {@code pg-db}.
 *   <li><b>Prefixes.</b> A column whose kebab-case name starts with the table's singular or name
 *       and {@code -} drops that prefix, unless another column of the table already has the rest as
 *       its name: {@code categories.category_name} gives {@code :category/name}, but {@code
 *       :category/category-name} when the table also has a {@code name} column.
 *   <li><b>Identity.</b> The primary key becomes the unique-identity attribute {@code <ns>/<key
 *       column>} ({@code users.user_id} gives {@code :user/id}). A composite key becomes one tuple
 *       attribute named after its columns joined by {@code +} ({@code
 *       :film-actor/actor-id+film-id}): a heterogeneous tuple ({@code :db/tupleTypes}) holding
 *       copies of the key values, not a {@code :db/tupleAttrs} composite, so that a composite
 *       foreign key resolves as a lookup ref on it even where the key columns are not mapped on
 *       their own; a column name can never contain {@code +}, so it cannot collide with a column's
 *       attribute ({@link #identityName}). A table without a primary key is identified by a unique
 *       key of not-null columns, the one foreign keys reference else the first; a table with
 *       neither by its content, the tuple {@code <ns>/content-hash+occurrence} of a hash of the
 *       row's values and its occurrence among equal rows (see {@link io.datomize.spi.ContentKey}).
 *   <li><b>Key columns.</b> A single key column is the identity attribute and is not mapped again.
 *       Each column of a composite key is also mapped like any other column (its ref, or a plain
 *       attribute), so that key parts can be queried on their own.
 *   <li><b>Columns.</b> Every other column becomes {@code <ns>/<column>} with the value type of its
 *       SQL type: integers to long, numeric to bigdec, real and double precision to double,
 *       boolean, text to string, date and timestamps to instant, uuid, json and jsonb to string,
 *       bytea to bytes, arrays to cardinality many of their element type, time, interval and other
 *       types to string through {@code Converters.toText()}. A not-null column is {@code
 *       required()}; a nullable one has no null policy chosen, which behaves as {@code
 *       omitIfNull()}. A column that alone forms a unique key is {@code :db.unique/value}; a column
 *       with a single-column index otherwise gets {@code :db/index true}. Comments become {@code
 *       :db/doc}: a column's of its attribute, a table's of its identity.
 *   <li><b>Unique keys.</b> A composite unique key becomes a {@code :db.unique/value} tuple {@code
 *       <ns>/<a>+<b>} holding copies of its values; a foreign key to a unique key resolves by a
 *       lookup ref on that key's attribute.
 *   <li><b>Enums.</b> A column of a PostgreSQL enum type, or a text column whose CHECK constraint
 *       lists its values, maps to enum idents {@code :<ns>.<column>/<label>} with labels in
 *       declaration order, each named by {@link #enumIdentName} ({@code 'PG-13'} gives {@code
 *       :film.rating/pg-13}). Labels that give the same name are reported.
 *   <li><b>Refs.</b> Every foreign key none of whose columns is mapped otherwise becomes a ref
 *       attribute resolved on the referenced key (identity or unique key), {@code required()} when
 *       all its columns are not null. A single column gives its attribute name without a trailing
 *       {@code -id} ({@code posts.user_id} gives {@code :post/user}, {@code InvoiceLine.InvoiceId}
 *       {@code :invoice-line/invoice}), a composite key the constraint name without the table
 *       prefix and the {@code _fkey} suffix. Foreign key columns are not also plain attributes.
 *   <li><b>Bridges.</b> A table whose primary key is exactly the columns of two foreign keys (or
 *       one integer column beside a not-null unique key that is, as Django's many-to-many tables
 *       have), with no other columns but bookkeeping timestamps (a default of the current time),
 *       that no foreign key references and whose owner end references the owner's identity, becomes
 *       a cardinality-many ref on its owner; the bookkeeping columns and the integer key are not
 *       migrated, which plans and reports name with the reason. Any other such table is an entity
 *       of its own. The owner is the referenced table whose kebab-case name, or its singular,
 *       followed by {@code -} starts the bridge's name, and the rest of the name in the plural is
 *       the attribute ({@code post_tags} gives {@code :post/tags}, {@code film_actor} {@code
 *       :film/actors}); otherwise the owner is the table referenced by the first key column and the
 *       attribute is the other table's name in the plural; bridges that would share an attribute
 *       are named after their tables. Map a bridge as an ordinary entity with {@link
 *       MappingStep#entityByConvention} or {@link MappingStep#table}.
 * </ul>
 */
public final class Conventions {
  /**
   * Uncountable in the plural as tables use them, though the inflection rules make them {@code
   * datum}.
   */
  private static final Set<String> UNCHANGED = Set.of("data", "metadata");

  private static final List<String> RESERVED_NAMESPACES = List.of("db", "datomize");

  /** What a table's namespace starts with when it would otherwise be reserved. */
  static final String RESERVED_PREFIX = "pg-";

  private final SourceSchema schema;
  private final Naming naming;
  private Map<TableName, String> namespaces;

  Conventions(SourceSchema schema, Naming naming) {
    this.schema = schema;
    this.naming = naming;
  }

  /**
   * The kebab-case keyword name of a SQL name: {@code first_name} gives {@code first-name}, {@code
   * Straße} gives {@code straße}.
   */
  public static String attributeName(String sqlName) {
    return keywordName(sqlName, Naming.IDIOMATIC);
  }

  /**
   * The singular of the last word of a kebab-case name, by the English inflection rules of the
   * pluralize library: {@code order-details} gives {@code order-detail}, {@code people} gives
   * {@code person}; uncountable and already singular words ({@code news}, {@code staff}, {@code
   * status}, {@code analysis}) stay as they are.
   */
  public static String singular(String name) {
    int dash = name.lastIndexOf('-');
    String word = name.substring(dash + 1);
    if (UNCHANGED.contains(word) || !Pluralize.isPlural(word)) {
      return name;
    }
    String singular = Pluralize.singular(word);
    return singular.isEmpty() ? name : name.substring(0, dash + 1) + singular;
  }

  /**
   * The namespace of a table's entities by default, before collisions with other tables are
   * considered: {@code public.order_lines} gives {@code order-line}, {@code sales.order_lines}
   * gives {@code sales.order-line}.
   */
  public static String namespace(TableName table) {
    return namespace(table, Naming.IDIOMATIC, true);
  }

  /**
   * The name of the identity attribute of these key columns: {@code id}, or {@code
   * actor-id+film-id}.
   */
  public static String identityName(List<String> keyColumns) {
    return keyColumns.stream().map(Conventions::attributeName).collect(Collectors.joining("+"));
  }

  /**
   * The name of the enum ident of a label: lower case, anything but letters and digits becomes
   * {@code -}.
   */
  public static String enumIdentName(String label) {
    return enumIdentName(label, Naming.IDIOMATIC);
  }

  /**
   * The namespace of a table: singular, unless another table of the schema has the same singular
   * namespace.
   */
  String namespaceOf(TableName table) {
    if (naming == Naming.LITERAL) {
      return namespace(table, naming, false);
    }
    if (namespaces == null) {
      Map<String, Long> counts =
          schema.tables().stream()
              .collect(
                  Collectors.groupingBy(
                      t -> namespace(t.name(), naming, true), Collectors.counting()));
      namespaces = new HashMap<>();
      schema
          .tables()
          .forEach(
              t -> {
                String singular = namespace(t.name(), naming, true);
                namespaces.put(
                    t.name(),
                    counts.get(singular) > 1 ? namespace(t.name(), naming, false) : singular);
              });
    }
    return namespaces.computeIfAbsent(table, t -> namespace(t, naming, true));
  }

  /**
   * The attribute name of a column: its keyword name, without a leading table name (singular or as
   * it is) and {@code -} when that leaves a name no other column of the table has.
   */
  String columnName(Table table, String column) {
    String name = keywordName(column, naming);
    if (naming == Naming.LITERAL) {
      return name;
    }
    String tableName = keywordName(table.name().name(), naming);
    for (String prefix : new LinkedHashSet<>(List.of(singular(tableName) + "-", tableName + "-"))) {
      if (name.startsWith(prefix) && name.length() > prefix.length()) {
        String rest = keywordSafe(name.substring(prefix.length()));
        boolean taken =
            table.columns().stream()
                .anyMatch(
                    c -> !c.name().equals(column) && keywordName(c.name(), naming).equals(rest));
        if (!taken) {
          return rest;
        }
      }
    }
    return name;
  }

  /** The identity attribute's name: the names of the key columns, joined by {@code +}. */
  String identityNameOf(Table table, List<String> keyColumns) {
    return keyColumns.stream().map(c -> columnName(table, c)).collect(Collectors.joining("+"));
  }

  /** The ref attribute's name of a foreign key; see the class documentation. */
  String refName(Table table, ForeignKey fk) {
    if (fk.columns().size() == 1) {
      String column = fk.columns().get(0);
      if (naming == Naming.LITERAL) {
        boolean idSuffix = column.length() > 3 && column.toLowerCase(Locale.ROOT).endsWith("_id");
        return keywordName(idSuffix ? column.substring(0, column.length() - 3) : column, naming);
      }
      String name = columnName(table, column);
      return name.length() > 3 && name.endsWith("-id")
          ? name.substring(0, name.length() - 3)
          : name;
    }
    String name = fk.name();
    String prefix = table.name().name() + "_";
    if (name.startsWith(prefix) && name.length() > prefix.length()) {
      name = name.substring(prefix.length());
    }
    return keywordName(name.replaceFirst("_(fkey|fk)$", ""), naming);
  }

  /**
   * The cardinality-many attribute of a bridge whose name starts with its owner's: the rest of the
   * bridge's name, in the plural ({@code post_tags} gives {@code tags}, {@code film_actor} gives
   * {@code actors}); empty when the bridge's name does not start with the owner's name or singular.
   */
  Optional<String> bridgeName(TableName bridge, TableName owner) {
    if (naming == Naming.LITERAL) {
      String ownerName = owner.name();
      String oneLess =
          ownerName.length() > 1 && ownerName.endsWith("s")
              ? ownerName.substring(0, ownerName.length() - 1)
              : ownerName;
      for (String prefix : List.of(ownerName + "_", oneLess + "_")) {
        if (bridge.name().startsWith(prefix) && bridge.name().length() > prefix.length()) {
          return Optional.of(keywordName(bridge.name().substring(prefix.length()), naming));
        }
      }
      return Optional.empty();
    }
    String name = keywordName(bridge.name(), naming);
    String ownerName = keywordName(owner.name(), naming);
    for (String prefix : List.of(ownerName + "-", singular(ownerName) + "-")) {
      if (name.startsWith(prefix) && name.length() > prefix.length()) {
        return Optional.of(plural(keywordSafe(name.substring(prefix.length()))));
      }
    }
    return Optional.empty();
  }

  /**
   * The attribute of a bridge named after the table it refers to: {@code tags}, or {@code actors}.
   */
  String bridgeNameAfter(TableName target) {
    String name = keywordName(target.name(), naming);
    return naming == Naming.LITERAL ? name : plural(name);
  }

  String enumIdentNameOf(String label) {
    return enumIdentName(label, naming);
  }

  private static String plural(String name) {
    int dash = name.lastIndexOf('-');
    String word = name.substring(dash + 1);
    return word.isEmpty()
            || Character.isDigit(word.codePointAt(word.length() - 1))
            || Pluralize.isPlural(word)
        ? name
        : name.substring(0, dash + 1) + Pluralize.plural(word);
  }

  private static String namespace(TableName table, Naming naming, boolean singular) {
    String name = keywordName(table.name(), naming);
    if (singular) {
      name = singular(name);
    }
    String namespace =
        TableName.DEFAULT_SCHEMA.equals(table.schema())
            ? name
            : keywordName(table.schema(), naming) + "." + name;
    return reserved(namespace) ? RESERVED_PREFIX + namespace : namespace;
  }

  /**
   * Whether a namespace is taken: Datomic keeps {@code db} and {@code db.*} for itself, and
   * Datomize its run records under {@code datomize.*}; {@code datomize} goes with them.
   */
  static boolean reserved(String namespace) {
    return RESERVED_NAMESPACES.stream()
        .anyMatch(taken -> namespace.equals(taken) || namespace.startsWith(taken + "."));
  }

  private static String keywordName(String sqlName, Naming naming) {
    StringBuilder out = new StringBuilder(sqlName.length() + 4);
    int previous = 0;
    boolean literal = naming == Naming.LITERAL;
    for (int i = 0; i < sqlName.length(); ) {
      int c = literal ? sqlName.charAt(i) : sqlName.codePointAt(i);
      i += literal ? 1 : Character.charCount(c);
      if (literal ? c < 128 && Character.isLetterOrDigit(c) : keywordLetter(c)) {
        if (Character.isUpperCase(c)
            && (Character.isLowerCase(previous) || Character.isDigit(previous))) {
          out.append('-');
        }
        out.appendCodePoint(Character.toLowerCase(c));
      } else {
        out.append('-');
      }
      previous = c;
    }
    return keywordSafe(out.toString());
  }

  private static String enumIdentName(String label, Naming naming) {
    if (naming == Naming.LITERAL) {
      return keywordSafe(label.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "-"));
    }
    StringBuilder out = new StringBuilder(label.length());
    label
        .toLowerCase(Locale.ROOT)
        .codePoints()
        .forEach(c -> out.appendCodePoint(keywordLetter(c) ? c : '-'));
    return keywordSafe(out.toString());
  }

  /**
   * Letters (with their combining marks) and digits of any script: what a keyword holds besides
   * punctuation.
   */
  private static boolean keywordLetter(int c) {
    int type = Character.getType(c);
    return Character.isLetter(c)
        || type == Character.DECIMAL_DIGIT_NUMBER
        || type == Character.NON_SPACING_MARK
        || type == Character.COMBINING_SPACING_MARK
        || type == Character.ENCLOSING_MARK;
  }

  private static String keywordSafe(String name) {
    return name.isEmpty() || Character.isDigit(name.codePointAt(0)) ? "_" + name : name;
  }
}
