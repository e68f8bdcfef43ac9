package io.datomize.datomic;

import static org.assertj.core.api.Assertions.assertThat;

import clojure.java.api.Clojure;
import clojure.lang.Keyword;
import datomic.Connection;
import datomic.Database;
import datomic.Peer;
import datomic.Util;
import io.datomize.datomic.internal.InstalledAttribute;
import io.datomize.datomic.internal.Keywords;
import io.datomize.datomic.internal.SchemaForms;
import io.datomize.spi.TargetSink;
import io.datomize.target.AttributeSchema;
import io.datomize.target.EnumIdent;
import io.datomize.target.TargetSchema;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SchemaEdnTest {
  @Test
  void transacting_the_edn_file_gives_the_schema_that_install_gives(@TempDir Path dir)
      throws Exception {
    Path file = dir.resolve("schema.edn");
    SchemaEdn.write(ShopSchema.schema(), file);
    String fromFileUri = ShopSchema.freshUri("edn");
    Peer.createDatabase(fromFileUri);
    Connection fromFile = Peer.connect(fromFileUri);
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      fromFile.transact((List<?>) Util.readAll(reader).get(0)).get();
    }
    String installUri = ShopSchema.freshUri("install");
    try (TargetSink sink = DatomicTarget.builder().uri(installUri).build()) {
      sink.installSchema(ShopSchema.schema());
    }
    Database installed = Peer.connect(installUri).db();

    Database edn = fromFile.db();
    for (AttributeSchema attribute :
        Stream.concat(ShopSchema.schema().attributes().stream(), SchemaForms.METADATA.stream())
            .toList()) {
      Keyword ident = Keywords.of(attribute.ident());
      assertThat(InstalledAttribute.read(edn, ident))
          .isPresent()
          .isEqualTo(InstalledAttribute.read(installed, ident));
    }
    assertThat(InstalledAttribute.read(edn, Keywords.of(ShopSchema.EMAIL)).orElseThrow().doc())
        .contains("The customer's \"primary\" e-mail\n\taddress, \\ lower-cased");
    assertThat(InstalledAttribute.read(edn, Keywords.of(ShopSchema.AMOUNT)).orElseThrow().index())
        .isTrue();
    assertThat(edn.entid(Keywords.of(ShopSchema.FACEBOOK))).isNotNull();
    assertThat(edn.entid(Keywords.of(ShopSchema.GOOGLE))).isNotNull();
  }

  @Test
  void clojures_edn_reader_reads_back_the_forms_with_every_awkward_doc_string() {
    String doc =
        "quotes \" and \\ backslashes,\nnew lines,\ttabs, \u0001 control, \u00e9 and \ud83d\ude00";
    TargetSchema schema =
        TargetSchema.builder()
            .from(ShopSchema.schema())
            .addAttributes(
                AttributeSchema.builder()
                    .ident(io.datomize.target.Attribute.of("odd", "doc"))
                    .valueType(io.datomize.target.ValueType.STRING)
                    .doc(doc)
                    .build())
            .build();
    Clojure.var("clojure.core", "require").invoke(Clojure.read("clojure.edn"));

    Object read = Clojure.var("clojure.edn", "read-string").invoke(SchemaEdn.toEdn(schema));

    List<Object> forms = new ArrayList<>();
    SchemaForms.sorted(schema.attributes()).forEach(a -> forms.add(SchemaForms.attribute(a)));
    SchemaForms.sortedIdents(schema).forEach(i -> forms.add(SchemaForms.enumIdent(i)));
    SchemaForms.METADATA.forEach(a -> forms.add(SchemaForms.attribute(a)));
    assertThat(read).isInstanceOf(clojure.lang.IPersistentVector.class).isEqualTo(forms);
    assertThat(forms.toString()).contains(doc);
  }

  @Test
  void the_same_schema_gives_the_same_text_whatever_the_order_it_was_built_in() {
    TargetSchema schema = ShopSchema.schema();
    List<AttributeSchema> attributes = new ArrayList<>(schema.attributes());
    Collections.reverse(attributes);
    List<EnumIdent> idents = new ArrayList<>(schema.enumIdents());
    Collections.reverse(idents);
    TargetSchema reordered =
        TargetSchema.builder().attributes(attributes).enumIdents(idents).build();

    assertThat(SchemaEdn.toEdn(reordered)).isEqualTo(SchemaEdn.toEdn(schema));
  }

  @Test
  void writes_one_map_per_attribute_and_enum_ident_with_the_ident_first() {
    String edn = SchemaEdn.toEdn(ShopSchema.schema());

    assertThat(edn.lines().filter(line -> line.startsWith(" {:db/ident ")).count())
        .isEqualTo(ShopSchema.schema().attributes().size() + 2 + SchemaForms.METADATA.size());
    assertThat(edn)
        .contains(
            "\n {:db/ident :order-line/key\n"
                + "  :db/valueType :db.type/tuple\n"
                + "  :db/cardinality :db.cardinality/one\n"
                + "  :db/unique :db.unique/identity\n"
                + "  :db/tupleTypes [:db.type/long :db.type/string]}\n");
    assertThat(edn)
        .contains(
            "\n {:db/ident :order-line/amount\n"
                + "  :db/valueType :db.type/bigdec\n"
                + "  :db/cardinality :db.cardinality/one\n"
                + "  :db/index true}\n");
    assertThat(edn.indexOf(":customer.source/facebook"))
        .isLessThan(edn.indexOf(":customer.source/google"));
  }
}
