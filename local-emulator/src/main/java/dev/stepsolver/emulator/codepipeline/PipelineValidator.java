package dev.stepsolver.emulator.codepipeline;

import dev.stepsolver.emulator.protocol.AwsException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.codepipeline.model.ActionDeclaration;
import software.amazon.awssdk.services.codepipeline.model.ActionTypeId;
import software.amazon.awssdk.services.codepipeline.model.GitConfiguration;
import software.amazon.awssdk.services.codepipeline.model.GitPushFilter;
import software.amazon.awssdk.services.codepipeline.model.InputArtifact;
import software.amazon.awssdk.services.codepipeline.model.OutputArtifact;
import software.amazon.awssdk.services.codepipeline.model.PipelineDeclaration;
import software.amazon.awssdk.services.codepipeline.model.PipelineTriggerDeclaration;
import software.amazon.awssdk.services.codepipeline.model.PipelineVariableDeclaration;
import software.amazon.awssdk.services.codepipeline.model.StageDeclaration;

/**
 * Checks a pipeline declaration as CreatePipeline and UpdatePipeline do, failing with AWS's error codes
 * (InvalidStructureException, InvalidStageDeclarationException, InvalidActionDeclarationException,
 * ValidationException) and a message naming the stage, action and key at fault.
 */
final class PipelineValidator {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9.@\\-_]{1,100}");
    private static final Pattern ARTIFACT_NAME = Pattern.compile("[a-zA-Z0-9_\\-]{1,100}");
    private static final Pattern NAMESPACE = Pattern.compile("[A-Za-z0-9@\\-_]{1,100}");
    private static final Pattern VARIABLE_NAME = Pattern.compile("[A-Za-z0-9@\\-_]{1,128}");
    private static final int MAX_STAGES = 50;
    private static final int MAX_ACTIONS_PER_STAGE = 50;

    private final ActionCatalog catalog;
    private final String region;

    PipelineValidator(ActionCatalog catalog, String region) {
        this.catalog = catalog;
        this.region = region;
    }

    /** Where an artifact or namespace is produced: its stage's index and its action's run order. */
    private record Producer(int stage, int runOrder, String action) {
        boolean upstreamOf(int otherStage, int otherRunOrder) {
            return stage < otherStage || (stage == otherStage && runOrder < otherRunOrder);
        }
    }

    void validate(PipelineDeclaration pipeline) {
        requireMembers(pipeline);
        checkName(pipeline.name(), "pipeline.name", NAME);
        if (pipeline.artifactStore() == null && pipeline.artifactStores().isEmpty()) {
            throw structure("Pipeline must have an artifactStore or artifactStores");
        }
        if (pipeline.artifactStore() != null && !"S3".equals(pipeline.artifactStore().typeAsString())) {
            throw structure("Artifact store type " + pipeline.artifactStore().typeAsString() + " is not valid; use S3");
        }
        boolean v2 = "V2".equals(pipeline.pipelineTypeAsString());
        String mode = pipeline.executionModeAsString() == null ? "SUPERSEDED" : pipeline.executionModeAsString();
        if (!Set.of("SUPERSEDED", "QUEUED", "PARALLEL").contains(mode)) {
            throw validation("Value '" + mode + "' at 'pipeline.executionMode' failed to satisfy constraint: Member"
                    + " must satisfy enum value set: [QUEUED, SUPERSEDED, PARALLEL]");
        }
        if (!v2 && !"SUPERSEDED".equals(mode)) {
            throw structure("Execution mode " + mode + " is only supported for pipelines of type V2");
        }
        if (!v2 && (!pipeline.triggers().isEmpty() || !pipeline.variables().isEmpty())) {
            throw structure("Triggers and variables are only supported for pipelines of type V2");
        }
        List<StageDeclaration> stages = pipeline.stages();
        if (stages.size() < 2) {
            throw structure("Pipeline has only " + stages.size() + " stage(s). There should be a minimum of 2 stages"
                    + " in a pipeline");
        }
        if (stages.size() > MAX_STAGES) {
            throw structure("Pipeline has " + stages.size() + " stages; the maximum is " + MAX_STAGES);
        }
        Set<String> pipelineVariables = checkVariables(pipeline.variables());
        Set<String> stageNames = new HashSet<>();
        Map<String, Producer> artifacts = new HashMap<>();
        Map<String, Producer> namespaces = new HashMap<>();
        Map<String, ActionDeclaration> sourceActions = new HashMap<>();
        // First pass: who produces what, so inputs and references can be checked against it.
        for (int s = 0; s < stages.size(); s++) {
            StageDeclaration stage = stages.get(s);
            checkName(stage.name(), "pipeline.stages." + (s + 1) + ".member.name", NAME);
            if (!stageNames.add(stage.name())) {
                throw structure("Stage name " + stage.name() + " is used more than once in the pipeline; stage names"
                        + " must be unique");
            }
            if (stage.actions().isEmpty()) {
                throw stageError("Stage " + stage.name() + " must have at least one action");
            }
            if (stage.actions().size() > MAX_ACTIONS_PER_STAGE) {
                throw stageError("Stage " + stage.name() + " has more than " + MAX_ACTIONS_PER_STAGE + " actions");
            }
            Set<String> actionNames = new HashSet<>();
            for (ActionDeclaration action : stage.actions()) {
                checkName(action.name(), "pipeline.stages." + (s + 1) + ".member.actions.member.name", NAME);
                if (!actionNames.add(action.name())) {
                    throw stageError("Action name " + action.name() + " is used more than once in stage "
                            + stage.name() + "; action names must be unique within a stage");
                }
                int runOrder = runOrder(action);
                if (runOrder < 1 || runOrder > 999) {
                    throw actionError("Action " + action.name() + " in stage " + stage.name() + " has run order "
                            + runOrder + "; run orders are 1 to 999");
                }
                boolean source = "Source".equals(category(action));
                if (source != (s == 0)) {
                    throw structure(source
                            ? "Source action " + action.name() + " is in stage " + stage.name()
                                    + "; source actions can only be in the first stage"
                            : "The first stage must contain only source actions, but " + action.name() + " in stage "
                                    + stage.name() + " is a " + category(action) + " action");
                }
                if (source) {
                    sourceActions.put(action.name(), action);
                }
                Producer producer = new Producer(s, runOrder, action.name());
                for (OutputArtifact output : action.outputArtifacts()) {
                    checkName(output.name(), "outputArtifacts.name", ARTIFACT_NAME);
                    if (artifacts.put(output.name(), producer) != null) {
                        throw structure("Output artifact name " + output.name() + " is used by more than one action;"
                                + " output artifact names must be unique in a pipeline");
                    }
                }
                if (action.namespace() != null) {
                    checkName(action.namespace(), "namespace", NAMESPACE);
                    if (Set.of(Variables.PIPELINE_NAMESPACE, Variables.PIPELINE_VARIABLES)
                            .contains(action.namespace())) {
                        throw actionError("Namespace " + action.namespace() + " of action " + action.name()
                                + " is reserved");
                    }
                    if (namespaces.put(action.namespace(), producer) != null) {
                        throw structure("Namespace " + action.namespace() + " is used by more than one action;"
                                + " namespaces must be unique in a pipeline");
                    }
                }
            }
        }
        for (int s = 0; s < stages.size(); s++) {
            StageDeclaration stage = stages.get(s);
            for (ActionDeclaration action : stage.actions()) {
                checkAction(stage.name(), s, action, v2, artifacts, namespaces, pipelineVariables);
            }
        }
        checkTriggers(pipeline.triggers(), sourceActions);
    }

    /** The members AWS's model requires (the SDK's classes do not mark them). */
    private static void requireMembers(PipelineDeclaration pipeline) {
        require(pipeline.name(), "pipeline.name");
        require(pipeline.roleArn(), "pipeline.roleArn");
        if (pipeline.stages().isEmpty()) {
            require(null, "pipeline.stages");
        }
        for (StageDeclaration stage : pipeline.stages()) {
            require(stage.name(), "pipeline.stages.member.name");
            if (stage.actions().isEmpty()) {
                require(null, "pipeline.stages.member.actions");
            }
            for (ActionDeclaration action : stage.actions()) {
                require(action.name(), "pipeline.stages.member.actions.member.name");
                ActionTypeId type = action.actionTypeId();
                require(type, "pipeline.stages.member.actions.member.actionTypeId");
                require(type.categoryAsString(), "pipeline.stages.member.actions.member.actionTypeId.category");
                require(type.ownerAsString(), "pipeline.stages.member.actions.member.actionTypeId.owner");
                require(type.provider(), "pipeline.stages.member.actions.member.actionTypeId.provider");
                require(type.version(), "pipeline.stages.member.actions.member.actionTypeId.version");
                action.inputArtifacts().forEach(a -> require(a.name(), "inputArtifacts.member.name"));
                action.outputArtifacts().forEach(a -> require(a.name(), "outputArtifacts.member.name"));
            }
        }
        if (pipeline.artifactStore() != null) {
            require(pipeline.artifactStore().typeAsString(), "pipeline.artifactStore.type");
            require(pipeline.artifactStore().location(), "pipeline.artifactStore.location");
        }
        for (PipelineTriggerDeclaration trigger : pipeline.triggers()) {
            require(trigger.providerTypeAsString(), "pipeline.triggers.member.providerType");
            require(trigger.gitConfiguration(), "pipeline.triggers.member.gitConfiguration");
        }
        for (PipelineVariableDeclaration variable : pipeline.variables()) {
            require(variable.name(), "pipeline.variables.member.name");
        }
    }

    private static void require(Object value, String member) {
        if (value == null) {
            throw validation("Value null at '" + member + "' failed to satisfy constraint: Member must not be null");
        }
    }

    static int runOrder(ActionDeclaration action) {
        return action.runOrder() == null ? 1 : action.runOrder();
    }

    private static String category(ActionDeclaration action) {
        return action.actionTypeId() == null ? "" : action.actionTypeId().categoryAsString();
    }

    private void checkAction(String stageName, int stageIndex, ActionDeclaration action, boolean v2,
            Map<String, Producer> artifacts, Map<String, Producer> namespaces, Set<String> pipelineVariables) {
        ActionTypeId type = action.actionTypeId();
        ActionProvider provider = catalog.find(type.categoryAsString(), type.ownerAsString(), type.provider(),
                type.version()).orElseThrow(() -> actionError("ActionType (Category: '" + type.categoryAsString()
                        + "', Provider: '" + type.provider() + "', Owner: '" + type.ownerAsString() + "', Version: '"
                        + type.version() + "') in action '" + action.name() + "' is not available in region '"
                        + region.toUpperCase(java.util.Locale.ROOT).replace('-', '_') + "'"));
        ActionTypeSpec spec = provider.spec();
        if (spec.v2Only() && !v2) {
            throw actionError("Action " + action.name() + " in stage " + stageName + " uses provider "
                    + spec.provider() + ", which is only supported for pipelines of type V2");
        }
        Map<String, String> configuration = action.configuration();
        for (String key : configuration.keySet()) {
            if (!spec.allows(key)) {
                throw actionError("Action configuration for action '" + action.name() + "' contains unknown"
                        + " configuration '" + key + "'");
            }
        }
        for (String key : spec.requiredKeys()) {
            String value = configuration.get(key);
            if (value == null || value.isBlank()) {
                throw actionError("Action configuration for action '" + action.name() + "' is missing required"
                        + " configuration '" + key + "'");
            }
        }
        int inputs = action.inputArtifacts().size();
        if (inputs < spec.minInputs() || inputs > spec.maxInputs()) {
            throw actionError("Action " + action.name() + " in stage " + stageName + " has " + inputs
                    + " input artifact(s); " + spec.provider() + " actions take " + range(spec.minInputs(),
                            spec.maxInputs()));
        }
        int outputs = action.outputArtifacts().size();
        if (outputs < spec.minOutputs() || outputs > spec.maxOutputs()) {
            throw actionError("Action " + action.name() + " in stage " + stageName + " has " + outputs
                    + " output artifact(s); " + spec.provider() + " actions take " + range(spec.minOutputs(),
                            spec.maxOutputs()));
        }
        int runOrder = runOrder(action);
        Set<String> seenInputs = new HashSet<>();
        for (InputArtifact input : action.inputArtifacts()) {
            if (!seenInputs.add(input.name())) {
                throw actionError("Action " + action.name() + " lists input artifact " + input.name() + " twice");
            }
            Producer producer = artifacts.get(input.name());
            if (producer == null || !producer.upstreamOf(stageIndex, runOrder)) {
                throw structure("Input artifact " + input.name() + " of action " + action.name() + " in stage "
                        + stageName + " is not produced by an action that runs before it");
            }
        }
        for (Map.Entry<String, String> value : configuration.entrySet()) {
            for (Variables.Reference reference : Variables.references(value.getValue())) {
                checkReference(reference, action, stageName, stageIndex, runOrder, namespaces, pipelineVariables,
                        value.getKey());
            }
        }
        provider.validate(stageName, action);
    }

    private static String range(int min, int max) {
        return min == max ? "exactly " + min : "between " + min + " and " + max;
    }

    private static void checkReference(Variables.Reference reference, ActionDeclaration action, String stageName,
            int stageIndex, int runOrder, Map<String, Producer> namespaces, Set<String> pipelineVariables,
            String key) {
        switch (reference.namespace()) {
            case Variables.PIPELINE_NAMESPACE -> {
                if (!"PipelineExecutionId".equals(reference.name())) {
                    throw actionError("Action " + action.name() + " configuration " + key + " references #{"
                            + reference + "}; the codepipeline namespace has only PipelineExecutionId");
                }
            }
            case Variables.PIPELINE_VARIABLES -> {
                if (!pipelineVariables.contains(reference.name())) {
                    throw actionError("Action " + action.name() + " configuration " + key + " references pipeline"
                            + " variable " + reference.name() + ", which the pipeline does not declare");
                }
            }
            default -> {
                Producer producer = namespaces.get(reference.namespace());
                if (producer == null || !producer.upstreamOf(stageIndex, runOrder)) {
                    throw actionError("Action " + action.name() + " in stage " + stageName + " configuration " + key
                            + " references #{" + reference + "}, but no action that runs before it has the namespace "
                            + reference.namespace());
                }
            }
        }
    }

    private static Set<String> checkVariables(List<PipelineVariableDeclaration> variables) {
        Set<String> names = new HashSet<>();
        if (variables.size() > 50) {
            throw validation("Value at 'pipeline.variables' failed to satisfy constraint: Member must have length less"
                    + " than or equal to 50");
        }
        for (PipelineVariableDeclaration variable : variables) {
            checkName(variable.name(), "pipeline.variables.member.name", VARIABLE_NAME);
            if (!names.add(variable.name())) {
                throw structure("Pipeline variable " + variable.name() + " is declared more than once");
            }
        }
        return names;
    }

    private static void checkTriggers(List<PipelineTriggerDeclaration> triggers,
            Map<String, ActionDeclaration> sourceActions) {
        Set<String> used = new HashSet<>();
        for (PipelineTriggerDeclaration trigger : triggers) {
            if (!"CodeStarSourceConnection".equals(trigger.providerTypeAsString())) {
                throw validation("Value '" + trigger.providerTypeAsString() + "' at 'pipeline.triggers.member"
                        + ".providerType' failed to satisfy constraint: Member must satisfy enum value set:"
                        + " [CodeStarSourceConnection]");
            }
            GitConfiguration git = trigger.gitConfiguration();
            if (git == null || git.sourceActionName() == null) {
                throw structure("A trigger must have a gitConfiguration with a sourceActionName");
            }
            ActionDeclaration source = sourceActions.get(git.sourceActionName());
            if (source == null || !"CodeStarSourceConnection".equals(source.actionTypeId().provider())) {
                throw structure("Trigger source action " + git.sourceActionName() + " is not a"
                        + " CodeStarSourceConnection source action of the pipeline");
            }
            if (!used.add(git.sourceActionName())) {
                throw structure("Source action " + git.sourceActionName() + " has more than one trigger");
            }
            if (git.push().size() > 3) {
                throw validation("Value at 'pipeline.triggers.member.gitConfiguration.push' failed to satisfy"
                        + " constraint: Member must have length less than or equal to 3");
            }
            for (GitPushFilter push : git.push()) {
                List<String> patterns = new java.util.ArrayList<>();
                if (push.branches() != null) {
                    patterns.addAll(push.branches().includes());
                    patterns.addAll(push.branches().excludes());
                }
                if (push.filePaths() != null) {
                    patterns.addAll(push.filePaths().includes());
                    patterns.addAll(push.filePaths().excludes());
                }
                for (String pattern : patterns) {
                    if (!TriggerFilters.validGlob(pattern)) {
                        throw structure("Trigger filter pattern '" + pattern + "' is not a valid glob pattern");
                    }
                }
            }
        }
    }

    private static void checkName(String value, String member, Pattern pattern) {
        if (value == null || !pattern.matcher(value).matches()) {
            throw validation("Value '" + value + "' at '" + member + "' failed to satisfy constraint: Member must"
                    + " satisfy regular expression pattern: " + pattern.pattern().replaceAll("\\{1,\\d+}$", "+"));
        }
    }

    static AwsException structure(String message) {
        return AwsException.badRequest("InvalidStructureException", message);
    }

    static AwsException stageError(String message) {
        return AwsException.badRequest("InvalidStageDeclarationException", message);
    }

    static AwsException actionError(String message) {
        return AwsException.badRequest("InvalidActionDeclarationException", message);
    }

    static AwsException validation(String message) {
        return AwsException.badRequest("ValidationException", "1 validation error detected: " + message);
    }
}
