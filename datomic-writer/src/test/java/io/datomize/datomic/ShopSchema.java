package io.datomize.datomic;

import io.datomize.target.Attribute;
import io.datomize.target.AttributeSchema;
import io.datomize.target.Cardinality;
import io.datomize.target.EnumIdent;
import io.datomize.target.TargetSchema;
import io.datomize.target.Uniqueness;
import io.datomize.target.ValueType;
import java.util.UUID;

/**
 * A schema with one of each kind of attribute the writer must handle, and fresh in-memory database
 * names.
 */
final class ShopSchema {
  static final Attribute CUSTOMER_ID = Attribute.of("customer", "id");
  static final Attribute EMAIL = Attribute.of("customer", "email");
  static final Attribute SOURCE = Attribute.of("customer", "source");
  static final Attribute TAGS = Attribute.of("customer", "tags");
  static final Attribute JOINED = Attribute.of("customer", "joined");
  static final Attribute REFERRER = Attribute.of("customer", "referrer");
  static final Attribute LINE_KEY = Attribute.of("order-line", "key");
  static final Attribute LINE_CUSTOMER = Attribute.of("order-line", "customer");
  static final Attribute AMOUNT = Attribute.of("order-line", "amount");
  static final Attribute NOTES = Attribute.of("order-line", "notes");
  static final EnumIdent FACEBOOK = EnumIdent.of("customer.source", "facebook");
  static final EnumIdent GOOGLE = EnumIdent.of("customer.source", "google");

  private ShopSchema() {}

  static String freshUri(String purpose) {
    return "datomic:mem://" + purpose + "-" + UUID.randomUUID();
  }

  static TargetSchema schema() {
    return TargetSchema.builder()
        .addAttributes(
            attribute(CUSTOMER_ID, ValueType.LONG)
                .unique(Uniqueness.IDENTITY)
                .doc("customer.id")
                .build(),
            attribute(EMAIL, ValueType.STRING)
                .unique(Uniqueness.VALUE)
                .doc("The customer's \"primary\" e-mail\n\taddress, \\ lower-cased")
                .build(),
            attribute(SOURCE, ValueType.REF).build(),
            attribute(TAGS, ValueType.STRING).cardinality(Cardinality.MANY).build(),
            attribute(JOINED, ValueType.INSTANT).noHistory(true).build(),
            attribute(REFERRER, ValueType.REF).build(),
            attribute(LINE_KEY, ValueType.TUPLE)
                .unique(Uniqueness.IDENTITY)
                .addTupleTypes(ValueType.LONG, ValueType.STRING)
                .build(),
            attribute(LINE_CUSTOMER, ValueType.REF).build(),
            attribute(AMOUNT, ValueType.BIGDEC).index(true).build(),
            attribute(NOTES, ValueType.REF).cardinality(Cardinality.MANY).isComponent(true).build())
        .addEnumIdents(GOOGLE, FACEBOOK)
        .build();
  }

  private static AttributeSchema.Builder attribute(Attribute ident, ValueType type) {
    AttributeSchema.Builder builder = AttributeSchema.builder();
    builder.ident(ident).valueType(type);
    return builder;
  }
}
