package io.datomize;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;

@AnalyzeClasses(packages = "io.datomize", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureRules {
  /**
   * Each package of Datomize is a slice, the root package (the DSL) included: a pattern like {@code
   * io.datomize.(*)..} would leave the root out and miss a cycle through it.
   */
  private static final SliceAssignment EVERY_PACKAGE =
      new SliceAssignment() {
        @Override
        public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
          String name = javaClass.getPackageName();
          return name.equals("io.datomize") || name.startsWith("io.datomize.")
              ? SliceIdentifier.of(name)
              : SliceIdentifier.ignore();
        }

        @Override
        public String getDescription() {
          return "every package of io.datomize";
        }
      };

  @ArchTest
  static final ArchRule core_depends_on_no_database_or_object_mapping_library =
      noClasses()
          .that()
          .resideInAPackage("io.datomize..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "org.jooq..",
              "java.sql..",
              "javax.sql..",
              "datomic..",
              "clojure..",
              "com.fasterxml.jackson.databind..")
          .because(
              "core is the database-free heart of Datomize: JDBC, jOOQ, Datomic and Jackson's object mapping belong"
                  + " to the adapters, so that core can be tested and reused without them; only Jackson's streaming core,"
                  + " which has no dependencies, writes its JSON");

  @ArchTest
  static final ArchRule generated_immutable_types_are_not_public =
      classes()
          .that()
          .haveSimpleNameStartingWith("Immutable")
          .should()
          .notBePublic()
          .because(
              "users build values through Foo.builder() and Foo.of(..); generated names are not API and may change");

  @ArchTest
  static final ArchRule packages_do_not_depend_on_each_other_in_cycles =
      slices()
          .assignedFrom(EVERY_PACKAGE)
          .should()
          .beFreeOfCycles()
          .because(
              "packages that need each other cannot be understood, tested or split apart one at a time");

  @ArchTest
  static final ArchRule the_planner_does_not_depend_on_row_conversion =
      noClasses()
          .that()
          .resideInAPackage("io.datomize.plan..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("io.datomize.internal.convert..")
          .because(
              "a plan is made before any row is read; conversion is built from a plan's steps, not the reverse");

  @ArchTest
  static final ArchRule only_the_entry_point_reaches_into_the_engine =
      noClasses()
          .that()
          .resideOutsideOfPackages("io.datomize", "io.datomize.internal..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("io.datomize.internal.engine..", "io.datomize.internal.convert..")
          .because(
              "the stage packages are API; the engine and row conversion are implementation, reached only through"
                  + " Migration, so that they can change without breaking users");
}
