package dev.stepsolver.emulator.codebuild;

import static dev.stepsolver.emulator.codebuild.CodeBuildFixtures.awaitComplete;
import static dev.stepsolver.emulator.codebuild.CodeBuildFixtures.putSource;
import static dev.stepsolver.emulator.codebuild.CodeBuildFixtures.resourceTree;
import static dev.stepsolver.emulator.codebuild.CodeBuildFixtures.unzip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.stepsolver.emulator.Clients;
import dev.stepsolver.emulator.LocalEmulator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.codebuild.CodeBuildClient;
import software.amazon.awssdk.services.codebuild.model.ArtifactNamespace;
import software.amazon.awssdk.services.codebuild.model.ArtifactPackaging;
import software.amazon.awssdk.services.codebuild.model.ArtifactsType;
import software.amazon.awssdk.services.codebuild.model.Build;
import software.amazon.awssdk.services.codebuild.model.BuildPhase;
import software.amazon.awssdk.services.codebuild.model.CodeCoverage;
import software.amazon.awssdk.services.codebuild.model.EnvironmentVariableType;
import software.amazon.awssdk.services.codebuild.model.ExportedEnvironmentVariable;
import software.amazon.awssdk.services.codebuild.model.Report;
import software.amazon.awssdk.services.codebuild.model.ReportCodeCoverageSortByType;
import software.amazon.awssdk.services.codebuild.model.TestCase;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterType;

/**
 * One build of a buildspec that uses every feature (resources/codebuild/every-feature), run
 * through the SDK; each test checks one behaviour of that build.
 */
class EveryBuildspecFeatureTest {

    private static final String PROJECT = "every-feature";
    private static LocalEmulator emulator;
    private static CodeBuildClient codeBuild;
    private static S3Client s3;
    private static Build build;
    private static String log;

    @BeforeAll
    static void runTheBuild() {
        emulator = LocalEmulator.builder().port(0).build().start();
        codeBuild = CodeBuildFixtures.codeBuild(emulator.endpoint());
        s3 = Clients.s3(emulator.endpoint());
        try (SsmClient ssm = Clients.ssm(emulator.endpoint())) {
            ssm.putParameter(r -> r.name("/every-feature/db-password").value("s3cr3t")
                    .type(ParameterType.SECURE_STRING));
        }
        s3.createBucket(r -> r.bucket("sources"));
        s3.createBucket(r -> r.bucket("artifacts"));
        putSource(s3, "sources", "every-feature/source.zip", resourceTree("codebuild/every-feature"));
        codeBuild.createProject(CodeBuildFixtures.project(PROJECT, "sources/every-feature/source.zip")
                .environment(e -> e.type("LINUX_CONTAINER").image("aws/codebuild/standard:7.0")
                        .computeType("BUILD_GENERAL1_SMALL")
                        .environmentVariables(v -> v.name("LAYER").value("project")
                                .type(EnvironmentVariableType.PLAINTEXT)))
                .artifacts(a -> a.type(ArtifactsType.S3).location("artifacts").path("site")
                        .name("site.zip").packaging(ArtifactPackaging.ZIP).namespaceType(ArtifactNamespace.NONE))
                .secondaryArtifacts(a -> a.type(ArtifactsType.S3).location("artifacts").path("flat")
                        .name("flat.zip").packaging(ArtifactPackaging.ZIP).artifactIdentifier("Flat"))
                .build());
        String id = codeBuild.startBuild(r -> r.projectName(PROJECT)).build().id();
        build = awaitComplete(codeBuild, id);
        log = emulator.context().backend(CodeBuildBackend.class).logText(id);
    }

    @AfterAll
    static void stop() {
        codeBuild.close();
        s3.close();
        emulator.close();
    }

    @Test
    void theBuildFailsBecauseTwoPhasesFailed() {
        assertThat(build.buildStatusAsString()).as(log).isEqualTo("FAILED");
        assertThat(build.currentPhase()).isEqualTo("COMPLETED");
        assertThat(build.buildComplete()).isTrue();
    }

    @Test
    void thePhasesRunInAwsOrderAndContinueAfterAFailureMarkedContinue() {
        assertThat(build.phases()).extracting(BuildPhase::phaseTypeAsString, BuildPhase::phaseStatusAsString)
                .containsExactly(tuple("SUBMITTED", "SUCCEEDED"), tuple("QUEUED", "SUCCEEDED"),
                        tuple("PROVISIONING", "SUCCEEDED"), tuple("DOWNLOAD_SOURCE", "SUCCEEDED"),
                        tuple("INSTALL", "SUCCEEDED"), tuple("PRE_BUILD", "FAILED"), tuple("BUILD", "FAILED"),
                        tuple("POST_BUILD", "SUCCEEDED"), tuple("UPLOAD_ARTIFACTS", "SUCCEEDED"),
                        tuple("FINALIZING", "SUCCEEDED"), tuple("COMPLETED", null));
    }

    @Test
    void aFailedPhaseNamesTheCommandAndItsExitStatus() {
        BuildPhase preBuild = phase("PRE_BUILD");
        BuildPhase buildPhase = phase("BUILD");

        assertThat(preBuild.contexts()).singleElement().satisfies(c -> {
            assertThat(c.statusCode()).isEqualTo("COMMAND_EXECUTION_ERROR");
            assertThat(c.message()).isEqualTo("Error while executing command: echo \"pre_build fails now\"; false."
                    + " Reason: exit status 1");
        });
        assertThat(buildPhase.contexts()).singleElement().satisfies(c ->
                assertThat(c.message()).isEqualTo("Error while executing command: exit 7. Reason: exit status 7"));
    }

    @Test
    void commandsAfterAFailedCommandAreSkippedButFinallyBlocksRun() {
        assertThat(log).doesNotContain("MARKER-never-printed")
                .contains("pre_build finally in out")
                .contains("build finally in out, succeeding=0");
    }

    @Test
    void variablesAndTheWorkingDirectoryCarryAcrossCommandsAndPhases() {
        assertThat(log).contains("install sees hello from the buildspec")
                .contains("build in out with tag-1, succeeding=0");
    }

    @Test
    void exportedVariablesHoldTheirValuesAtTheEndOfTheBuild() {
        assertThat(build.exportedEnvironmentVariables())
                .extracting(ExportedEnvironmentVariable::name, ExportedEnvironmentVariable::value)
                .containsExactly(tuple("IMAGE_TAG", "tag-1"), tuple("POST_BUILD_SAW", "succeeding=0"),
                        tuple("GREETING", "hello from the buildspec"));
    }

    @Test
    void runtimeVersionsOtherThanJavaAreAcceptedAndLoggedAsIgnored() {
        assertThat(log).contains("Ignoring runtime-versions nodejs: 20");
    }

    @Test
    void thePrimaryArtifactIsAZipOfTheBaseDirectoryAtTheProjectsLocation() {
        byte[] zip = s3.getObjectAsBytes(r -> r.bucket("artifacts").key("site/site.zip")).asByteArray();

        assertThat(unzip(zip)).containsExactlyInAnyOrderEntriesOf(Map.of("index.html", "index\n",
                "nested/page.html", "nested\n"));
        assertThat(build.artifacts().location()).isEqualTo("arn:aws:s3:::artifacts/site/site.zip");
        assertThat(build.artifacts().md5sum()).hasSize(32);
    }

    @Test
    void aSecondaryArtifactWithDiscardPathsHoldsItsFilesFlat() {
        byte[] zip = s3.getObjectAsBytes(r -> r.bucket("artifacts").key("flat/flat.zip")).asByteArray();

        assertThat(unzip(zip)).containsOnlyKeys("index.html", "page.html", "layer.txt", "password.txt");
        assertThat(build.secondaryArtifacts()).singleElement().satisfies(a -> {
            assertThat(a.artifactIdentifier()).isEqualTo("Flat");
            assertThat(a.location()).isEqualTo("arn:aws:s3:::artifacts/flat/flat.zip");
        });
    }

    @Test
    void parameterStoreValuesAreReadDecryptedAndTheProjectsVariablesOverrideTheBuildspecs() {
        Map<String, String> flat = unzip(s3.getObjectAsBytes(r -> r.bucket("artifacts").key("flat/flat.zip"))
                .asByteArray());

        assertThat(flat).containsEntry("password.txt", "s3cr3t\n").containsEntry("layer.txt", "project\n");
    }

    @Test
    void theJUnitReportGoesToTheProjectsReportGroupWithEveryTestCase() {
        Report report = report("TEST");

        assertThat(report.reportGroupArn()).isEqualTo("arn:aws:codebuild:us-east-1:000000000000:report-group/"
                + PROJECT + "-unit-tests");
        assertThat(report.statusAsString()).isEqualTo("FAILED");
        assertThat(report.executionId()).isEqualTo(build.arn());
        assertThat(report.testSummary().total()).isEqualTo(5);
        assertThat(report.testSummary().statusCounts()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "SUCCEEDED", 2, "FAILED", 1, "ERROR", 1, "SKIPPED", 1));
        List<TestCase> cases = codeBuild.describeTestCases(r -> r.reportArn(report.arn())).testCases();
        assertThat(cases).extracting(TestCase::name, TestCase::status).containsExactlyInAnyOrder(
                tuple("addsTwoNumbers", "SUCCEEDED"), tuple("subtractsTwoNumbers", "SUCCEEDED"),
                tuple("dividesByZero", "FAILED"), tuple("parsesInput", "ERROR"), tuple("roundsHalfEven", "SKIPPED"));
        assertThat(cases).filteredOn(c -> c.name().equals("dividesByZero")).singleElement().satisfies(c -> {
            assertThat(c.prefix()).isEqualTo("dev.example.CalculatorTest");
            assertThat(c.message()).contains("expected: <Infinity> but was: <NaN>");
            assertThat(c.durationInNanoSeconds()).isEqualTo(5_000_000L);
        });
    }

    @Test
    void describeTestCasesFiltersByStatus() {
        Report report = report("TEST");

        List<TestCase> failed = codeBuild.describeTestCases(r -> r.reportArn(report.arn())
                .filter(f -> f.status("FAILED"))).testCases();

        assertThat(failed).extracting(TestCase::name).containsExactly("dividesByZero");
    }

    @Test
    void theJacocoReportGivesLineAndBranchCoverageOverallAndPerFile() {
        Report report = report("CODE_COVERAGE");

        assertThat(report.reportGroupArn()).endsWith(":report-group/" + PROJECT + "-coverage");
        assertThat(report.codeCoverageSummary().linesCovered()).isEqualTo(7);
        assertThat(report.codeCoverageSummary().linesMissed()).isEqualTo(5);
        assertThat(report.codeCoverageSummary().lineCoveragePercentage()).isEqualTo(58.33);
        assertThat(report.codeCoverageSummary().branchCoveragePercentage()).isEqualTo(50.0);
        List<CodeCoverage> files = codeBuild.describeCodeCoverages(r -> r.reportArn(report.arn())
                .sortBy(ReportCodeCoverageSortByType.FILE_PATH)).codeCoverages();
        assertThat(files).extracting(CodeCoverage::filePath, CodeCoverage::linesCovered, CodeCoverage::linesMissed,
                CodeCoverage::branchesCovered, CodeCoverage::branchesMissed)
                .containsExactly(tuple("dev/example/Calculator.java", 6, 2, 3, 1),
                        tuple("dev/example/Parser.java", 1, 3, 0, 2));
    }

    @Test
    void theLogIsNamedInTheBuildAndServedAtItsDeepLink() throws Exception {
        String deepLink = build.logs().deepLink();

        java.net.http.HttpResponse<String> response;
        try (java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient()) {
            response = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(deepLink)).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
        }

        assertThat(build.logs().groupName()).isEqualTo("/aws/codebuild/" + PROJECT);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("X-Build-Complete")).contains("true");
        assertThat(response.body()).isEqualTo(log).contains("Phase complete: BUILD State: FAILED");
    }

    private static BuildPhase phase(String type) {
        return build.phases().stream().filter(p -> p.phaseTypeAsString().equals(type)).findFirst().orElseThrow();
    }

    private static Report report(String type) {
        Map<String, Report> byType = codeBuild.batchGetReports(r -> r.reportArns(build.reportArns())).reports()
                .stream().collect(Collectors.toMap(Report::typeAsString, r -> r));
        return byType.get(type);
    }
}
