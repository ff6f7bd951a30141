package dev.stepsolver.pipeline.cli;

import dev.stepsolver.pipeline.deploy.ApiKeys;
import dev.stepsolver.pipeline.deploy.StackDeployer;
import dev.stepsolver.pipeline.deploy.StackOutcome;
import dev.stepsolver.pipeline.model.DeploymentModel;
import dev.stepsolver.pipeline.synth.CanonicalJson;
import dev.stepsolver.pipeline.validate.TemplateRules;
import dev.stepsolver.pipeline.synth.SynthTarget;
import dev.stepsolver.pipeline.synth.Synthesis;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "deploy", mixinStandardHelpOptions = true,
        description = {"Creates or updates the stack through the CloudFormation API (AWS or AWS_ENDPOINT_URL), waits,",
                "and prints stack events as they happen. Parameters not given keep their previous values.",
                "Afterwards copies the API key's value into its SSM SecureString."})
final class DeployCommand extends ServiceCommand implements Callable<Integer> {

    @Mixin
    ModelOption model;

    @Option(names = "--template", description = "Template to deploy (default: synthesized from the model).")
    Optional<Path> template = Optional.empty();

    @Option(names = "--stack-name", description = "Stack name (default: the model's).")
    Optional<String> stackName = Optional.empty();

    @Option(names = "--parameter", paramLabel = "KEY=VALUE", description = "A template parameter; repeatable.")
    List<String> parameters = new ArrayList<>();

    @Option(names = "--timeout", defaultValue = "PT60M", description = "Longest wait for the stack (ISO-8601, default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Option(names = "--poll", defaultValue = "PT5S", description = "Interval between status polls (default: ${DEFAULT-VALUE}).")
    Duration poll;

    @Option(names = "--no-api-key-sync", description = "Do not copy the API key into SSM.")
    boolean noApiKeySync;

    @Override
    public Integer call() throws Exception {
        DeploymentModel m = model.load();
        String body;
        if (template.isPresent()) {
            body = Files.readString(template.get());
            var problems = TemplateRules.check(CanonicalJson.parse(body));
            if (!problems.isEmpty()) {
                throw new IllegalArgumentException(template.get() + " does not validate:\n  " + problems.stream()
                        .map(Object::toString).collect(java.util.stream.Collectors.joining("\n  ")));
            }
        } else {
            ModelChecks.requireValid(m);
            body = Synthesis.of(m, SynthTarget.of(SynthTarget.DEFAULT_ACCOUNT, SynthTarget.DEFAULT_REGION,
                    m.source().connectionName())).templateJson();
        }
        StackDeployer deployer = new StackDeployer(services.cloudFormation(), services.sleeper(), poll, timeout, out());
        StackOutcome outcome = deployer.deploy(stackName.orElse(m.stackName()), body, Parameters.parse(parameters, spec));
        outcome.outputs().forEach((k, v) -> out().println("  " + k + " = " + v));
        if (!outcome.succeeded()) {
            err().println("error: stack " + outcome.stackName() + " ended " + outcome.status());
            return 1;
        }
        String keyId = outcome.outputs().get("ApiKeyId");
        String parameter = outcome.outputs().get("ApiKeyParameterName");
        if (!noApiKeySync && keyId != null && parameter != null) {
            ApiKeys.copyToSsm(services.apiGateway(), services.ssm(), keyId, parameter);
            out().println("API key " + keyId + " copied to SSM SecureString " + parameter);
        }
        return 0;
    }
}
