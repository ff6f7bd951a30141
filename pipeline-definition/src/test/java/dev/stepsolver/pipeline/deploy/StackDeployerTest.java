package dev.stepsolver.pipeline.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudformation.model.CreateStackRequest;
import software.amazon.awssdk.services.cloudformation.model.Parameter;
import software.amazon.awssdk.services.cloudformation.model.UpdateStackRequest;

class StackDeployerTest {

    private static final String TEMPLATE = """
            {"Parameters": {"ImageUri": {"Type": "String", "Default": ""}, "BaseImage": {"Type": "String", "Default": "b"}},
             "Resources": {"Repo": {"Type": "AWS::ECR::Repository"}}}
            """;

    private final FakeCloudFormation cloudFormation = new FakeCloudFormation("app");
    private final List<Duration> sleeps = new ArrayList<>();
    private final StringWriter out = new StringWriter();

    private StackDeployer deployer(Duration timeout) {
        return new StackDeployer(cloudFormation, sleeps::add, Duration.ofSeconds(5), timeout, new PrintWriter(out, true));
    }

    @Test
    void aNewStackIsCreatedFollowedToTheEndAndItsOutputsReturned() throws Exception {
        cloudFormation.nextOperation(Map.of("RepositoryUri", "r/app"), "CREATE_IN_PROGRESS", "CREATE_COMPLETE");

        StackOutcome outcome = deployer(Duration.ofMinutes(5)).deploy("app", TEMPLATE, Map.of("ImageUri", ""));

        assertThat(outcome.succeeded()).isTrue();
        assertThat(outcome.outputs()).containsEntry("RepositoryUri", "r/app");
        assertThat(cloudFormation.requests.getFirst()).isInstanceOf(CreateStackRequest.class);
        assertThat(sleeps).containsOnly(Duration.ofSeconds(5));
    }

    @Test
    void stackEventsArePrintedOnceInTheOrderTheyHappened() throws Exception {
        cloudFormation.nextOperation(Map.of(), "CREATE_IN_PROGRESS", "CREATE_IN_PROGRESS", "CREATE_COMPLETE");

        deployer(Duration.ofMinutes(5)).deploy("app", TEMPLATE, Map.of());

        List<String> lines = out.toString().lines().filter(l -> l.startsWith("1970")).toList();
        assertThat(lines).hasSize(7);
        assertThat(lines).isSortedAccordingTo(String::compareTo);
        assertThat(lines.getLast()).contains("app").contains("CREATE_COMPLETE");
    }

    @Test
    void anUpdateKeepsThePreviousValueOfParametersNotGiven() throws Exception {
        cloudFormation.existing("CREATE_COMPLETE", Map.of("ImageUri", "r/app:1", "BaseImage", "scratch"), Map.of())
                .nextOperation(Map.of(), "UPDATE_COMPLETE");

        deployer(Duration.ofMinutes(5)).deploy("app", TEMPLATE, Map.of("ImageUri", "r/app:2"));

        UpdateStackRequest update = (UpdateStackRequest) cloudFormation.requests.getFirst();
        assertThat(update.parameters()).containsExactly(
                Parameter.builder().parameterKey("BaseImage").usePreviousValue(true).build(),
                Parameter.builder().parameterKey("ImageUri").parameterValue("r/app:2").build());
    }

    @Test
    void anUpdateWithNothingToChangeSucceedsUnchanged() throws Exception {
        cloudFormation.existing("UPDATE_COMPLETE", Map.of(), Map.of("RepositoryUri", "r/app")).nothingToUpdate();

        StackOutcome outcome = deployer(Duration.ofMinutes(5)).deploy("app", TEMPLATE, Map.of());

        assertThat(outcome.changed()).isFalse();
        assertThat(outcome.succeeded()).isTrue();
        assertThat(outcome.outputs()).containsEntry("RepositoryUri", "r/app");
    }

    @Test
    void aRolledBackUpdateIsReportedAsNotSucceeded() throws Exception {
        cloudFormation.existing("CREATE_COMPLETE", Map.of(), Map.of())
                .nextOperation(Map.of(), "UPDATE_ROLLBACK_IN_PROGRESS", "UPDATE_ROLLBACK_COMPLETE");

        StackOutcome outcome = deployer(Duration.ofMinutes(5)).deploy("app", TEMPLATE, Map.of());

        assertThat(outcome.succeeded()).isFalse();
        assertThat(outcome.status()).isEqualTo("UPDATE_ROLLBACK_COMPLETE");
    }

    @Test
    void aStackLeftFromAFailedCreateMustBeDeletedFirst() {
        cloudFormation.existing("ROLLBACK_COMPLETE", Map.of(), Map.of());

        assertThatThrownBy(() -> deployer(Duration.ofMinutes(5)).deploy("app", TEMPLATE, Map.of()))
                .isInstanceOf(StackDeployer.DeployException.class).hasMessageContaining("delete it");
    }

    @Test
    void aParameterTheTemplateDoesNotDeclareIsRejectedBeforeCallingAws() {
        assertThatThrownBy(() -> deployer(Duration.ofMinutes(5)).deploy("app", TEMPLATE, Map.of("Nope", "x")))
                .hasMessageContaining("parameter 'Nope' is not declared");
        assertThat(cloudFormation.requests).isEmpty();
    }

    @Test
    void waitingIsBoundedByTheTimeout() {
        cloudFormation.nextOperation(Map.of(), "CREATE_IN_PROGRESS", "CREATE_IN_PROGRESS", "CREATE_IN_PROGRESS",
                "CREATE_IN_PROGRESS", "CREATE_COMPLETE");

        assertThatThrownBy(() -> deployer(Duration.ofSeconds(15)).deploy("app", TEMPLATE, Map.of()))
                .hasMessageContaining("did not settle");
        assertThat(sleeps).hasSize(3);
    }

    @Test
    void aTemplateOverTheInlineLimitIsRejected() {
        String big = "{\"Description\": \"" + "x".repeat(StackDeployer.MAX_TEMPLATE_BODY) + "\", \"Resources\": {}}";

        assertThatThrownBy(() -> deployer(Duration.ofMinutes(5)).deploy("app", big, Map.of()))
                .hasMessageContaining("inline limit");
    }
}
