package io.datomize.datomic.internal;

import static io.datomize.datomic.internal.Keywords.DB_DOC;
import static io.datomize.datomic.internal.Keywords.DB_TUPLE_TYPES;

import clojure.lang.Keyword;
import datomic.Database;
import datomic.Entity;
import io.datomize.target.AttributeSchema;
import io.datomize.target.Cardinality;
import io.datomize.target.Uniqueness;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * An attribute as a Datomic database has it, in Datomic's terms: the target may hold attributes
 * Datomize would never define (a {@code :db.type/fn}, a composite tuple), and they must still be
 * compared and reported.
 */
public record InstalledAttribute(
    Keyword ident,
    Object valueType,
    Cardinality cardinality,
    Uniqueness unique,
    boolean isComponent,
    boolean noHistory,
    boolean index,
    List<Object> tupleTypes,
    Optional<String> doc) {

  /** The attribute named {@code ident}; empty when the database has no attribute of that name. */
  public static Optional<InstalledAttribute> read(Database db, Keyword ident) {
    datomic.Attribute attribute = db.attribute(ident);
    if (attribute == null) {
      return Optional.empty();
    }
    Entity entity = db.entity(ident);
    Object tupleTypes = entity.get(DB_TUPLE_TYPES);
    return Optional.of(
        new InstalledAttribute(
            ident,
            attribute.valueType(),
            Keywords.cardinality(attribute.cardinality()),
            Keywords.uniqueness(attribute.unique()),
            attribute.isComponent(),
            attribute.hasNoHistory(),
            attribute.isIndexed(),
            tupleTypes instanceof Collection<?> types ? List.copyOf(types) : List.of(),
            Optional.ofNullable((String) entity.get(DB_DOC))));
  }

  /**
   * Differences Datomic cannot alter in place; each is one line naming the attribute, both sides
   * and the fix.
   */
  public List<String> conflictsWith(AttributeSchema wanted) {
    List<String> conflicts = new ArrayList<>();
    Object wantedType = Keywords.of(wanted.valueType());
    if (!wantedType.equals(valueType)) {
      conflicts.add(conflict("value type " + valueType, "value type " + wantedType));
    }
    if (cardinality != wanted.cardinality()) {
      conflicts.add(conflict(cardinality.ident(), wanted.cardinality().ident()));
    }
    if (unique != wanted.unique()) {
      conflicts.add(conflict(describe(unique), describe(wanted.unique())));
    }
    List<Object> wantedTuple =
        wanted.tupleTypes().stream().map(t -> (Object) Keywords.of(t)).toList();
    if (wantedType.equals(valueType) && !wantedTuple.equals(tupleTypes)) {
      conflicts.add(conflict("tuple types " + edn(tupleTypes), "tuple types " + edn(wantedTuple)));
    }
    return conflicts;
  }

  /**
   * True when installing {@code wanted} would change nothing; a wanted doc of none leaves any doc
   * in place.
   */
  public boolean sameAs(AttributeSchema wanted) {
    return conflictsWith(wanted).isEmpty()
        && isComponent == wanted.isComponent()
        && noHistory == wanted.noHistory()
        && (wanted.unique() != Uniqueness.NONE || index == wanted.index())
        && (wanted.doc().isEmpty() || wanted.doc().equals(doc));
  }

  private String conflict(String has, String wants) {
    return ident
        + " has "
        + has
        + " in the target, the mapping wants "
        + wants
        + " (rename the attribute in the mapping, or migrate into a database without it)";
  }

  private static String edn(List<Object> keywords) {
    return keywords.stream().map(String::valueOf).collect(Collectors.joining(" ", "[", "]"));
  }

  private static String describe(Uniqueness uniqueness) {
    return uniqueness == Uniqueness.NONE ? "no uniqueness" : uniqueness.ident();
  }
}
