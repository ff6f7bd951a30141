package dev.stepsolver.pipeline.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stepsolver.pipeline.deploy.FakeApiKeyStore;
import dev.stepsolver.pipeline.deploy.FakeCloudFormation;
import dev.stepsolver.pipeline.deploy.StackDeployer;
import dev.stepsolver.pipeline.model.DeploymentModel;
import dev.stepsolver.pipeline.synth.SynthTarget;
import dev.stepsolver.pipeline.synth.Synthesis;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudformation.model.CreateStackRequest;
import software.amazon.awssdk.services.cloudformation.model.Parameter;
import software.amazon.awssdk.services.cloudformation.model.UpdateStackRequest;
import software.amazon.awssdk.services.ssm.model.ParameterType;

class BootstrapperTest {

    private static final DeploymentModel MODEL = DeploymentModel.defaults();
    private static final String TEMPLATE = Synthesis.of(MODEL, SynthTarget.of("0", "r", "c")).templateJson();
    private static final Map<String, String> OUTPUTS = Map.of("RepositoryUri", "123.dkr.ecr.r.amazonaws.com/stepsolver-solver",
            "ApiKeyId", "key1", "ConnectionArn", "arn:conn");

    private final FakeCloudFormation cloudFormation = new FakeCloudFormation("stepsolver");
    private final FakeApiKeyStore keys = new FakeApiKeyStore();
    private final List<String> steps = new ArrayList<>();
    private final StringWriter out = new StringWriter();

    private Bootstrapper bootstrapper() {
        keys.keys.put("key1", "the-key");
        return new Bootstrapper(
                new StackDeployer(cloudFormation, d -> { }, Duration.ofSeconds(1), Duration.ofMinutes(1), new PrintWriter(out, true)),
                (image, base) -> steps.add("build " + image + " on " + base),
                repository -> steps.add("login " + repository),
                keys.apiGateway, keys.ssm, new PrintWriter(out, true));
    }

    private static String parameter(List<Parameter> parameters, String key) {
        return parameters.stream().filter(p -> p.parameterKey().equals(key)).findFirst().map(Parameter::parameterValue).orElse(null);
    }

    @Test
    void fromAnEmptyAccountItCreatesTheRepositoryPushesAnImageThenDeploysEverything() throws Exception {
        cloudFormation.nextOperation(Map.of("RepositoryUri", OUTPUTS.get("RepositoryUri")), "CREATE_COMPLETE")
                .nextOperation(OUTPUTS, "UPDATE_IN_PROGRESS", "UPDATE_COMPLETE");

        var result = bootstrapper().run(MODEL, TEMPLATE, Optional.empty(), "bootstrap", "scratch");

        CreateStackRequest create = (CreateStackRequest) cloudFormation.requests.get(0);
        UpdateStackRequest update = (UpdateStackRequest) cloudFormation.requests.get(1);
        assertThat(parameter(create.parameters(), "ImageUri")).isEmpty();
        assertThat(steps).containsExactly("login 123.dkr.ecr.r.amazonaws.com/stepsolver-solver",
                "build 123.dkr.ecr.r.amazonaws.com/stepsolver-solver:bootstrap on scratch");
        assertThat(parameter(update.parameters(), "ImageUri")).isEqualTo("123.dkr.ecr.r.amazonaws.com/stepsolver-solver:bootstrap");
        assertThat(parameter(update.parameters(), "BaseImage")).isEqualTo("scratch");
        assertThat(result.imageUri()).isEqualTo("123.dkr.ecr.r.amazonaws.com/stepsolver-solver:bootstrap");
        assertThat(result.stack().succeeded()).isTrue();
    }

    @Test
    void theApiKeyEndsUpInItsSecureString() throws Exception {
        cloudFormation.existing("UPDATE_COMPLETE", Map.of("ImageUri", "repo:1"), OUTPUTS).nextOperation(OUTPUTS, "UPDATE_COMPLETE");

        bootstrapper().run(MODEL, TEMPLATE, Optional.empty(), "bootstrap", "scratch");

        assertThat(keys.parameters.get("/stepsolver/api-key").type()).isEqualTo(ParameterType.SECURE_STRING);
        assertThat(keys.parameters.get("/stepsolver/api-key").value()).isEqualTo("the-key");
    }

    @Test
    void aStackThatAlreadyRunsAnImageIsNotRebuilt() throws Exception {
        cloudFormation.existing("UPDATE_COMPLETE", Map.of("ImageUri", "repo:1"), OUTPUTS).nextOperation(OUTPUTS, "UPDATE_COMPLETE");

        var result = bootstrapper().run(MODEL, TEMPLATE, Optional.empty(), "bootstrap", "scratch");

        assertThat(steps).isEmpty();
        assertThat(result.imageUri()).isEqualTo("repo:1");
    }

    @Test
    void anImageGivenIsUsedWithoutBuilding() throws Exception {
        cloudFormation.nextOperation(OUTPUTS, "CREATE_COMPLETE");

        var result = bootstrapper().run(MODEL, TEMPLATE, Optional.of("repo:given"), "bootstrap", "scratch");

        assertThat(steps).isEmpty();
        CreateStackRequest create = (CreateStackRequest) cloudFormation.requests.getFirst();
        assertThat(parameter(create.parameters(), "ImageUri")).isEqualTo("repo:given");
        assertThat(result.imageUri()).isEqualTo("repo:given");
    }

    @Test
    void aFailedStackStopsTheBootstrapBeforeTheImageBuild() {
        cloudFormation.nextOperation(Map.of(), "ROLLBACK_IN_PROGRESS", "ROLLBACK_COMPLETE");

        assertThatThrownBy(() -> bootstrapper().run(MODEL, TEMPLATE, Optional.empty(), "bootstrap", "scratch"))
                .hasMessageContaining("ROLLBACK_COMPLETE");
        assertThat(steps).isEmpty();
    }

    @Test
    void theMavenBuildIsTheBuildspecsJibCommand() {
        var builder = new MavenJibImageBuilder(Path.of("."), List.of("-Djib.allowInsecureRegistries=true"), Duration.ofMinutes(1));

        assertThat(builder.command("r/app:t", "scratch")).containsExactly("./mvnw", "-B", "-pl", "solver-lambda", "-am", "package",
                "jib:build", "-DskipTests", "-Dimage=r/app:t", "-Djib.from.image=scratch", "-Djib.allowInsecureRegistries=true");
    }

    @Test
    void withoutAMavenWrapperTheBuildSaysWhereToRunFrom(@org.junit.jupiter.api.io.TempDir Path dir) {
        var builder = new MavenJibImageBuilder(dir, List.of(), Duration.ofMinutes(1));

        assertThatThrownBy(() -> builder.buildAndPush("r/app:t", "scratch")).hasMessageContaining("no executable mvnw");
    }
}
