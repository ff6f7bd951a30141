package dev.stepsolver.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stepsolver.emulator.codepipeline.ActionExecutionRecord;
import dev.stepsolver.emulator.codepipeline.ExecutionRecord;
import dev.stepsolver.emulator.codepipeline.PipelineEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;
import software.amazon.awssdk.services.codebuild.CodeBuildClient;
import software.amazon.awssdk.services.codebuild.model.Report;

/**
 * Scenario 1, the happy path: the project's sources go from a commit through Source, Build (unit
 * tests and reports, the image pushed, a version published, the AppSpec), PreProd (all at once to
 * beta), IntegrationTests (the contract over HTTP with the API key) and Prod (a 25 % canary, then
 * everything) while clients keep calling the prod stage.
 */
class HappyPathIT {

    private static Scenario scenario;
    private static ProdTraffic traffic;
    private static ExecutionRecord execution;
    private static final List<String> prodProgress = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void runThePipeline() throws Exception {
        scenario = Scenario.start("happy-path", Optional.empty());
        traffic = new ProdTraffic(scenario).startingWithProd();
        scenario.pipeline.follow(event -> {
            if (event instanceof PipelineEvent.ActionChanged action && action.action().stageName().equals("Prod")) {
                action.action().summaryIfAny().ifPresent(prodProgress::add);
            }
        });
        execution = scenario.awaitEnd(scenario.firstExecution());
        traffic.close();
    }

    @AfterAll
    static void stop() {
        if (scenario != null) {
            scenario.close();
        }
    }

    @Test
    void theExecutionSucceedsWithEveryActionSucceeded() {
        assertThat(execution.status()).as("%s", execution.summary()).isEqualTo("Succeeded");
        assertThat(scenario.actions(execution)).extracting(a -> a.stageName() + "/" + a.actionName(), ActionExecutionRecord::status)
                .contains(org.assertj.core.groups.Tuple.tuple("Source/Source", "Succeeded"),
                        org.assertj.core.groups.Tuple.tuple("Build/Build", "Succeeded"),
                        org.assertj.core.groups.Tuple.tuple("IntegrationTests/IntegrationTests", "Succeeded"),
                        org.assertj.core.groups.Tuple.tuple("Prod/DeployLambda", "Succeeded"));
        assertThat(scenario.actions(execution)).allSatisfy(a -> assertThat(a.status()).isEqualTo("Succeeded"));
        assertThat(execution.stages()).extracting(s -> s.stageName())
                .containsExactly("Source", "Build", "PreProd", "IntegrationTests", "Prod");
    }

    @Test
    void prodAndBetaServeTheVersionTheBuildPublished() {
        String published = buildVariable("TARGET_VERSION");
        assertThat(published).isNotEqualTo("1");
        assertThat(scenario.aliasVersion("prod")).isEqualTo(published);
        assertThat(scenario.aliasWeights("prod")).isEmpty();
        assertThat(scenario.aliasVersion("beta")).isEqualTo(published);
    }

    @Test
    void theCanarySentAQuarterOfProdTrafficToTheNewVersionBeforeAllOfIt() {
        String published = buildVariable("TARGET_VERSION");
        assertThat(prodProgress).anySatisfy(line -> assertThat(line).contains("25% of traffic on version " + published));
        try (CloudWatchClient cloudWatch = scenario.client(CloudWatchClient.builder())) {
            // the last emulated day, hour by hour (the emulator's clock runs TIME_SCALE times faster)
            Instant now = scenario.pipeline.emulator().context().clock().now();
            double onNewVersionThroughProd = cloudWatch.getMetricStatistics(r -> r.namespace("AWS/Lambda")
                    .metricName("Invocations").statistics(Statistic.SUM).period(3600)
                    .startTime(now.minus(Duration.ofDays(1))).endTime(now.plus(Duration.ofHours(1)))
                    .dimensions(d -> d.name("FunctionName").value(scenario.pipeline.functionName()),
                            d -> d.name("Resource").value(scenario.pipeline.functionName() + ":prod"),
                            d -> d.name("ExecutedVersion").value(published)))
                    .datapoints().stream().mapToDouble(p -> p.sum()).sum();
            assertThat(onNewVersionThroughProd).isPositive();
        }
    }

    @Test
    void clientsOfProdGotCorrectAnswersThroughoutTheRelease() {
        assertThat(traffic.started()).isTrue();
        assertThat(traffic.statusCounts()).containsOnlyKeys(200);
        assertThat(traffic.wrongAnswers()).isEmpty();
    }

    @Test
    void prodAnswersTheContractCasesWithTheApiKey() {
        String key = scenario.pipeline.apiKey();
        for (Scenario.Case c : Scenario.contractCases()) {
            var response = scenario.solve("prod", c.equation(), key);
            assertThat(response.statusCode()).as(c.description()).isEqualTo(200);
            assertThat(Scenario.steps(response.body())).as(c.description()).isEqualTo(c.solution());
        }
        assertThat(scenario.solve("prod", "7x - 2 = 19", "not-the-key").statusCode()).isEqualTo(403);
    }

    @Test
    void theUnitAndIntegrationReportsAreInTheirReportGroups() {
        try (CodeBuildClient codeBuild = scenario.client(CodeBuildClient.builder())) {
            assertThat(testCases(codeBuild, "stepsolver-build-unit-tests")).isGreaterThan(100);
            Report integration = latestReport(codeBuild, "stepsolver-integration-tests-integration-tests");
            assertThat(integration.testSummary().total()).isEqualTo(Scenario.contractCases().size());
            assertThat(integration.testSummary().statusCounts()).containsEntry("SUCCEEDED",
                    Scenario.contractCases().size());
        }
    }

    private static int testCases(CodeBuildClient codeBuild, String group) {
        return latestReport(codeBuild, group).testSummary().total();
    }

    private static Report latestReport(CodeBuildClient codeBuild, String group) {
        String groupArn = codeBuild.listReportGroups(r -> { }).reportGroups().stream().filter(arn -> arn.endsWith("/" + group))
                .findFirst().orElseThrow(() -> new AssertionError("no report group " + group));
        List<String> reports = codeBuild.listReportsForReportGroup(r -> r.reportGroupArn(groupArn)).reports();
        assertThat(reports).as("reports of " + group).isNotEmpty();
        return codeBuild.batchGetReports(r -> r.reportArns(reports)).reports().stream()
                .max(java.util.Comparator.comparing(Report::created)).orElseThrow();
    }

    private static String buildVariable(String name) {
        return scenario.actions(execution).stream().filter(a -> a.actionName().equals("Build"))
                .map(a -> a.outputVariables().get(name)).findFirst()
                .orElseThrow(() -> new AssertionError("the build exported no " + name));
    }
}
