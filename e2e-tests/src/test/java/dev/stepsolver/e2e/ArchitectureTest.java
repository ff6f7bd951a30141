package dev.stepsolver.e2e;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * Here the emulator and the solver's modules share one classpath, so this is where the boundary
 * between them can be checked: the emulator runs whatever image it is given and imports no solver
 * code, and the solver knows nothing of the emulator.
 */
@AnalyzeClasses(packages = "dev.stepsolver", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule theEmulatorImportsNoSolverCode = noClasses().that().resideInAPackage("dev.stepsolver.emulator..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.stepsolver.solver..", "dev.stepsolver.lambda..",
                    "dev.stepsolver.pipeline..");

    @ArchTest
    static final ArchRule onlyTheEndToEndTestsImportTheEmulator = noClasses()
            .that().resideInAnyPackage("dev.stepsolver.solver..", "dev.stepsolver.lambda..", "dev.stepsolver.pipeline..")
            .should().dependOnClassesThat().resideInAPackage("dev.stepsolver.emulator..");
}
