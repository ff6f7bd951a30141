package dev.stepsolver.pipeline.validate;

import dev.stepsolver.pipeline.model.DeploymentModel;
import dev.stepsolver.pipeline.synth.PipelineNames;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.codepipeline.model.ActionDeclaration;

/** The output variables an action exports into its namespace. */
@FunctionalInterface
public interface ActionVariables {

    Set<String> exported(ActionDeclaration action);

    Set<String> SOURCE_CONNECTION = Set.of("AuthorDate", "BranchName", "CommitId", "CommitMessage",
            "ConnectionArn", "FullRepositoryName");

    /**
     * What the model's actions export: the source connection's fixed set, each CodeBuild project's
     * {@code env.exported-variables} (given per project name), the stack outputs of CloudFormation
     * actions, and {@code FunctionVersion} from the native Lambda deploy action.
     */
    static ActionVariables of(Map<String, Set<String>> codeBuildExports, Set<String> stackOutputs) {
        return action -> {
            String provider = action.actionTypeId().provider();
            return switch (provider) {
                case "CodeStarSourceConnection" -> SOURCE_CONNECTION;
                case "CodeBuild" -> {
                    String project = action.configuration().get("ProjectName");
                    yield project == null ? Set.of() : codeBuildExports.getOrDefault(project, Set.of());
                }
                case "CloudFormation" -> stackOutputs;
                case "Lambda" -> Set.of("FunctionVersion");
                default -> Set.of();
            };
        };
    }

    /** The variables the model declares: the build project exports {@link PipelineNames#BUILD_EXPORTS}. */
    static ActionVariables forModel(DeploymentModel model, Set<String> stackOutputs) {
        return of(Map.of(model.builds().build().name(), Set.copyOf(PipelineNames.BUILD_EXPORTS),
                model.builds().integration().name(), Set.of()), stackOutputs);
    }
}
