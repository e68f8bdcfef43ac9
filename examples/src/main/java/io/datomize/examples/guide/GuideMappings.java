package io.datomize.examples.guide;

// spotless:off
// tag::mapping-imports[]
import io.datomize.catalog.SourceSchema;
import io.datomize.mapping.Mappings;
import io.datomize.model.Converters;
import io.datomize.model.Mapping;
import io.datomize.model.ValueConverter;
import io.datomize.target.ValueType;
import java.time.ZoneId;
// end::mapping-imports[]
// spotless:on

/** The guide's mappings, each written against the Queryfeed example database. */
public final class GuideMappings {
  // spotless:off
  // tag::custom-converter[]
  static final ValueConverter TRIMMED = Converters.custom("trimmed", ValueType.STRING,
      text -> ((String) text).strip());
  // end::custom-converter[]
  // spotless:on

  private GuideMappings() {}

  /** Conventions with one table's namespace and identity chosen, one column left behind. */
  public static Mapping conventionsWithOverrides(SourceSchema schema) {
    // spotless:off
    // tag::conventions-override[]
    Mapping mapping = Mappings.conventions(schema)
        .table("users").toEntity("user").identifiedBy("id").as("pg-id")
            .skip("password_hash")
        .build();
    // end::conventions-override[]
    // spotless:on
    return mapping;
  }

  /** Every option of a column. */
  public static Mapping columnOptions(SourceSchema schema) {
    // spotless:off
    // tag::columns[]
    Mapping mapping = Mappings.define(schema)
        .table("users").toEntity("user").identifiedBy("id").as("pg-id")
            .column("email").to("email").unique().required()
            .column("first_name").to("first-name").defaultIfNull("").doc("Given name")
            .column("website").to("website").converted(Converters.textToUri()).omitIfNull()
            .column("external_id").to("external-id").converted(Converters.textToUuid())
            .column("created_at").to("created-at").defaultNowIfNull()
            .column("bio").to("bio").noHistory()
            .skip("password_hash")
            .otherColumnsByConvention()
        .table("orders").toEntity("order").identifiedBy("id")
            .column("item_count").to("item-count").valueType(ValueType.BIGINT)
            .otherColumnsByConvention()
        .skipOtherTables()
        .build();
    // end::columns[]
    // spotless:on
    return mapping;
  }

  /** Enum columns: listed values with a fallback, and values taken from the database. */
  public static Mapping enums(SourceSchema schema) {
    // spotless:off
    // tag::enums[]
    Mapping mapping = Mappings.define(schema)
        .table("users").toEntity("user").identifiedBy("id")
            .column("source").toEnum("user.source")
                .value("facebook", "facebook").value("google", "google")
                .fallback("other")
            .column("status").toEnum("user.status").required()
            .otherColumnsByConvention()
        .skipOtherTables()
        .build();
    // end::enums[]
    // spotless:on
    return mapping;
  }

  /** Foreign keys as refs, and a bridge table as a cardinality-many ref. */
  public static Mapping refsAndBridges(SourceSchema schema) {
    // spotless:off
    // tag::refs[]
    Mapping mapping = Mappings.define(schema)
        .table("users").toEntity("user").identifiedBy("id")
            .otherColumnsByConvention()
        .table("posts").toEntity("post").identifiedBy("id")
            .ref("user_id").to("author").required().doc("Who wrote the post")
            .otherColumnsByConvention()
        .table("tags").toEntity("tag").identifiedBy("id")
            .otherColumnsByConvention()
        .bridge("post_tags").from("post_id").to("tag_id").as("post", "tags")
        .skipTable("orders", "ipn")
        .build();
    // end::refs[]
    // spotless:on
    return mapping;
  }

  /** Mapping-wide options, and a converter of one's own. */
  public static Mapping mappingOptions(SourceSchema schema) {
    // spotless:off
    // tag::mapping-options[]
    Mapping mapping = Mappings.conventions(schema)
        .table("posts").toEntity("post").identifiedBy("id")
            .column("title").to("title").converted(TRIMMED)
            .otherColumnsByConvention()
        .entityByConvention("post_tags")
        .zone(ZoneId.of("Europe/Paris"))
        .allowNonFiniteNumbers()
        .build();
    // end::mapping-options[]
    // spotless:on
    return mapping;
  }

  /** A mapping that must choose a null policy for every nullable column. */
  public static Mapping strict(SourceSchema schema) {
    // spotless:off
    // tag::strict-nulls[]
    Mapping mapping = Mappings.define(schema)
        .table("tags").toEntity("tag").identifiedBy("id")
            .column("description").to("description").defaultIfNull("")
            .otherColumnsByConvention()
        .skipOtherTables()
        .strictNulls()
        .build();
    // end::strict-nulls[]
    // spotless:on
    return mapping;
  }

  /** The conventions' mapping as Java source to paste and edit. */
  public static String printedConventions(SourceSchema schema) {
    // spotless:off
    // tag::print-source[]
    Mapping mapping = Mappings.conventions(schema).build();
    String javaSource = Mappings.toJavaSource(mapping, schema);
    // end::print-source[]
    // spotless:on
    return javaSource;
  }
}
