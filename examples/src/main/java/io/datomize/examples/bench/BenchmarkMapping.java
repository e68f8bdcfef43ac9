package io.datomize.examples.bench;

import io.datomize.catalog.SourceSchema;
import io.datomize.mapping.Mappings;
import io.datomize.model.Converters;
import io.datomize.model.Mapping;

/**
 * The mapping the {@link DatomizeLoader} loads with: the attributes of {@link QueryfeedTarget},
 * which the baselines write, so that every loader is checked by the same {@link LoadVerifier}.
 * Conventions give all of it but the singular namespaces ({@code users} → {@code user}), the {@code
 * pg-id} identities and the two text columns the baselines parse into a URI and a UUID; nulls are
 * omitted everywhere, as the baselines omit them. The Queryfeed story's own mapping ({@link
 * io.datomize.examples.queryfeed.QueryfeedMapping}) says more (defaults, a skipped column, {@code
 * :post/author}), so it would assert other datoms than the baselines.
 */
final class BenchmarkMapping {
  private BenchmarkMapping() {}

  static Mapping mapping(SourceSchema schema) {
    return Mappings.define(schema)
        .table("users")
        .toEntity("user")
        .identifiedBy("id")
        .as("pg-id")
        .column("website")
        .to("website")
        .converted(Converters.textToUri())
        .omitIfNull()
        .column("external_id")
        .to("external-id")
        .converted(Converters.textToUuid())
        .omitIfNull()
        .otherColumnsByConvention()
        .table("tags")
        .toEntity("tag")
        .identifiedBy("id")
        .as("pg-id")
        .otherColumnsByConvention()
        .table("posts")
        .toEntity("post")
        .identifiedBy("id")
        .as("pg-id")
        .otherColumnsByConvention()
        .bridge("post_tags")
        .from("post_id")
        .to("tag_id")
        .as("post", "tags")
        .table("orders")
        .toEntity("order")
        .identifiedBy("id")
        .as("pg-id")
        .otherColumnsByConvention()
        .table("ipn")
        .toEntity("ipn")
        .identifiedBy("id")
        .as("pg-id")
        .otherColumnsByConvention()
        .build();
  }
}
