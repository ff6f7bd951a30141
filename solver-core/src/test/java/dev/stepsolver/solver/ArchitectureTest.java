package dev.stepsolver.solver;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(packages = "dev.stepsolver.solver", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    /** solver-core is a library for anyone: it may use the JDK and nothing else. */
    @ArchTest
    static final ArchRule solverCoreUsesTheJdkOnly = classes()
            .that().resideInAPackage("dev.stepsolver.solver..")
            .should().onlyDependOnClassesThat()
            .resideInAnyPackage("dev.stepsolver.solver..", "java..")
            .because("solver-core must depend on the JDK only (DESIGN.md)");
}
