package dev.stepsolver.emulator.codepipeline;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepsolver.emulator.codebuild.ArtifactTarget;
import dev.stepsolver.emulator.codebuild.Build;
import dev.stepsolver.emulator.codebuild.BuildRequest;
import dev.stepsolver.emulator.codebuild.BuildStatus;
import dev.stepsolver.emulator.codebuild.CodeBuildBackend;
import dev.stepsolver.emulator.codebuild.EnvironmentVariable;
import dev.stepsolver.emulator.codebuild.Phase;
import dev.stepsolver.emulator.codebuild.PhaseContext;
import dev.stepsolver.emulator.codebuild.SourceInput;
import dev.stepsolver.emulator.protocol.AwsException;
import dev.stepsolver.emulator.protocol.Mappers;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;
import software.amazon.awssdk.services.codepipeline.model.ActionDeclaration;
import software.amazon.awssdk.services.codepipeline.model.InputArtifact;

/**
 * Build and Test {@code CodeBuild}: a build of ProjectName through the in-process CodeBuild API, with the
 * PrimarySource input artifact as its source (the only input when there is one), the other inputs as
 * secondary sources named after their artifacts ({@code CODEBUILD_SRC_DIR_<name>}), the
 * EnvironmentVariables JSON as overrides, and the outputs as AWS maps them: one output artifact is the
 * buildspec's primary artifact; several are the secondary artifacts whose identifiers are their names.
 * The buildspec's exported variables become the action's output variables.
 */
final class CodeBuildAction implements ActionProvider {

    static final ActionTypeSpec SPEC = ActionTypeSpec.aws("CodeBuild", Set.of("Build", "Test"), Set.of("ProjectName"),
            Set.of("PrimarySource", "BatchEnabled", "CombineArtifacts", "EnvironmentVariables"), 1, 5, 0, 5, false);
    private static final Set<String> VARIABLE_TYPES = Set.of("PLAINTEXT", "PARAMETER_STORE", "SECRETS_MANAGER");

    private final CodeBuildBackend codeBuild;
    private final Supplier<Optional<URI>> endpoint;

    CodeBuildAction(CodeBuildBackend codeBuild, Supplier<Optional<URI>> endpoint) {
        this.codeBuild = codeBuild;
        this.endpoint = endpoint;
    }

    @Override
    public ActionTypeSpec spec() {
        return SPEC;
    }

    @Override
    public void validate(String stageName, ActionDeclaration action) {
        var configuration = action.configuration();
        List<String> inputs = action.inputArtifacts().stream().map(InputArtifact::name).toList();
        String primary = configuration.get("PrimarySource");
        if (primary == null && inputs.size() > 1) {
            throw PipelineValidator.actionError("Action configuration for action '" + action.name() + "' is missing"
                    + " required configuration 'PrimarySource': it is required when a CodeBuild action has more than"
                    + " one input artifact");
        }
        if (primary != null && !inputs.contains(primary)) {
            throw PipelineValidator.actionError("Action configuration for action '" + action.name() + "' has"
                    + " PrimarySource '" + primary + "', which is not one of its input artifacts " + inputs);
        }
        for (String flag : List.of("BatchEnabled", "CombineArtifacts")) {
            String value = configuration.get(flag);
            if (value != null && !Set.of("true", "false").contains(value)) {
                throw PipelineValidator.actionError("Action configuration for action '" + action.name() + "' has "
                        + flag + " '" + value + "'; valid values are true and false");
            }
        }
        String variables = configuration.get("EnvironmentVariables");
        if (variables != null) {
            try {
                environment(variables);
            } catch (IllegalArgumentException e) {
                throw PipelineValidator.actionError("Action configuration for action '" + action.name() + "' has"
                        + " invalid EnvironmentVariables: " + e.getMessage());
            }
        }
    }

    /** The EnvironmentVariables JSON: {@code [{"name": ..., "value": ..., "type": "PLAINTEXT"}]}. */
    static List<EnvironmentVariable> environment(String json) {
        JsonNode array;
        try {
            array = Mappers.JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON: " + e.getMessage());
        }
        if (array == null || !array.isArray()) {
            throw new IllegalArgumentException("expected a JSON array of {name, value, type} objects");
        }
        List<EnvironmentVariable> variables = new ArrayList<>();
        for (JsonNode item : array) {
            if (!item.path("name").isTextual() || !item.path("value").isTextual()) {
                throw new IllegalArgumentException("each variable needs a string name and value: " + item);
            }
            String type = item.path("type").asText("PLAINTEXT");
            if (!VARIABLE_TYPES.contains(type)) {
                throw new IllegalArgumentException("variable " + item.get("name").asText() + " has type " + type
                        + "; valid types are " + VARIABLE_TYPES);
            }
            variables.add(new EnvironmentVariable(item.get("name").asText(), item.get("value").asText(),
                    EnvironmentVariable.Type.valueOf(type)));
        }
        return variables;
    }

    @Override
    public ActionOutcome execute(ActionJob job) throws InterruptedException {
        if ("true".equals(job.configuration().get("BatchEnabled"))) {
            return ActionOutcome.failed("Batch builds (BatchEnabled true) are not supported by the emulator's"
                    + " CodeBuild");
        }
        String projectName = job.configuration().get("ProjectName");
        ArtifactRef primary = job.config("PrimarySource").flatMap(job::input)
                .orElse(job.inputArtifacts().get(0));
        BuildRequest.Builder request = BuildRequest.forProject(projectName)
                .primarySource(SourceInput.s3(primary.bucket(), primary.key()))
                .sourceType("CODEPIPELINE")
                .initiator("codepipeline/" + job.pipelineName());
        primary.revision().ifPresent(request::resolvedSourceVersion);
        for (ArtifactRef input : job.inputArtifacts()) {
            if (input != primary) {
                request.secondarySource(input.name(), SourceInput.s3(input.bucket(), input.key()));
            }
        }
        try {
            job.config("EnvironmentVariables").map(CodeBuildAction::environment)
                    .ifPresent(vars -> vars.forEach(request::environmentVariable));
        } catch (IllegalArgumentException e) {
            return ActionOutcome.failed("Invalid EnvironmentVariables after resolving variables: " + e.getMessage());
        }
        List<ArtifactRef> outputs = job.outputArtifacts();
        if (outputs.size() == 1) {
            request.artifacts(ArtifactTarget.zip(outputs.get(0).bucket(), outputs.get(0).key()));
        } else {
            request.artifacts(ArtifactTarget.none(outputs.isEmpty() ? "the pipeline action has no output artifacts"
                    : "the pipeline action has several output artifacts, each taken from the secondary artifact of"
                            + " its name"));
            for (ArtifactRef output : outputs) {
                request.secondaryArtifact(output.name(), ArtifactTarget.zip(output.bucket(), output.key()));
            }
        }
        Build started;
        try {
            started = codeBuild.startBuild(request.build());
        } catch (AwsException e) {
            return ActionOutcome.failed("Could not start a build of " + projectName + ": " + e.code() + ": "
                    + e.getMessage());
        }
        String url = endpoint.get().map(base -> base.resolve("/_emulator/codebuild/logs/" + started.id()).toString())
                .orElse(null);
        job.progress(ActionProgress.of("Build " + started.id() + " in progress").withExternal(started.id(), url));
        Build done;
        try {
            done = codeBuild.completion(started.id()).get();
        } catch (InterruptedException e) {
            codeBuild.stopBuild(started.id());
            throw e;
        } catch (ExecutionException e) {
            return new ActionOutcome.Failed("JobFailed", "The build " + started.id() + " could not be followed: "
                    + e.getCause(), Optional.of(started.id()), Optional.ofNullable(url));
        }
        if (done.status() == BuildStatus.SUCCEEDED) {
            return new ActionOutcome.Succeeded(Optional.empty(), Optional.of(done.id()), Optional.ofNullable(url),
                    done.exportedVariables(), Optional.empty());
        }
        return new ActionOutcome.Failed("JobFailed", failureMessage(done), Optional.of(done.id()),
                Optional.ofNullable(url));
    }

    /** As AWS words it: {@code Build terminated with state: FAILED. Phase: BUILD, Code: ..., Message: ...}. */
    static String failureMessage(Build build) {
        StringBuilder message = new StringBuilder("Build terminated with state: ").append(build.status());
        build.phases().stream().filter(p -> p.status() != null && !"SUCCEEDED".equals(p.status().name()))
                .findFirst().ifPresent((Phase phase) -> {
                    message.append(". Phase: ").append(phase.type());
                    if (!phase.contexts().isEmpty()) {
                        PhaseContext context = phase.contexts().get(0);
                        message.append(", Code: ").append(context.statusCode()).append(", Message: ")
                                .append(context.message());
                    }
                });
        return message.toString();
    }
}
