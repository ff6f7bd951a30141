package dev.stepsolver.emulator.cloudformation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stepsolver.emulator.Clients;
import dev.stepsolver.emulator.LocalEmulator;
import dev.stepsolver.emulator.protocol.AwsException;
import dev.stepsolver.emulator.time.ManualClock;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;

/** The in-process API the pipeline's CloudFormation action uses: create-or-update, completion, outputs. */
class StackDeploymentApiTest {

    private static LocalEmulator emulator;
    private static CloudFormationBackend cloudFormation;
    private static SsmClient ssm;

    private static final String TEMPLATE = """
            {"Parameters": {"Stage": {"Type": "String", "Default": "beta"}},
             "Resources": {"Setting": {"Type": "AWS::SSM::Parameter", "Properties": {
               "Name": {"Fn::Sub": "/${AWS::StackName}/stage"}, "Type": "String", "Value": {"Ref": "Stage"}}}},
             "Outputs": {"Stage": {"Value": {"Fn::GetAtt": ["Setting", "Value"]}},
                         "Parameter": {"Value": {"Ref": "Setting"}}}}
            """;

    @BeforeAll
    static void start() {
        emulator = LocalEmulator.builder().port(0).clock(new ManualClock(Instant.parse("2025-01-01T00:00:00Z")))
                .build().start();
        cloudFormation = emulator.context().backend(CloudFormationBackend.class);
        ssm = Clients.ssm(emulator.endpoint());
    }

    @AfterAll
    static void stop() {
        ssm.close();
        emulator.close();
    }

    private static StackOutcome deploy(String stack, String template, Map<String, String> parameters)
            throws Exception {
        return cloudFormation.deploy(StackDeployment.of(stack, template, parameters, Set.of()))
                .get(1, TimeUnit.MINUTES);
    }

    @Test
    void deployCreatesAMissingStackAndCompletesWithItsOutputs() throws Exception {
        StackOutcome outcome = deploy("created", TEMPLATE, Map.of("Stage", "prod"));

        assertThat(outcome.succeeded()).isTrue();
        assertThat(outcome.status()).isEqualTo(StackStatus.CREATE_COMPLETE);
        assertThat(outcome.changed()).isTrue();
        assertThat(outcome.outputs()).containsEntry("Stage", "prod").containsEntry("Parameter", "/created/stage");
    }

    /** As in AWS, where the pipeline's action stages the template in S3: the 51,200-character body limit is not its. */
    @Test
    void aTemplateOverTheBodyLimitDeploysAsAStagedOneUpToAMegabyte() throws Exception {
        String padded = TEMPLATE.replaceFirst("\\{", "{\"Metadata\": {\"Padding\": \"" + "x".repeat(60_000) + "\"},");

        StackOutcome outcome = deploy("large", padded, Map.of());

        assertThat(outcome.status()).isEqualTo(StackStatus.CREATE_COMPLETE);
        String tooLarge = TEMPLATE.replaceFirst("\\{", "{\"Metadata\": {\"Padding\": \"" + "x".repeat(1_000_001)
                + "\"},");
        assertThatThrownBy(() -> deploy("huge", tooLarge, Map.of()))
                .isInstanceOfSatisfying(AwsException.class, e -> assertThat(e.getMessage())
                        .isEqualTo("Template may not exceed 1000000 bytes in size."));
    }

    @Test
    void deployUpdatesAnExistingStackAndParametersNotGivenTakeTheTemplateDefaults() throws Exception {
        deploy("updated", TEMPLATE, Map.of("Stage", "prod"));

        StackOutcome outcome = deploy("updated", TEMPLATE, Map.of());

        assertThat(outcome.status()).isEqualTo(StackStatus.UPDATE_COMPLETE);
        assertThat(outcome.outputs()).containsEntry("Stage", "beta");
        assertThat(ssm.getParameter(r -> r.name("/updated/stage")).parameter().value()).isEqualTo("beta");
    }

    @Test
    void deployWithNothingToChangeCompletesAtOnceUnchanged() throws Exception {
        StackOutcome first = deploy("same", TEMPLATE, Map.of());

        StackOutcome second = deploy("same", TEMPLATE, Map.of());

        assertThat(second.changed()).isFalse();
        assertThat(second.status()).isEqualTo(StackStatus.CREATE_COMPLETE);
        assertThat(second.stackId()).isEqualTo(first.stackId());
        assertThat(second.outputs()).isEqualTo(first.outputs());
    }

    @Test
    void aDeployWhoseResourceFailsCompletesWithTheRollbackAndItsReason() throws Exception {
        StackOutcome outcome = deploy("failing", TEMPLATE.replace("\"String\", \"Value\"", "\"SecureString\", \"Value\""),
                Map.of());

        assertThat(outcome.succeeded()).isFalse();
        assertThat(outcome.status()).isEqualTo(StackStatus.ROLLBACK_COMPLETE);
        assertThat(outcome.reason()).contains("The following resource(s) failed to create: [Setting]. Rollback"
                + " requested by user.");
    }

    @Test
    void whatCloudFormationRefusesAtOnceIsThrownAtOnce() {
        assertThatThrownBy(() -> cloudFormation.deploy(StackDeployment.of("refused", TEMPLATE, Map.of("Colour", "red"),
                Set.of()))).isInstanceOfSatisfying(AwsException.class, e -> {
                    assertThat(e.code()).isEqualTo("ValidationError");
                    assertThat(e.getMessage()).isEqualTo("Parameters: [Colour] do not exist in the template");
                });
    }

    @Test
    void deleteCompletesOnceTheStackIsGone() throws Exception {
        deploy("deleted", TEMPLATE, Map.of());

        StackOutcome outcome = cloudFormation.delete("deleted").get(1, TimeUnit.MINUTES);

        assertThat(outcome.status()).isEqualTo(StackStatus.DELETE_COMPLETE);
        assertThat(cloudFormation.findStack("deleted")).isEmpty();
        assertThatThrownBy(() -> ssm.getParameter(r -> r.name("/deleted/stage")))
                .isInstanceOf(ParameterNotFoundException.class);
    }
}
