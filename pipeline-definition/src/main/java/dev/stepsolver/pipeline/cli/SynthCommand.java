package dev.stepsolver.pipeline.cli;

import dev.stepsolver.pipeline.model.DeploymentModel;
import dev.stepsolver.pipeline.synth.PipelineNames;
import dev.stepsolver.pipeline.synth.SynthTarget;
import dev.stepsolver.pipeline.synth.Synthesis;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "synth", mixinStandardHelpOptions = true,
        description = "Writes template.json (the whole stack) and pipeline.json (create-pipeline --cli-input-json).")
final class SynthCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ModelOption model;

    @Option(names = "--out-dir", defaultValue = "synth-out", description = "Directory to write into (default: ${DEFAULT-VALUE}).")
    Path outDir;

    @Option(names = "--account-id", defaultValue = SynthTarget.DEFAULT_ACCOUNT,
            description = "Account pipeline.json is written for (default: ${DEFAULT-VALUE}).")
    String accountId;

    @Option(names = "--region", defaultValue = SynthTarget.DEFAULT_REGION,
            description = "Region pipeline.json is written for (default: ${DEFAULT-VALUE}).")
    String region;

    @Option(names = "--compact", description = "Write template.json without indentation (CloudFormation's inline limit is 51,200 bytes).")
    boolean compact;

    @Option(names = "--connection-arn", description = "Connection ARN for pipeline.json (the stack output ConnectionArn).")
    Optional<String> connectionArn = Optional.empty();

    @Override
    public Integer call() throws Exception {
        DeploymentModel m = model.load();
        ModelChecks.requireValid(m);
        SynthTarget target = SynthTarget.of(accountId, region, m.source().connectionName());
        if (connectionArn.isPresent()) {
            target = target.withConnectionArn(connectionArn.get());
        }
        Synthesis synthesis = Synthesis.of(m, target);
        (compact ? synthesis.compact() : synthesis).writeTo(outDir);
        spec.commandLine().getOut().println("wrote " + outDir.resolve(PipelineNames.TEMPLATE_FILE) + " and "
                + outDir.resolve(Synthesis.PIPELINE_FILE));
        return 0;
    }
}
