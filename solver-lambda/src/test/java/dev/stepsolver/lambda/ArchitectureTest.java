package dev.stepsolver.lambda;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The handler uses solver-core through its public API only, and never the emulator. */
@AnalyzeClasses(packages = "dev.stepsolver", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule onlyTheSolversPublicApi = noClasses().that().resideInAPackage("dev.stepsolver.lambda..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.stepsolver.solver.(*)..");

    @ArchTest
    static final ArchRule nothingOfTheEmulatorOrPipeline = noClasses().that().resideInAPackage("dev.stepsolver.lambda..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.stepsolver.emulator..", "dev.stepsolver.pipeline..");
}
