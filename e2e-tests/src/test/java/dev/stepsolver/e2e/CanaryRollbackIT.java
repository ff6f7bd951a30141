package dev.stepsolver.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stepsolver.emulator.codepipeline.ExecutionRecord;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.HistoryItemType;

/**
 * Scenario 4: a commit with a bug that only shows in production (published versions behind the prod
 * stage fail about half their requests). Unit tests and the beta integration suite pass; during the
 * prod canary the error-rate alarm goes to ALARM, CodeDeploy stops the deployment and rolls the
 * alias back, and the execution fails at Prod with prod serving only the previous version.
 */
class CanaryRollbackIT {

    private static final String HANDLER = "solver-lambda/src/main/java/dev/stepsolver/lambda/SolverHandler.java";
    private static final String ENTRY = """
                    long start = nanoTime.getAsLong();
                    String requestId = requestId(context);
            """;
    /** Only a published version (never the unit tests' handler) reads the event ahead to pick its victims. */
    private static final String FAULTY_ENTRY = ENTRY + """
                    String version = System.getenv().getOrDefault("AWS_LAMBDA_FUNCTION_VERSION", "");
                    if (version.matches("\\\\d+") && (requestId.hashCode() & 1) == 0) {
                        try {
                            byte[] event = input.readAllBytes();
                            if (new String(event, StandardCharsets.UTF_8).contains("\\"stage\\":\\"prod\\"")) {
                                throw new IllegalStateException("a bug that only shows in production");
                            }
                            input = new java.io.ByteArrayInputStream(event);
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    }
            """;

    private static Scenario scenario;
    private static ProdTraffic traffic;
    private static ExecutionRecord execution;

    @BeforeAll
    static void runThePipeline() throws Exception {
        scenario = Scenario.start("canary-rollback", Optional.of(new Scenario.Commit(
                "Read the whole event first", Map.of(HANDLER, Scenario.replace(ENTRY, FAULTY_ENTRY)))));
        traffic = new ProdTraffic(scenario).startingWithProd();
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
    void theExecutionPassesBetaAndFailsAtProd() {
        assertThat(execution.status()).isEqualTo("Failed");
        assertThat(execution.stage("IntegrationTests"))
                .hasValueSatisfying(s -> assertThat(s.status()).isEqualTo("Succeeded"));
        assertThat(execution.stage("Prod")).hasValueSatisfying(s -> assertThat(s.status()).isEqualTo("Failed"));
        assertThat(scenario.stageActions(execution, "Prod")).filteredOn(a -> a.actionName().equals("DeployLambda"))
                .singleElement().satisfies(deploy -> {
                    assertThat(deploy.status()).isEqualTo("Failed");
                    assertThat(deploy.errorMessage()).contains("ALARM_ACTIVE").contains("stepsolver-prod-error-rate");
                });
    }

    @Test
    void prodIsBackOnThePreviousVersionOnly() {
        assertThat(scenario.aliasVersion("prod")).isEqualTo("1");
        assertThat(scenario.aliasWeights("prod")).isEmpty();
        assertThat(scenario.aliasVersion("beta")).isNotEqualTo("1");
    }

    @Test
    void theCanaryHurtSomeProdRequestsAndTheAlarmWentOff() {
        assertThat(traffic.statusCounts()).containsKey(502);
        try (CloudWatchClient cloudWatch = scenario.client(CloudWatchClient.builder())) {
            assertThat(cloudWatch.describeAlarmHistory(r -> r.alarmName("stepsolver-prod-error-rate")
                    .historyItemType(HistoryItemType.STATE_UPDATE)).alarmHistoryItems())
                    .anySatisfy(item -> assertThat(item.historySummary()).contains("to ALARM"));
        }
    }
}
