package dev.stepsolver.pipeline.validate;

import java.util.Arrays;
import java.util.Optional;
import java.util.Set;

/**
 * What CodePipeline accepts per action provider (owner AWS): category, required and allowed
 * configuration keys, and how many input and output artifacts the action takes.
 */
public enum ActionProvider {
    CODESTAR_SOURCE_CONNECTION("CodeStarSourceConnection", Set.of("Source"),
            Set.of("ConnectionArn", "FullRepositoryId", "BranchName"),
            Set.of("OutputArtifactFormat", "DetectChanges"), 0, 0, 1, 1, false),
    CODEBUILD("CodeBuild", Set.of("Build", "Test"),
            Set.of("ProjectName"),
            Set.of("PrimarySource", "BatchEnabled", "CombineArtifacts", "EnvironmentVariables"), 1, 5, 0, 5, false),
    CODEDEPLOY("CodeDeploy", Set.of("Deploy"),
            Set.of("ApplicationName", "DeploymentGroupName"),
            Set.of(), 1, 1, 0, 0, false),
    CLOUDFORMATION("CloudFormation", Set.of("Deploy"),
            Set.of("ActionMode", "StackName"),
            Set.of("TemplatePath", "TemplateConfiguration", "Capabilities", "RoleArn", "ParameterOverrides",
                    "OutputFileName", "ChangeSetName"), 0, 10, 0, 1, false),
    LAMBDA_DEPLOY("Lambda", Set.of("Deploy"),
            Set.of("FunctionName"),
            Set.of("FunctionAlias", "PublishedTargetVersion", "DeployStrategy", "Alarms"), 0, 1, 0, 1, true),
    MANUAL("Manual", Set.of("Approval"),
            Set.of(),
            Set.of("NotificationArn", "CustomData", "ExternalEntityLink"), 0, 0, 0, 0, false);

    private final String provider;
    private final Set<String> categories;
    private final Set<String> required;
    private final Set<String> optional;
    private final int minInputs;
    private final int maxInputs;
    private final int minOutputs;
    private final int maxOutputs;
    private final boolean v2Only;

    ActionProvider(String provider, Set<String> categories, Set<String> required, Set<String> optional,
                   int minInputs, int maxInputs, int minOutputs, int maxOutputs, boolean v2Only) {
        this.provider = provider;
        this.categories = categories;
        this.required = required;
        this.optional = optional;
        this.minInputs = minInputs;
        this.maxInputs = maxInputs;
        this.minOutputs = minOutputs;
        this.maxOutputs = maxOutputs;
        this.v2Only = v2Only;
    }

    public static Optional<ActionProvider> find(String category, String provider) {
        return Arrays.stream(values())
                .filter(p -> p.provider.equals(provider) && p.categories.contains(category))
                .findFirst();
    }

    public static boolean knownProvider(String provider) {
        return Arrays.stream(values()).anyMatch(p -> p.provider.equals(provider));
    }

    public String provider() {
        return provider;
    }

    public Set<String> categories() {
        return categories;
    }

    public Set<String> required() {
        return required;
    }

    public boolean allows(String key) {
        return required.contains(key) || optional.contains(key);
    }

    public int minInputs() {
        return minInputs;
    }

    public int maxInputs() {
        return maxInputs;
    }

    public int minOutputs() {
        return minOutputs;
    }

    public int maxOutputs() {
        return maxOutputs;
    }

    public boolean v2Only() {
        return v2Only;
    }
}
