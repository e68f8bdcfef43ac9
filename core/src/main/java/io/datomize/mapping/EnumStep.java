package io.datomize.mapping;

import io.datomize.target.EnumIdent;
import java.util.Map;

/** The values of an enum column; an unlisted value is a row error unless a fallback is given. */
public interface EnumStep extends ColumnOptionsStep {
  /**
   * {@code .value("facebook", "facebook")}: the source value to an ident name in the enum
   * namespace.
   */
  EnumStep value(String sourceValue, String identName);

  EnumStep value(String sourceValue, EnumIdent ident);

  /** Source values to ident names in the enum namespace, in the map's iteration order. */
  EnumStep values(Map<String, String> sourceValueToIdentName);

  /** The ident, in the enum namespace, of every value not listed. */
  EnumStep fallback(String identName);

  EnumStep fallback(EnumIdent ident);
}
