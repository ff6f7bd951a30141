package dev.stepsolver.pipeline;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The package tree is the architecture: the model knows nothing; only the command line knows everything. */
@AnalyzeClasses(packages = "dev.stepsolver.pipeline", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule theModelDependsOnNothingElseHere = noClasses().that().resideInAPackage("..pipeline.model..")
            .should().dependOnClassesThat().resideInAnyPackage("..pipeline.synth..", "..pipeline.validate..", "..pipeline.cli..",
                    "..pipeline.deploy..", "..pipeline.publish..", "..pipeline.integration..", "..pipeline.bootstrap..",
                    "software.amazon.awssdk..");

    @ArchTest
    static final ArchRule nothingDependsOnTheCommandLine = noClasses().that().resideOutsideOfPackage("..pipeline.cli..")
            .should().dependOnClassesThat().resideInAPackage("..pipeline.cli..");

    @ArchTest
    static final ArchRule synthesisDoesNotCallAws = noClasses().that().resideInAnyPackage("..pipeline.synth..", "..pipeline.validate..")
            .should().dependOnClassesThat().resideInAnyPackage("..pipeline.deploy..", "..pipeline.publish..", "..pipeline.aws..",
                    "software.amazon.awssdk.services.cloudformation..", "software.amazon.awssdk.services.lambda..");

    @ArchTest
    static final ArchRule noUtilityPackages = noClasses().should().resideInAnyPackage("..util..", "..utils..", "..helpers..", "..misc..");
}
