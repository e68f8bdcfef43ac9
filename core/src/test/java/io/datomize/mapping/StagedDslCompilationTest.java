package io.datomize.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
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

/**
 * The stages of the DSL and of {@code Migration} are enforced by the compiler: a table mapping
 * without an identity, a column without a target, a bridge without both ends, and a migration run
 * without a mapping or a target do not compile, because the step they stop at has no way on. Each
 * snippet is compiled against the test classpath; the well-formed ones prove that the harness
 * itself compiles what it should.
 */
class StagedDslCompilationTest {
  private static final JavaCompiler COMPILER = ToolProvider.getSystemJavaCompiler();

  @TempDir Path classes;

  @Test
  void compiles_a_complete_mapping_of_every_stage() {
    List<Diagnostic<? extends JavaFileObject>> errors =
        compile(
            """
        Mappings.define(schema)
            .table("users").toEntity("user").identifiedBy("id").as("pg-id")
                .column("email").to("email").unique().required()
                .column("status").toEnum("user.status").value("active", "active").fallback("active")
                .ref("company_id").to("company").required()
                .skip("password_hash")
            .bridge("post_tags").from("post_id").to("tag_id").as("post", "tags")
            .build()""");

    assertThat(errors).isEmpty();
  }

  static Stream<Arguments> incompleteMappings() {
    return Stream.of(
        Arguments.of(
            "a table mapping without an identity",
            "Mappings.define(schema).table(\"users\").toEntity(\"user\").build()",
            "build()",
            "EntityKeyStep"),
        Arguments.of(
            "a table mapping with columns but no identity",
            "Mappings.define(schema).table(\"users\").toEntity(\"user\").column(\"email\")",
            "column(java.lang.String)",
            "EntityKeyStep"),
        Arguments.of(
            "a column without a target, ended",
            "Mappings.define(schema).table(\"users\").toEntity(\"user\").identifiedBy(\"id\").column(\"email\")"
                + ".build()",
            "build()",
            "ColumnStep"),
        Arguments.of(
            "a column without a target, given a null policy",
            "Mappings.define(schema).table(\"users\").toEntity(\"user\").identifiedBy(\"id\").column(\"email\")"
                + ".required()",
            "required()",
            "ColumnStep"),
        Arguments.of(
            "a ref without a target",
            "Mappings.define(schema).table(\"posts\").toEntity(\"post\").identifiedBy(\"id\").ref(\"user_id\")"
                + ".build()",
            "build()",
            "RefStep"),
        Arguments.of(
            "a bridge with its owner only",
            "Mappings.define(schema).bridge(\"post_tags\").from(\"post_id\").build()",
            "build()",
            "BridgeTargetStep"),
        Arguments.of(
            "a bridge with its target only",
            "Mappings.define(schema).bridge(\"post_tags\").to(\"tag_id\")",
            "to(java.lang.String)",
            "BridgeEndsStep"),
        Arguments.of(
            "a bridge with both ends but no attribute",
            "Mappings.define(schema).bridge(\"post_tags\").from(\"post_id\").to(\"tag_id\").build()",
            "build()",
            "BridgeAttributeStep"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("incompleteMappings")
  void does_not_compile(String what, String expression, String missingMethod, String stage) {
    assertHasNoWayOn(expression, missingMethod, "io.datomize.mapping." + stage);
  }

  @Test
  void compiles_a_migration_planned_without_a_target_then_run_in_one() {
    List<Diagnostic<? extends JavaFileObject>> errors =
        compile(
            """
        List.of(Migration.from(catalog, rows).mapping(mapping).options(RunOptions.defaults()).plan(),
            Migration.from(catalog, rows).mapping(s -> mapping).to(target).run(),
            Migration.from(catalog, rows).mapping(mapping).to(target).verify("run-id"))""");

    assertThat(errors).isEmpty();
  }

  static Stream<Arguments> incompleteMigrations() {
    return Stream.of(
        Arguments.of(
            "a target before the mapping",
            "Migration.from(catalog, rows).to(target)",
            "to(io.datomize.spi.TargetSink)",
            "WithSource"),
        Arguments.of(
            "a run without a mapping",
            "Migration.from(catalog, rows).run()",
            "run()",
            "WithSource"),
        Arguments.of(
            "a run without a target",
            "Migration.from(catalog, rows).mapping(mapping).run()",
            "run()",
            "Mapped"),
        Arguments.of(
            "a dry run without a target",
            "Migration.from(catalog, rows).mapping(mapping).dryRun()",
            "dryRun()",
            "Mapped"),
        Arguments.of(
            "run options once the target is named",
            "Migration.from(catalog, rows).mapping(mapping).to(target).options(RunOptions.defaults())",
            "options(io.datomize.run.RunOptions)",
            "Ready"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("incompleteMigrations")
  void a_migration_does_not_compile(
      String what, String expression, String missingMethod, String stage) {
    assertHasNoWayOn(expression, missingMethod, "io.datomize.Migration." + stage);
  }

  private void assertHasNoWayOn(String expression, String missingMethod, String stage) {
    List<Diagnostic<? extends JavaFileObject>> errors = compile(expression);

    assertThat(errors).as("errors compiling %s", expression).hasSize(1);
    Diagnostic<? extends JavaFileObject> error = errors.get(0);
    String message = error.getMessage(Locale.ROOT);
    assertThat(error.getCode()).startsWith("compiler.err.cant.resolve");
    assertThat(message).contains("cannot find symbol", "method " + missingMethod, stage);
  }

  /**
   * The errors of compiling {@code expression} as the value of a method taking a {@code
   * SourceSchema schema}, and a source ({@code catalog} and {@code rows}), a {@code mapping} and a
   * {@code target} for a migration.
   */
  private List<Diagnostic<? extends JavaFileObject>> compile(String expression) {
    String source =
        """
        package snippet;

        import io.datomize.Migration;
        import io.datomize.catalog.SourceSchema;
        import io.datomize.mapping.Mappings;
        import io.datomize.model.Mapping;
        import io.datomize.run.RunOptions;
        import io.datomize.spi.RowSource;
        import io.datomize.spi.SourceCatalog;
        import io.datomize.spi.TargetSink;
        import java.util.List;

        class Snippet {
          static Object mapping(SourceSchema schema, SourceCatalog catalog, RowSource rows, Mapping mapping,
              TargetSink target) {
            return %s;
          }
        }
        """
            .formatted(expression);
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    List<String> options =
        List.of(
            "-proc:none",
            "-classpath",
            System.getProperty("java.class.path"),
            "-d",
            classes.toString());
    boolean compiled =
        COMPILER
            .getTask(null, null, diagnostics, options, null, List.of(new Source(source)))
            .call();
    List<Diagnostic<? extends JavaFileObject>> errors = new ArrayList<>();
    for (Diagnostic<? extends JavaFileObject> diagnostic : diagnostics.getDiagnostics()) {
      if (diagnostic.getKind() == Diagnostic.Kind.ERROR) {
        errors.add(diagnostic);
      }
    }
    assertThat(compiled).as("compiled without errors: %s", errors).isEqualTo(errors.isEmpty());
    return errors;
  }

  private static final class Source extends SimpleJavaFileObject {
    private final String code;

    Source(String code) {
      super(URI.create("string:///snippet/Snippet.java"), Kind.SOURCE);
      this.code = code;
    }

    @Override
    public CharSequence getCharContent(boolean ignoreEncodingErrors) {
      return code;
    }
  }
}
