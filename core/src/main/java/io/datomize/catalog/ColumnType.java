package io.datomize.catalog;

import java.util.Optional;
import org.immutables.value.Value;

/**
 * The SQL type of a column: the catalog's type name, its family and, for arrays, the element's.
 * Domains are already resolved to their base type by the catalog reader.
 */
@Value.Immutable
public abstract class ColumnType {
  /**
   * The catalog's name of the (element) type, e.g. {@code int4}, {@code varchar}, {@code
   * mpaa_rating}.
   */
  public abstract String sqlName();

  /** The family of the type, or of the element type for an array. */
  public abstract TypeFamily family();

  /** Whether the column holds an array of {@link #family()} values. */
  @Value.Default
  public boolean isArray() {
    return false;
  }

  /**
   * The array dimensions the column declares ({@code int[][]} gives 2); 0 for a scalar. PostgreSQL
   * does not enforce the declared count, so a value may still have other dimensions.
   */
  @Value.Default
  public int dimensions() {
    return isArray() ? 1 : 0;
  }

  /**
   * For {@link TypeFamily#ENUM}: the schema-qualified name of the enum type, e.g. {@code
   * public.mpaa_rating}.
   */
  public abstract Optional<String> enumType();

  public abstract Optional<Integer> precision();

  public abstract Optional<Integer> scale();

  public static ColumnType of(String sqlName, TypeFamily family) {
    return builder().sqlName(sqlName).family(family).build();
  }

  public static ColumnType arrayOf(String elementSqlName, TypeFamily elementFamily) {
    return builder().sqlName(elementSqlName).family(elementFamily).isArray(true).build();
  }

  public static ColumnType enumOf(String qualifiedEnumType) {
    return builder()
        .sqlName(qualifiedEnumType.substring(qualifiedEnumType.indexOf('.') + 1))
        .family(TypeFamily.ENUM)
        .enumType(qualifiedEnumType)
        .build();
  }

  public static Builder builder() {
    return new Builder();
  }

  @Value.Check
  protected void check() {
    if ((family() == TypeFamily.ENUM) != enumType().isPresent()) {
      throw new IllegalArgumentException(
          "type " + sqlName() + ": an enum type name is given exactly when the family is ENUM");
    }
    if (isArray() != (dimensions() > 0)) {
      throw new IllegalArgumentException(
          "type " + sqlName() + ": an array has at least one dimension, a scalar none");
    }
  }

  @Override
  public String toString() {
    return sqlName() + "[]".repeat(dimensions());
  }

  public static class Builder extends ImmutableColumnType.Builder {}
}
