package io.datomize.jdbc.internal;

import io.datomize.catalog.EnumCandidate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.Param;
import org.jooq.Parser;
import org.jooq.SQLDialect;
import org.jooq.TableField;
import org.jooq.conf.ParseNameCase;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.jooq.impl.ParserException;
import org.jooq.impl.QOM;

/**
 * Recognises CHECK constraints that only list the values a column may take, read by jOOQ's SQL
 * parser from the form PostgreSQL prints them in ({@code pg_get_constraintdef}): {@code CHECK
 * ((status = ANY (ARRAY['a'::text, 'b'::text])))} with the casts and parentheses it adds, {@code
 * CHECK (status IN ('a', 'b'))}, or {@code CHECK (((status = 'a') OR (status = 'b')))}.
 */
public final class EnumChecks {
  private static final String CHECK = "CHECK ";

  static {
    QuietJooq.apply();
  }

  /** Unquoted names fold to lower case, as PostgreSQL folds them. */
  private static final Parser PARSER =
      DSL.using(
              SQLDialect.POSTGRES,
              new Settings()
                  .withParseDialect(SQLDialect.POSTGRES)
                  .withParseNameCase(ParseNameCase.LOWER_IF_UNQUOTED))
          .parser();

  private EnumChecks() {}

  /**
   * The candidate when {@code definition} only lists string values for one column; empty otherwise.
   */
  public static Optional<EnumCandidate> parse(String definition) {
    // a constraint marked NOT VALID or NO INHERIT has text after the condition, which the parse
    // then refuses: rows
    // that break a NOT VALID constraint may exist, so its list is not the column's values
    if (!definition.regionMatches(true, 0, CHECK, 0, CHECK.length())) {
      return Optional.empty();
    }
    Condition condition;
    try {
      condition = PARSER.parseCondition(definition.substring(CHECK.length()));
    } catch (ParserException e) {
      return Optional.empty();
    }
    List<String> values = new ArrayList<>();
    return column(condition, values)
        .filter(c -> !values.isEmpty())
        .map(c -> EnumCandidate.of(c, values));
  }

  /**
   * The one column that {@code condition} compares with string values, adding them to {@code
   * values}.
   */
  private static Optional<String> column(Condition condition, List<String> values) {
    if (condition instanceof QOM.Or or) {
      Optional<String> left = column(or.$arg1(), values);
      Optional<String> right = column(or.$arg2(), values);
      return left.isPresent() && left.equals(right) ? left : Optional.empty();
    }
    if (condition instanceof QOM.Eq<?> eq) {
      return strings(List.of(eq.$arg2()), values) ? name(eq.$arg1()) : Optional.empty();
    }
    if (condition instanceof QOM.InList<?> in) {
      return strings(in.$arg2(), values) ? name(in.$arg1()) : Optional.empty();
    }
    if (condition instanceof QOM.EqQuantified<?> eq
        && eq.$arg2() instanceof QOM.QuantifiedArray<?> any
        && any.$quantifier() == QOM.Quantifier.ANY) {
      return strings(List.of(any.$array()), values) ? name(eq.$arg1()) : Optional.empty();
    }
    return Optional.empty();
  }

  /** A column, perhaps cast to text, by its name. */
  private static Optional<String> name(Field<?> field) {
    Field<?> bare = withoutCasts(field);
    return bare instanceof TableField<?, ?> column
        ? Optional.of(column.getName())
        : Optional.empty();
  }

  /**
   * Adds string literals, with any casts, and the elements of arrays of them (nested arrays too:
   * {@code = ANY} reads every element); false when anything else is among them.
   */
  private static boolean strings(List<? extends Field<?>> fields, List<String> values) {
    for (Field<?> field : fields) {
      Field<?> bare = withoutCasts(field);
      if (bare instanceof QOM.Array<?> array) {
        if (!strings(array.$elements(), values)) {
          return false;
        }
      } else if (bare instanceof Param<?> param && param.getValue() instanceof String text) {
        values.add(text);
      } else {
        return false;
      }
    }
    return true;
  }

  private static Field<?> withoutCasts(Field<?> field) {
    Field<?> bare = field;
    while (bare instanceof QOM.Cast<?> cast) {
      bare = cast.$field();
    }
    return bare;
  }
}
