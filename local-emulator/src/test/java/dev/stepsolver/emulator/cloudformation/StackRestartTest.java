package dev.stepsolver.emulator.cloudformation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepsolver.emulator.Clients;
import dev.stepsolver.emulator.EmulatorContext;
import dev.stepsolver.emulator.LocalEmulator;
import dev.stepsolver.emulator.time.ManualClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.cloudformation.model.StackStatus;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;

/** Stacks across an emulator restart with a state directory. */
class StackRestartTest {

    @TempDir
    Path state;

    /** A resource whose creation waits until released: an operation caught in flight by the stop. */
    private static final class Blocker implements ResourceProvider {
        private final CountDownLatch release;

        Blocker(CountDownLatch release) {
            this.release = release;
        }

        @Override
        public String type() {
            return "AWS::Test::Blocker";
        }

        @Override
        public Set<String> attributeNames() {
            return Set.of();
        }

        @Override
        public Set<String> replacementProperties() {
            return Set.of();
        }

        @Override
        public String create(ResourceRequest request) {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw ResourceFailure.of(ResourceFailure.Code.InternalFailure, "interrupted");
            }
            return request.logicalId();
        }

        @Override
        public void update(ResourceRequest request, String physicalId, JsonNode oldProperties) {
        }

        @Override
        public void delete(ResourceRequest request, String physicalId) {
        }

        @Override
        public Map<String, JsonNode> attributes(ResourceRequest request, String physicalId) {
            return Map.of();
        }
    }

    private static final String TEMPLATE = """
            {"Resources": {
              "Before": {"Type": "AWS::SSM::Parameter", "Properties": {"Name": "/restart/before", "Type": "String",
                "Value": "made"}},
              "Slow": {"Type": "AWS::Test::Blocker", "DependsOn": "Before"}},
             "Outputs": {"Name": {"Value": {"Ref": "Before"}}}}
            """;

    private LocalEmulator start(CountDownLatch release) {
        Function<EmulatorContext, ResourceProvider> blocker = context -> new Blocker(release);
        return LocalEmulator.builder().port(0).stateDirectory(state)
                .clock(new ManualClock(Instant.parse("2025-01-01T00:00:00Z")))
                .replaceModule(new CloudFormationModule(List.of(blocker))).build().start();
    }

    @Test
    void aCompletedStackIsStillThereAfterARestart() {
        CountDownLatch released = new CountDownLatch(0);
        String stackId;
        try (LocalEmulator emulator = start(released);
                CloudFormationClient cloudFormation = Clients.cloudFormation(emulator.endpoint())) {
            stackId = cloudFormation.createStack(r -> r.stackName("restart").templateBody(TEMPLATE)).stackId();
            StackFixtures.settled(cloudFormation, "restart");
        }

        try (LocalEmulator emulator = start(released);
                CloudFormationClient cloudFormation = Clients.cloudFormation(emulator.endpoint())) {
            Stack stack = cloudFormation.describeStacks(r -> r.stackName("restart")).stacks().getFirst();
            assertThat(stack.stackId()).isEqualTo(stackId);
            assertThat(stack.stackStatus()).isEqualTo(StackStatus.CREATE_COMPLETE);
            assertThat(stack.outputs().getFirst().outputValue()).isEqualTo("/restart/before");
            assertThat(StackFixtures.history(cloudFormation, "restart")).startsWith("restart CREATE_IN_PROGRESS")
                    .endsWith("restart CREATE_COMPLETE");
            assertThat(cloudFormation.describeStackResource(r -> r.stackName("restart").logicalResourceId("Slow"))
                    .stackResourceDetail().resourceStatusAsString()).isEqualTo("CREATE_COMPLETE");
        }
    }

    @Test
    void anUpdateInFlightAtAStopRollsBackToThePreviousStackAtTheNextStart() {
        String before = """
                {"Resources": {"Before": {"Type": "AWS::SSM::Parameter", "Properties": {"Name": "/restart/before",
                  "Type": "String", "Value": "VALUE"}}}}
                """;
        try (LocalEmulator emulator = start(new CountDownLatch(1));
                CloudFormationClient cloudFormation = Clients.cloudFormation(emulator.endpoint())) {
            cloudFormation.createStack(r -> r.stackName("restart").templateBody(before.replace("VALUE", "one")));
            StackFixtures.settled(cloudFormation, "restart");
            cloudFormation.updateStack(r -> r.stackName("restart").templateBody(TEMPLATE.replace("made", "two")));
            await().atMost(Duration.ofMinutes(1)).until(() -> StackFixtures.history(cloudFormation, "restart")
                    .contains("Slow CREATE_IN_PROGRESS"));
        }

        try (LocalEmulator emulator = start(new CountDownLatch(0));
                CloudFormationClient cloudFormation = Clients.cloudFormation(emulator.endpoint());
                SsmClient ssm = Clients.ssm(emulator.endpoint())) {
            Stack stack = StackFixtures.settled(cloudFormation, "restart");

            assertThat(stack.stackStatus()).isEqualTo(StackStatus.UPDATE_ROLLBACK_COMPLETE);
            assertThat(stack.stackStatusReason()).isEqualTo("The following resource(s) failed to update: [Slow]."
                    + " The emulator stopped during the stack operation.");
            assertThat(ssm.getParameter(r -> r.name("/restart/before")).parameter().value()).isEqualTo("one");
            assertThat(cloudFormation.describeStackResources(r -> r.stackName("restart")).stackResources())
                    .extracting(r -> r.logicalResourceId()).containsExactly("Before");
            assertThat(cloudFormation.getTemplate(r -> r.stackName("restart")).templateBody()).contains("\"one\"");
        }
    }

    @Test
    void aCreateInFlightAtAStopRollsBackAtTheNextStart() {
        CountDownLatch never = new CountDownLatch(1);
        try (LocalEmulator emulator = start(never);
                CloudFormationClient cloudFormation = Clients.cloudFormation(emulator.endpoint())) {
            cloudFormation.createStack(r -> r.stackName("restart").templateBody(TEMPLATE));
            await().atMost(Duration.ofMinutes(1)).until(() -> StackFixtures.history(cloudFormation, "restart")
                    .contains("Slow CREATE_IN_PROGRESS"));
        }

        try (LocalEmulator emulator = start(new CountDownLatch(0));
                CloudFormationClient cloudFormation = Clients.cloudFormation(emulator.endpoint());
                SsmClient ssm = Clients.ssm(emulator.endpoint())) {
            Stack stack = StackFixtures.settled(cloudFormation, "restart");

            assertThat(stack.stackStatus()).isEqualTo(StackStatus.ROLLBACK_COMPLETE);
            assertThat(stack.stackStatusReason()).isEqualTo("The following resource(s) failed to create: [Slow]."
                    + " The emulator stopped during the stack operation.");
            assertThat(StackFixtures.history(cloudFormation, "restart")).containsSubsequence("Slow CREATE_IN_PROGRESS",
                    "Slow CREATE_FAILED", "restart ROLLBACK_IN_PROGRESS", "Before DELETE_COMPLETE",
                    "restart ROLLBACK_COMPLETE");
            assertThatThrownBy(() -> ssm.getParameter(r -> r.name("/restart/before")))
                    .isInstanceOf(ParameterNotFoundException.class);
        }
    }
}
