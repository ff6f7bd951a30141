package dev.stepsolver.emulator.cloudformation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stepsolver.emulator.Clients;
import dev.stepsolver.emulator.LocalEmulator;
import dev.stepsolver.emulator.time.ManualClock;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.codeconnections.CodeConnectionsClient;
import software.amazon.awssdk.services.codedeploy.CodeDeployClient;
import software.amazon.awssdk.services.cloudformation.model.Capability;
import software.amazon.awssdk.services.cloudformation.model.CloudFormationException;
import software.amazon.awssdk.services.cloudformation.model.Output;
import software.amazon.awssdk.services.cloudformation.model.Parameter;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.cloudformation.model.StackResource;
import software.amazon.awssdk.services.cloudformation.model.StackStatus;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The project's own template ({@code stepsolver-template.json}, a copy of pipeline-definition's
 * golden {@code template.json}) deployed as {@code pipeline-definition deploy} sends it: compact
 * JSON, CAPABILITY_NAMED_IAM, and on a redeploy every parameter as UsePreviousValue.
 */
class ProjectTemplateTest {

    private static String template;

    private LocalEmulator emulator;
    private CloudFormationClient cloudFormation;

    @BeforeAll
    static void readTemplate() {
        try (InputStream in = ProjectTemplateTest.class.getResourceAsStream("/cloudformation/stepsolver-template.json")) {
            ObjectMapper json = new ObjectMapper();
            template = json.writeValueAsString(json.readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One emulator per test: every deploy of the template names the same repository. */
    @BeforeEach
    void start() {
        emulator = LocalEmulator.builder().port(0).clock(new ManualClock(Instant.parse("2025-01-01T00:00:00Z")))
                .build().start();
        cloudFormation = Clients.cloudFormation(emulator.endpoint());
    }

    @AfterEach
    void stop() {
        cloudFormation.close();
        emulator.close();
    }

    private Stack deploy(String name, String imageUri) {
        cloudFormation.createStack(r -> r.stackName(name).templateBody(template)
                .parameters(Parameter.builder().parameterKey("ImageUri").parameterValue(imageUri).build())
                .capabilities(Capability.CAPABILITY_NAMED_IAM));
        return StackFixtures.settled(cloudFormation, name);
    }

    @Test
    void theBootstrapDeployWithoutAnImageCreatesOnlyTheImageRepository() {
        Stack stack = deploy("stepsolver", "");

        assertThat(stack.stackStatus()).isEqualTo(StackStatus.CREATE_COMPLETE);
        List<StackResource> resources = cloudFormation.describeStackResources(r -> r.stackName("stepsolver"))
                .stackResources();
        assertThat(resources).singleElement().satisfies(resource -> {
            assertThat(resource.logicalResourceId()).isEqualTo("ImageRepository");
            assertThat(resource.resourceType()).isEqualTo("AWS::ECR::Repository");
            assertThat(resource.physicalResourceId()).isEqualTo("stepsolver-solver");
        });
        try (EcrClient ecr = Clients.ecr(emulator.endpoint())) {
            String uri = ecr.describeRepositories(r -> r.repositoryNames("stepsolver-solver")).repositories()
                    .getFirst().repositoryUri();
            assertThat(stack.outputs()).extracting(Output::outputKey, Output::outputValue)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("RepositoryUri", uri));
        }
        assertThat(stack.parameters()).extracting(Parameter::parameterKey)
                .containsExactlyInAnyOrder("ImageUri", "BaseImage", "FullRepositoryId", "BranchName",
                        "ProdApiDeploymentId");
    }

    @Test
    void aRedeployKeepingEveryPreviousValueHasNothingToDo() {
        deploy("redeploy", "");

        assertThatThrownBy(() -> cloudFormation.updateStack(r -> r.stackName("redeploy").templateBody(template)
                .capabilities(Capability.CAPABILITY_NAMED_IAM)
                .parameters(List.of("BaseImage", "BranchName", "FullRepositoryId", "ImageUri", "ProdApiDeploymentId")
                        .stream().map(key -> Parameter.builder().parameterKey(key).usePreviousValue(true).build())
                        .toList())))
                .isInstanceOfSatisfying(CloudFormationException.class, e -> assertThat(e.awsErrorDetails()
                        .errorMessage()).isEqualTo("No updates are to be performed."));
    }

    /**
     * With an image tag that was never pushed, the function cannot be made: the stack fails there
     * and rolls back, deleting what it had already made of every service.
     */
    @Test
    void withAnImageThatDoesNotExistTheStackFailsOnTheFunctionAndRollsEverythingBack() {
        Stack stack = deploy("full", "000000000000.dkr.ecr.us-east-1.amazonaws.com/stepsolver-solver:missing");

        assertThat(stack.stackStatus()).isEqualTo(StackStatus.ROLLBACK_COMPLETE);
        var failed = StackFixtures.events(cloudFormation, stack.stackId()).stream()
                .filter(e -> e.resourceStatusAsString().equals("CREATE_FAILED")).toList();
        assertThat(failed.getFirst().logicalResourceId()).isEqualTo("SolverFunction");
        assertThat(failed.getFirst().resourceStatusReason()).contains("stepsolver-solver:missing");
        assertThat(cloudFormation.describeStackResources(r -> r.stackName(stack.stackId())).stackResources())
                .allSatisfy(r -> assertThat(r.resourceStatusAsString()).isIn("DELETE_COMPLETE", "DELETE_SKIPPED"));
        try (S3Client s3 = Clients.s3(emulator.endpoint());
                CodeDeployClient codeDeploy = Clients.codeDeploy(emulator.endpoint());
                CodeConnectionsClient connections = Clients.codeConnections(emulator.endpoint());
                ApiGatewayClient apiGateway = Clients.apiGateway(emulator.endpoint())) {
            assertThat(s3.listBuckets().buckets()).noneMatch(b -> b.name().startsWith("stepsolver-artifacts"));
            assertThat(codeDeploy.listApplications().applications()).isEmpty();
            assertThat(codeDeploy.listDeploymentConfigs().deploymentConfigsList()).noneMatch(c -> c.startsWith(
                    "stepsolver"));
            assertThat(connections.listConnections(r -> { }).connections()).isEmpty();
            assertThat(apiGateway.getRestApis(r -> { }).items()).isEmpty();
            assertThat(apiGateway.getApiKeys(r -> { }).items()).isEmpty();
        }
    }
}
