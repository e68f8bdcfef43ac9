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
 * The DSL's stages are enforced by the compiler: a table mapping without an identity, a column without a target and a
 * bridge without both ends do not compile, because the step they stop at has no way on. Each snippet is compiled
 * against the test classpath; the well-formed one proves that the harness itself compiles what it should.
 */
class StagedDslCompilationTest {
  private static final JavaCompiler COMPILER = ToolProvider.getSystemJavaCompiler();

  @TempDir
  Path classes;

  @Test
  void compiles_a_complete_mapping_of_every_stage() {
    List<Diagnostic<? extends JavaFileObject>> errors = compile("""
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
        Arguments.of("a table mapping without an identity",
            "Mappings.define(schema).table(\"users\").toEntity(\"user\").build()", "build()", "EntityKeyStep"),
        Arguments.of("a table mapping with columns but no identity",
            "Mappings.define(schema).table(\"users\").toEntity(\"user\").column(\"email\")", "column(java.lang.String)",
            "EntityKeyStep"),
        Arguments.of("a column without a target, ended",
            "Mappings.define(schema).table(\"users\").toEntity(\"user\").identifiedBy(\"id\").column(\"email\")"
                + ".build()", "build()", "ColumnStep"),
        Arguments.of("a column without a target, given a null policy",
            "Mappings.define(schema).table(\"users\").toEntity(\"user\").identifiedBy(\"id\").column(\"email\")"
                + ".required()", "required()", "ColumnStep"),
        Arguments.of("a ref without a target",
            "Mappings.define(schema).table(\"posts\").toEntity(\"post\").identifiedBy(\"id\").ref(\"user_id\")"
                + ".build()", "build()", "RefStep"),
        Arguments.of("a bridge with its owner only",
            "Mappings.define(schema).bridge(\"post_tags\").from(\"post_id\").build()", "build()",
            "BridgeTargetStep"),
        Arguments.of("a bridge with its target only",
            "Mappings.define(schema).bridge(\"post_tags\").to(\"tag_id\")", "to(java.lang.String)", "BridgeEndsStep"),
        Arguments.of("a bridge with both ends but no attribute",
            "Mappings.define(schema).bridge(\"post_tags\").from(\"post_id\").to(\"tag_id\").build()", "build()",
            "BridgeAttributeStep"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("incompleteMappings")
  void does_not_compile(String what, String expression, String missingMethod, String stage) {
    List<Diagnostic<? extends JavaFileObject>> errors = compile(expression);

    assertThat(errors).as("errors compiling %s", expression).hasSize(1);
    Diagnostic<? extends JavaFileObject> error = errors.get(0);
    String message = error.getMessage(Locale.ROOT);
    assertThat(error.getCode()).startsWith("compiler.err.cant.resolve");
    assertThat(message).contains("cannot find symbol", "method " + missingMethod, "io.datomize.mapping." + stage);
  }

  /** The errors of compiling {@code expression} as the value of a method taking {@code SourceSchema schema}. */
  private List<Diagnostic<? extends JavaFileObject>> compile(String expression) {
    String source = """
        package snippet;

        import io.datomize.mapping.Mappings;
        import io.datomize.catalog.SourceSchema;

        class Snippet {
          static Object mapping(SourceSchema schema) {
            return %s;
          }
        }
        """.formatted(expression);
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    List<String> options = List.of("-proc:none", "-classpath", System.getProperty("java.class.path"),
        "-d", classes.toString());
    boolean compiled = COMPILER.getTask(null, null, diagnostics, options, null, List.of(new Source(source))).call();
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
