package io.datomize;

import io.datomize.model.TableName;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The naming and mapping rules of {@link Mappings#conventions}, also used by
 * {@link EntityStep#otherColumnsByConvention()}, {@link MappingStep#entityByConvention} and
 * {@link ColumnStep#toEnum} without values.
 *
 * <ul>
 *   <li><b>Names.</b> SQL names become kebab-case keyword names ({@link #attributeName}): lower case, {@code _} and
 *       every character that is not a letter or digit become {@code -}, a lower-to-upper case change becomes
 *       {@code -} ({@code first_name}, {@code FIRST_NAME} and {@code firstName} all give {@code first-name}; such
 *       collisions are reported, never merged), and a name that would start with a digit gets a leading {@code _}.
 *   <li><b>Namespace.</b> A table's namespace is its kebab-case name; outside the {@code public} schema the schema
 *       comes first: {@code sales.order_lines} gives {@code sales.order-lines} ({@link #namespace}).
 *   <li><b>Identity.</b> The primary key becomes the unique-identity attribute {@code <ns>/<key column>}
 *       ({@code :users/id}). A composite key becomes one tuple attribute named after its columns joined by
 *       {@code +}, Datomic's own idiom for composite tuples ({@code :film-actor/actor-id+film-id}); a column name
 *       can never contain {@code +}, so it cannot collide with a column's attribute ({@link #identityName}). A table
 *       without a primary key is identified by a unique key of not-null columns, the one foreign keys reference else
 *       the first; a table with neither by its content, the tuple {@code <ns>/content-hash+occurrence} of a hash of
 *       the row's values and its occurrence among equal rows (see {@link io.datomize.model.ContentKey}).
 *   <li><b>Key columns.</b> A single key column is the identity attribute and is not mapped again. Each column of a
 *       composite key is also mapped like any other column (its ref, or a plain attribute), so that key parts can
 *       be queried on their own.
 *   <li><b>Columns.</b> Every other column becomes {@code <ns>/<column>} with the value type of its SQL type:
 *       integers to long, numeric to bigdec, real and double precision to double, boolean, text to string, date
 *       and timestamps to instant, uuid, json and jsonb to string, bytea to bytes, arrays to cardinality many of
 *       their element type, time, interval and other types to string through {@code Converters.toText()}. A not-null
 *       column is {@code required()}; a nullable one has no null policy chosen, which behaves as
 *       {@code omitIfNull()}. A column that alone forms a unique key is {@code :db.unique/value}; a column with a
 *       single-column index otherwise gets {@code :db/index true}. Comments become {@code :db/doc}: a column's of its
 *       attribute, a table's of its identity.
 *   <li><b>Unique keys.</b> A composite unique key becomes a {@code :db.unique/value} tuple {@code <ns>/<a>+<b>}
 *       holding copies of its values; a foreign key to a unique key resolves by a lookup ref on that key's
 *       attribute.
 *   <li><b>Enums.</b> A column of a PostgreSQL enum type, or a text column whose CHECK constraint lists its values,
 *       maps to enum idents {@code :<ns>.<column>/<label>} with labels in declaration order, each named by
 *       {@link #enumIdentName} ({@code 'PG-13'} gives {@code :film.rating/pg-13}). Labels that give the same name are
 *       reported.
 *   <li><b>Refs.</b> Every foreign key none of whose columns is mapped otherwise becomes a ref attribute resolved on
 *       the referenced key (identity or unique key), {@code required()} when all its columns are not null. A single
 *       column {@code x_id} gives {@code <ns>/x}, another single column {@code <ns>/<column>}, a composite key the
 *       constraint name without the table prefix and the {@code _fkey} suffix. Foreign key columns are not also plain
 *       attributes.
 *   <li><b>Bridges.</b> A table whose primary key is exactly the columns of two foreign keys, with no other columns
 *       but bookkeeping timestamps (a default of the current time), that no foreign key references and whose owner
 *       end references the owner's identity, becomes a cardinality-many ref on its owner; the bookkeeping columns are
 *       not migrated, which plans name with the reason. Any other such table is an entity of its own. The owner
 *       is the referenced table whose name, or singular (one trailing {@code s} removed), followed by {@code _}
 *       starts the bridge's name, and the rest of the name is the attribute ({@code post_tags} gives
 *       {@code :posts/tags}, {@code film_actor} {@code :film/actor}); otherwise the owner is the table referenced by
 *       the first key column and the attribute is named after the other table; bridges that would share an
 *       attribute are named after their tables. Map a bridge as an ordinary entity
 *       with {@link MappingStep#entityByConvention} or {@link MappingStep#table}.
 * </ul>
 */
public final class Conventions {
  private Conventions() {}

  /** The kebab-case keyword name of a SQL name: {@code first_name} gives {@code first-name}. */
  public static String attributeName(String sqlName) {
    StringBuilder out = new StringBuilder(sqlName.length() + 4);
    char previous = 0;
    for (int i = 0; i < sqlName.length(); i++) {
      char c = sqlName.charAt(i);
      if (c < 128 && Character.isLetterOrDigit(c)) {
        if (Character.isUpperCase(c) && (Character.isLowerCase(previous) || Character.isDigit(previous))) {
          out.append('-');
        }
        out.append(Character.toLowerCase(c));
      } else {
        out.append('-');
      }
      previous = c;
    }
    return keywordSafe(out.toString());
  }

  /** The namespace of a table's entities: {@code public.order_lines} gives {@code order-lines}. */
  public static String namespace(TableName table) {
    String name = attributeName(table.name());
    return TableName.DEFAULT_SCHEMA.equals(table.schema()) ? name : attributeName(table.schema()) + "." + name;
  }

  /** The name of the identity attribute of these key columns: {@code id}, or {@code actor-id+film-id}. */
  public static String identityName(List<String> keyColumns) {
    return keyColumns.stream().map(Conventions::attributeName).collect(Collectors.joining("+"));
  }

  /** The name of the enum ident of a label: lower case, anything but letters and digits becomes {@code -}. */
  public static String enumIdentName(String label) {
    return keywordSafe(label.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "-"));
  }

  private static String keywordSafe(String name) {
    return name.isEmpty() || Character.isDigit(name.charAt(0)) ? "_" + name : name;
  }
}
