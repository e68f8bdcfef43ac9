package io.datomize.examples;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.equivalentTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import io.datomize.internal.ValueStyle;

/**
 * Rules between Datomize's modules, checked here because only this module sees them all: core knows
 * no adapter, the adapters know each other not, and no module reaches into another's internal
 * packages.
 */
@AnalyzeClasses(packages = "io.datomize", importOptions = ImportOption.DoNotIncludeTests.class)
class CrossModuleRules {
  private static final String[] CORE = {
    "io.datomize",
    "io.datomize.catalog..",
    "io.datomize.target..",
    "io.datomize.model..",
    "io.datomize.mapping..",
    "io.datomize.plan..",
    "io.datomize.run..",
    "io.datomize.verify..",
    "io.datomize.report..",
    "io.datomize.spi..",
    "io.datomize.internal.."
  };

  @ArchTest
  static final ArchRule core_knows_no_adapter =
      noClasses()
          .that()
          .resideInAnyPackage(CORE)
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "io.datomize.jdbc..", "io.datomize.datomic..", "io.datomize.examples..")
          .because(
              "core drives its ports; adapters plug into them, so core runs and is tested without any of them");

  @ArchTest
  static final ArchRule the_reader_does_not_know_the_writer =
      noClasses()
          .that()
          .resideInAPackage("io.datomize.jdbc..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("io.datomize.datomic..")
          .because("adapters meet only through core's ports, so either can be replaced alone");

  @ArchTest
  static final ArchRule the_writer_does_not_know_the_reader =
      noClasses()
          .that()
          .resideInAPackage("io.datomize.datomic..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("io.datomize.jdbc..")
          .because("adapters meet only through core's ports, so either can be replaced alone");

  /**
   * The one exception: the Immutables style that the adapters' value packages share with core's
   * (class files only).
   */
  @ArchTest
  static final ArchRule no_module_uses_the_internals_of_core =
      noClasses()
          .that()
          .resideOutsideOfPackages(CORE)
          .should()
          .dependOnClassesThat(
              resideInAPackage("io.datomize.internal..").and(not(equivalentTo(ValueStyle.class))))
          .because(
              "core's internal packages are not API: adapters and users go through its stage packages");

  @ArchTest
  static final ArchRule no_module_uses_the_internals_of_the_reader =
      noClasses()
          .that()
          .resideOutsideOfPackage("io.datomize.jdbc..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("io.datomize.jdbc.internal..")
          .because("the reader's internal package is not API: its users go through PostgresSource");

  @ArchTest
  static final ArchRule no_module_uses_the_internals_of_the_writer =
      noClasses()
          .that()
          .resideOutsideOfPackage("io.datomize.datomic..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("io.datomize.datomic.internal..")
          .because(
              "the writer's internal package is not API: its users go through DatomicTarget and SchemaEdn");
}
