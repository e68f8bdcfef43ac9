package io.datomize.mapping;

import io.datomize.catalog.SourceSchema;
import io.datomize.model.Mapping;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Where mappings start. Write one by hand with {@link #define}, or start from {@link #conventions}
 * and override what you want otherwise:
 *
 * <pre>{@code
 * Mapping mapping = Mappings.define(schema)
 *     .table("users").toEntity("user").identifiedBy("id").as("pg-id")
 *         .column("first_name").to("first-name").defaultIfNull("")
 *         .column("website").to("website").converted(Converters.textToUri())
 *         .column("source").toEnum("user.source").value("facebook", "facebook").value("google", "google")
 *         .ref("company_id").to("company").required()
 *         .skip("password_hash")
 *         .otherColumnsByConvention()
 *     .bridge("post_tags").from("post_id").to("tag_id").as("post", "tags")
 *     .skipOtherTables()
 *     .build();
 * }</pre>
 */
public final class Mappings {
  private Mappings() {}

  /**
   * A mapping written table by table. Tables not mentioned are reported unless skipped, and so are
   * columns of a mapped table that are not mapped, referenced or skipped: nothing is dropped
   * silently.
   */
  public static MappingStep define(SourceSchema schema) {
    return new MappingDsl(schema, false);
  }

  /**
   * A complete mapping derived by the rules of {@link Conventions}: every table not mentioned is
   * mapped by them, a table given with {@link MappingStep#table} replaces the convention's
   * namespace and identity and maps the columns it does not mention by convention. Name collisions
   * are reported by {@link MappingStep#build()}, never merged.
   */
  public static MappingStep conventions(SourceSchema schema) {
    return new MappingDsl(schema, true);
  }

  /**
   * The problems of a mapping built with the model's builders, checked as {@link
   * MappingStep#build()} checks a DSL mapping; empty when it fits the schema.
   */
  public static List<MappingProblem> validate(Mapping mapping, SourceSchema schema) {
    Objects.requireNonNull(mapping, "mapping");
    return new MappingValidator(Objects.requireNonNull(schema, "schema"), Set.of(), Map.of())
        .validate(mapping);
  }

  /**
   * The mapping as DSL source to paste into a Java file and edit: a {@code Mappings.define(schema)}
   * expression that builds an equal mapping against the same schema. What the schema implies (value
   * types, enum values named by convention) is left out. Custom converters are printed as
   * placeholders to replace with your instances.
   */
  public static String toJavaSource(Mapping mapping, SourceSchema schema) {
    return new JavaSourcePrinter(Objects.requireNonNull(schema, "schema"))
        .print(Objects.requireNonNull(mapping, "mapping"));
  }
}
