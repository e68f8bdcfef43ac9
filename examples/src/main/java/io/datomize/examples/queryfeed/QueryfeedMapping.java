package io.datomize.examples.queryfeed;

import io.datomize.catalog.SourceSchema;
import io.datomize.mapping.Mappings;
import io.datomize.model.Converters;
import io.datomize.model.Mapping;

/**
 * The Queryfeed migration's mapping, in the DSL. It says what the hand-written {@code
 * pg-user-to-datomic} function of the Queryfeed story did line by line (renames, {@code (or x "")},
 * text to URI and UUID, {@code case} to enum idents, {@code now()} for a missing creation time, the
 * password hash left behind) and lets conventions map the rest.
 */
public final class QueryfeedMapping {
  private QueryfeedMapping() {}

  // spotless:off
  // tag::mapping[]
  public static Mapping mapping(SourceSchema schema) {
    // tag::readme[]
    return Mappings.define(schema)
        .table("users").toEntity("user").identifiedBy("id").as("pg-id")
            .column("email").to("email").unique().required()
            .column("first_name").to("first-name").defaultIfNull("")
            .column("last_name").to("last-name").defaultIfNull("")
            .column("gender").toEnum("user.gender").fallback("other").omitIfNull()
            .column("source").toEnum("user.source")
                .value("facebook", "facebook").value("google", "google")
                .value("twitter", "twitter").value("email", "email")
                .omitIfNull()
            .column("status").toEnum("user.status").required()
            .column("website").to("website").converted(Converters.textToUri()).omitIfNull()
            .column("external_id").to("external-id").converted(Converters.textToUuid()).omitIfNull()
            .column("created_at").to("created-at").defaultNowIfNull()
            .column("bio").to("bio").defaultIfNull("")
            .skip("password_hash")
        // end::readme[]
        .table("posts").toEntity("post").identifiedBy("id").as("pg-id")
            .ref("user_id").to("author").required()
            .column("body").to("body").defaultIfNull("")
            .otherColumnsByConvention()
        .table("tags").toEntity("tag").identifiedBy("id").as("pg-id")
            .otherColumnsByConvention()
        .bridge("post_tags").from("post_id").to("tag_id").as("post", "tags")
        .table("orders").toEntity("order").identifiedBy("id").as("pg-id")
            .ref("user_id").to("user").required()
            .column("state").toEnum("order.state").required()
            .otherColumnsByConvention()
        .table("ipn").toEntity("ipn").identifiedBy("id").as("pg-id")
            .ref("order_id").to("order")
            .otherColumnsByConvention()
        .build();
  }
  // end::mapping[]
  // spotless:on
}
