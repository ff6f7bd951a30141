package dev.stepsolver.emulator;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(packages = "dev.stepsolver.emulator", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    private static final String[] SERVICES = {"..emulator.s3..", "..emulator.ssm..", "..emulator.sts..",
        "..emulator.iam..", "..emulator.cloudwatch..", "..emulator.codebuild..", "..emulator.ecr..",
        "..emulator.lambda..", "..emulator.apigateway..", "..emulator.codedeploy..", "..emulator.codeconnections..",
        "..emulator.codepipeline..", "..emulator.cloudformation.."};

    @ArchTest
    static final ArchRule sharedLayersKnowNoService = noClasses()
            .that().resideInAnyPackage("..emulator.protocol..", "..emulator.auth..", "..emulator.http..",
                    "..emulator.state..", "..emulator.time..")
            .should().dependOnClassesThat().resideInAnyPackage(SERVICES);

    @ArchTest
    static final ArchRule protocolHandlingDoesNotDependOnTheHttpServer = noClasses()
            .that().resideInAnyPackage("..emulator.protocol..", "..emulator.auth..")
            .should().dependOnClassesThat().resideInAnyPackage("..emulator.http..", "org.eclipse.jetty..");

    @ArchTest
    static final ArchRule backendsAreFreeOfHttp = noClasses()
            .that().haveSimpleNameEndingWith("Backend")
            .should().dependOnClassesThat().resideInAnyPackage("..emulator.http..", "org.eclipse.jetty..");

    @ArchTest
    static final ArchRule servicesDoNotReachIntoEachOther = slices()
            .matching("dev.stepsolver.emulator.(s3|ssm|sts|iam|cloudwatch)..").should().notDependOnEachOther();

    @ArchTest
    static final ArchRule ecrReachesIntoNoOtherService = noClasses()
            .that().resideInAPackage("..emulator.ecr..")
            .should().dependOnClassesThat().resideInAnyPackage("..emulator.s3..", "..emulator.ssm..",
                    "..emulator.sts..", "..emulator.iam..", "..emulator.cloudwatch..", "..emulator.lambda..");

    /** Lambda pulls images from ECR and records metrics into CloudWatch, and knows nothing else. */
    @ArchTest
    static final ArchRule lambdaUsesOnlyEcrAndCloudWatch = noClasses()
            .that().resideInAPackage("..emulator.lambda..")
            .should().dependOnClassesThat().resideInAnyPackage("..emulator.s3..", "..emulator.ssm..",
                    "..emulator.sts..", "..emulator.iam..");

    /** API Gateway invokes Lambda and records metrics into CloudWatch, and knows no other service. */
    @ArchTest
    static final ArchRule apiGatewayUsesOnlyLambdaAndCloudWatch = noClasses()
            .that().resideInAPackage("..emulator.apigateway..")
            .should().dependOnClassesThat().resideInAnyPackage("..emulator.s3..", "..emulator.ssm..",
                    "..emulator.sts..", "..emulator.iam..", "..emulator.ecr..", "..emulator.codebuild..",
                    "..emulator.lambda.runtime..");

    @ArchTest
    static final ArchRule packagesHaveNoCycles = slices().matching("dev.stepsolver.emulator.(*)..")
            .should().beFreeOfCycles();
}
