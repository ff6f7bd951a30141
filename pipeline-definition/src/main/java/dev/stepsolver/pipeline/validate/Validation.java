package dev.stepsolver.pipeline.validate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.stepsolver.pipeline.appspec.AppSpecTemplate;
import dev.stepsolver.pipeline.model.BuildProjectSpec;
import dev.stepsolver.pipeline.model.DeploymentModel;
import dev.stepsolver.pipeline.model.LambdaDeployMode;
import dev.stepsolver.pipeline.synth.CanonicalJson;
import dev.stepsolver.pipeline.synth.PipelineJson;
import dev.stepsolver.pipeline.synth.PipelineNames;
import dev.stepsolver.pipeline.synth.SynthTarget;
import dev.stepsolver.pipeline.synth.Synthesis;
import dev.stepsolver.pipeline.synth.TemplateSynthesizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.codepipeline.model.ActionDeclaration;
import software.amazon.awssdk.services.codepipeline.model.PipelineDeclaration;
import software.amazon.awssdk.services.codepipeline.model.StageDeclaration;

/** Everything {@code validate} checks, on a model and on the repository's buildspecs and AppSpec. */
public final class Validation {

    public static final String ROUND_TRIP = "pipeline-round-trip";
    public static final String APPSPEC = "appspec";
    public static final String FILE_PRESENT = "file-present";

    private static final Pattern VARIABLE = Pattern.compile("#\\{([^.}]+)\\.([^}]+)}");

    private Validation() {
    }

    /** The synthesized template and pipeline: template rules, pipeline rules, SDK round trip. */
    public static List<Problem> model(DeploymentModel model) {
        Synthesis synthesis = Synthesis.of(model, SynthTarget.of(SynthTarget.DEFAULT_ACCOUNT, SynthTarget.DEFAULT_REGION,
                model.source().connectionName()));
        List<Problem> problems = new ArrayList<>();
        JsonNode template = parse(synthesis.templateJson());
        problems.addAll(TemplateRules.check(template));
        problems.addAll(pipeline(synthesis.pipelineJson(), ActionVariables.forModel(model, stackOutputs(template))));
        return List.copyOf(problems);
    }

    /** Pipeline JSON: the rules on the declaration the SDK reads, and nothing lost on the way. */
    public static List<Problem> pipeline(String pipelineJson, ActionVariables variables) {
        List<Problem> problems = new ArrayList<>();
        JsonNode original = parse(pipelineJson);
        JsonNode again = parse(PipelineJson.roundTrip(pipelineJson));
        if (!original.equals(again)) {
            problems.add(new Problem(ROUND_TRIP, "pipeline JSON", "does not survive the SDK's PipelineDeclaration unchanged; after the round trip it reads "
                    + CanonicalJson.compact(again)));
        }
        PipelineDeclaration declaration = PipelineJson.read(pipelineJson).pipeline();
        if (declaration == null) {
            problems.add(new Problem(ROUND_TRIP, "pipeline JSON", "has no 'pipeline' member"));
            return problems;
        }
        problems.addAll(PipelineRules.check(declaration, variables));
        return problems;
    }

    /** The repository's buildspec.yml, integration buildspec and appspec.yml against the model. */
    public static List<Problem> repository(DeploymentModel model, Path root) {
        Synthesis synthesis = Synthesis.of(model, SynthTarget.of(SynthTarget.DEFAULT_ACCOUNT, SynthTarget.DEFAULT_REGION,
                model.source().connectionName()));
        JsonNode template = parse(synthesis.templateJson());
        PipelineDeclaration pipeline = PipelineJson.read(synthesis.pipelineJson()).pipeline();
        boolean codeDeploy = model.delivery().mode() == LambdaDeployMode.CODE_DEPLOY;
        List<Problem> problems = new ArrayList<>();

        var builds = model.builds();
        problems.addAll(buildspec(root, builds.build(), expectations(model, template, pipeline, builds.build(),
                TemplateSynthesizer.BUILD_PROJECT, PipelineNames.BUILD_NAMESPACE, model.function().betaAlias(),
                codeDeploy ? Optional.of(PipelineNames.BETA_APPSPEC_ARTIFACT) : Optional.empty())));
        problems.addAll(buildspec(root, builds.integration(), expectations(model, template, pipeline, builds.integration(),
                TemplateSynthesizer.INTEGRATION_PROJECT, PipelineNames.INTEGRATION_NAMESPACE, model.function().prodAlias(),
                codeDeploy ? Optional.of(PipelineNames.PROD_APPSPEC_ARTIFACT) : Optional.empty())));
        problems.addAll(appSpec(model, root.resolve("appspec.yml")));
        return List.copyOf(problems);
    }

    public static BuildspecExpectations expectations(DeploymentModel model, JsonNode template, PipelineDeclaration pipeline,
                                                     BuildProjectSpec project, String projectLogicalId, String namespace,
                                                     String alias, Optional<String> appSpecArtifact) {
        Map<String, String> environment = new LinkedHashMap<>();
        for (JsonNode variable : template.path("Resources").path(projectLogicalId).path("Properties")
                .path("Environment").path("EnvironmentVariables")) {
            JsonNode value = variable.path("Value");
            environment.put(variable.path("Name").asText(), value.isTextual() ? value.asText() : "(set at deploy time)");
        }
        List<String> outputs = new ArrayList<>();
        for (StageDeclaration stage : pipeline.stages()) {
            for (ActionDeclaration action : stage.actions()) {
                if (project.name().equals(action.configuration().get("ProjectName"))) {
                    action.outputArtifacts().forEach(o -> outputs.add(o.name()));
                    String env = action.configuration().get("EnvironmentVariables");
                    if (env != null) {
                        parse(env).forEach(e -> environment.put(e.path("name").asText(), e.path("value").asText()));
                    }
                }
            }
        }
        Set<String> exports = new HashSet<>();
        for (StageDeclaration stage : pipeline.stages()) {
            for (ActionDeclaration action : stage.actions()) {
                for (String value : action.configuration().values()) {
                    Matcher m = VARIABLE.matcher(value);
                    while (m.find()) {
                        if (m.group(1).equals(namespace)) {
                            exports.add(m.group(2));
                        }
                    }
                }
            }
        }
        return new BuildspecExpectations(project.name(), project.reportGroups(), outputs, exports, environment, alias,
                appSpecArtifact);
    }

    private static List<Problem> buildspec(Path root, BuildProjectSpec project, BuildspecExpectations expected) {
        Path file = root.resolve(project.buildspec());
        if (!Files.isRegularFile(file)) {
            return List.of(new Problem(FILE_PRESENT, file.toString(), "is missing: project " + project.name() + " runs it"));
        }
        try {
            return BuildspecRules.check(Files.readString(file), project.buildspec(), expected);
        } catch (IOException e) {
            return List.of(new Problem(FILE_PRESENT, file.toString(), "cannot be read: " + e.getMessage()));
        }
    }

    /** The AppSpec template must describe the model's function, for each alias it releases to. */
    public static List<Problem> appSpec(DeploymentModel model, Path file) {
        if (!Files.isRegularFile(file)) {
            return List.of(new Problem(FILE_PRESENT, file.toString(), "is missing: publish renders it"));
        }
        AppSpecTemplate appSpec;
        try {
            appSpec = AppSpecTemplate.parse(Files.readString(file), file.getFileName().toString());
        } catch (IOException e) {
            return List.of(new Problem(FILE_PRESENT, file.toString(), "cannot be read: " + e.getMessage()));
        } catch (AppSpecTemplate.InvalidAppSpecException e) {
            return List.of(new Problem(APPSPEC, file.getFileName().toString(), e.getMessage()));
        }
        List<Problem> problems = new ArrayList<>();
        String function = model.function().name();
        for (String alias : List.of(model.function().betaAlias(), model.function().prodAlias())) {
            var target = appSpec.target(new AppSpecTemplate.Values(function, alias, "1", "2"));
            if (!target.name().equals(function)) {
                problems.add(new Problem(APPSPEC, file.getFileName().toString(), "Name renders as '" + target.name()
                        + "' but the function is '" + function + "'"));
            }
            if (!target.alias().equals(alias)) {
                problems.add(new Problem(APPSPEC, file.getFileName().toString(), "Alias renders as '" + target.alias()
                        + "' when releasing to '" + alias + "'"));
            }
            if (!target.currentVersion().equals("1") || !target.targetVersion().equals("2")) {
                problems.add(new Problem(APPSPEC, file.getFileName().toString(),
                        "CurrentVersion and TargetVersion must be the ${CURRENT_VERSION} and ${TARGET_VERSION} placeholders"));
            }
        }
        return problems.stream().distinct().toList();
    }

    private static Set<String> stackOutputs(JsonNode template) {
        Set<String> outputs = new HashSet<>();
        template.path("Outputs").fieldNames().forEachRemaining(outputs::add);
        return outputs;
    }

    private static JsonNode parse(String json) {
        try {
            return CanonicalJson.parse(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
        }
    }
}
