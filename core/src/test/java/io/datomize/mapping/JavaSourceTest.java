package io.datomize.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import io.datomize.catalog.SourceSchema;
import io.datomize.catalog.TableName;
import io.datomize.fixtures.PagilaLike;
import io.datomize.fixtures.Queryfeed;
import io.datomize.model.Converters;
import io.datomize.model.Mapping;
import io.datomize.model.Naming;
import io.datomize.model.ValueConverter;
import io.datomize.target.Attribute;
import io.datomize.target.EnumIdent;
import io.datomize.target.ValueType;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class JavaSourceTest {
  @TempDir Path classes;

  static Stream<Arguments> mappings() {
    return Stream.of(Naming.values())
        .flatMap(
            naming ->
                Stream.of(
                    Arguments.of(
                        "Pagila-like by conventions, " + naming,
                        PagilaLike.schema(),
                        Mappings.conventions(PagilaLike.schema()).naming(naming).build()),
                    Arguments.of(
                        "Queryfeed by conventions, " + naming,
                        Queryfeed.schema(),
                        Mappings.conventions(Queryfeed.schema()).naming(naming).build()),
                    Arguments.of(
                        "a surrogate-keyed bridge and a reserved namespace, " + naming,
                        SHAPES,
                        Mappings.conventions(SHAPES).naming(naming).build())));
  }

  private static final SourceSchema SHAPES =
      ConventionShapesTest.schema(
          ConventionShapesTest.surrogateKeyed("post_users", "int8", false),
          ConventionShapesTest.keyed(TableName.parse("dbs")));

  @ParameterizedTest(name = "{0}")
  @MethodSource("mappings")
  void the_printed_source_compiles_to_an_equal_mapping(
      String what, SourceSchema schema, Mapping mapping) throws Exception {
    String printed = Mappings.toJavaSource(mapping, schema);

    assertThat(printed.contains(".naming(Naming.LITERAL)"))
        .isEqualTo(mapping.options().naming() == Naming.LITERAL);
    assertThat(compileAndRun(printed, schema)).isEqualTo(mapping);
  }

  @Test
  void prints_the_queryfeed_mapping_as_the_dsl_it_was_written_in() {
    String source = Mappings.toJavaSource(Queryfeed.mapping(), Queryfeed.schema());

    assertThat(source)
        .startsWith("import io.datomize.mapping.Mappings;")
        .contains(
            "Mapping mapping = Mappings.define(schema)\n"
                + "    .table(\"users\").toEntity(\"user\").identifiedBy(\"id\").as(\"pg-id\")\n"
                + "        .column(\"email\").to(\"email\").unique().required()\n"
                + "        .column(\"first_name\").to(\"first-name\").defaultIfNull(\"\")\n")
        .contains(
            "\n        .column(\"gender\").toEnum(\"user.gender\").fallback(\"other\").omitIfNull()\n")
        .contains(
            "\n        .column(\"website\").to(\"website\").converted(Converters.textToUri()).omitIfNull()\n")
        .contains("\n        .column(\"created_at\").to(\"created-at\").defaultNowIfNull()\n")
        .contains("\n        .skip(\"password_hash\")\n")
        .contains("\n        .ref(\"user_id\").to(\"author\").required()\n")
        .contains("\n        .ref(\"order_id\").to(\"order\")\n")
        .contains(
            "\n    .bridge(\"post_tags\").from(\"post_id\").to(\"tag_id\").as(\"post\", \"tags\")\n")
        .endsWith("\n    .strictNulls()\n    .build();");
  }

  @Test
  void leaves_out_what_conventions_imply_and_keeps_what_they_do_not() {
    String source =
        Mappings.toJavaSource(
            Mappings.conventions(PagilaLike.schema()).build(), PagilaLike.schema());

    assertThat(source)
        .contains(
            "\n    .table(\"store_film\").toEntity(\"store-film\").identifiedBy(\"store_id\", \"film_id\")\n")
        .contains("\n        .column(\"rating\").toEnum(\"film.rating\")\n")
        .contains("\n        .column(\"fulltext\").to(\"fulltext\").required()\n")
        .contains(
            "\n    .table(\"reference.country_code\").toEntity(\"reference.country-code\")"
                + ".identifiedBy(\"code\")\n")
        .contains(
            "\n    .bridge(\"film_actor\").from(\"film_id\").to(\"actor_id\").as(\"film\", \"actors\")"
                + ".dropColumns(\"last_update\")\n")
        .doesNotContain(".valueType(");
  }

  @Test
  void prints_the_new_names_and_only_what_differs_from_them() {
    String source =
        Mappings.toJavaSource(Mappings.conventions(Queryfeed.schema()).build(), Queryfeed.schema());

    assertThat(source)
        .contains("\n    .table(\"users\").toEntity(\"user\").identifiedBy(\"id\")\n")
        .contains("\n        .column(\"first_name\").to(\"first-name\")\n")
        .contains(
            "\n    .bridge(\"post_tags\").from(\"post_id\").to(\"tag_id\").as(\"post\", \"tags\")\n")
        .doesNotContain("Naming");
  }

  @Test
  void prints_explicit_values_foreign_names_converters_and_options() {
    ValueConverter shout =
        Converters.custom("shout", ValueType.STRING, v -> v.toString().toUpperCase());
    Mapping mapping =
        Mappings.define(Queryfeed.schema())
            .table("users")
            .toEntity("user")
            .identifiedBy("id")
            .as(Attribute.parse(":account/pg-id"))
            .column("first_name")
            .to(Attribute.parse(":person/given-name"))
            .converted(shout)
            .doc("say \"hi\"\n")
            .column("source")
            .toEnum("user.source")
            .value("facebook", "fb")
            .value("google", EnumIdent.of("vendor", "google"))
            .fallback("other")
            .column("status")
            .to("status")
            .valueType(ValueType.STRING)
            .noHistory()
            .otherColumnsByConvention()
            .table("orders")
            .toEntity("order")
            .identifiedBy("id")
            .otherColumnsByConvention()
            .column("total")
            .to("total")
            .defaultIfNull(new BigDecimal("0.00"))
            .skipOtherTables()
            .zone(ZoneId.of("Europe/Paris"))
            .allowNonFiniteNumbers()
            .build();

    String source = Mappings.toJavaSource(mapping, Queryfeed.schema());

    assertThat(source)
        .contains(".identifiedBy(\"id\").as(Attribute.parse(\":account/pg-id\"))\n")
        .contains(
            ".column(\"first_name\").to(Attribute.parse(\":person/given-name\")).converted(Converters.custom("
                + "\"shout\", ValueType.STRING, value -> value /* replace with your converter instance */))"
                + ".doc(\"say \\\"hi\\\"\\n\")\n")
        .contains(
            ".toEnum(\"user.source\").value(\"facebook\", \"fb\").value(\"google\", EnumIdent.of(\"vendor\", "
                + "\"google\")).fallback(\"other\")\n")
        .contains(".column(\"status\").to(\"status\").valueType(ValueType.STRING).noHistory()\n")
        .contains(
            ".column(\"total\").to(\"total\").defaultIfNull(new java.math.BigDecimal(\"0.00\"))\n")
        .contains("\n    .skipTable(\"posts\", \"tags\", \"post_tags\", \"ipn\")\n")
        .contains(
            "\n    .zone(java.time.ZoneId.of(\"Europe/Paris\"))\n    .allowNonFiniteNumbers()\n    .build();");
  }

  /**
   * Compiles the printed statement as the body of a method taking {@code SourceSchema schema}, and
   * runs it.
   */
  private Mapping compileAndRun(String printed, SourceSchema schema) throws Exception {
    String imports =
        printed.lines().filter(l -> l.startsWith("import ")).collect(Collectors.joining("\n"));
    String body =
        printed.lines().filter(l -> !l.startsWith("import ")).collect(Collectors.joining("\n"));
    String source =
        "package snippet;\n"
            + imports
            + "\nimport io.datomize.catalog.SourceSchema;\n"
            + "public class Printed {\n  public static Mapping mapping(SourceSchema schema) {\n"
            + body
            + "\n    return mapping;\n  }\n}\n";
    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    List<String> options =
        List.of(
            "-proc:none",
            "-classpath",
            System.getProperty("java.class.path"),
            "-d",
            classes.toString());
    JavaFileObject file =
        new SimpleJavaFileObject(
            URI.create("string:///snippet/Printed.java"), JavaFileObject.Kind.SOURCE) {
          @Override
          public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return source;
          }
        };
    boolean compiled =
        compiler.getTask(null, null, diagnostics, options, null, List.of(file)).call();
    assertThat(compiled).as("compiles: %s\n%s", diagnostics.getDiagnostics(), source).isTrue();
    try (URLClassLoader loader =
        new URLClassLoader(new URL[] {classes.toUri().toURL()}, getClass().getClassLoader())) {
      return (Mapping)
          loader
              .loadClass("snippet.Printed")
              .getMethod("mapping", SourceSchema.class)
              .invoke(null, schema);
    }
  }
}
