package dev.stepsolver.pipeline.validate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepsolver.pipeline.synth.CanonicalJson;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.codepipeline.model.ActionDeclaration;
import software.amazon.awssdk.services.codepipeline.model.InputArtifact;
import software.amazon.awssdk.services.codepipeline.model.OutputArtifact;
import software.amazon.awssdk.services.codepipeline.model.PipelineDeclaration;
import software.amazon.awssdk.services.codepipeline.model.PipelineTriggerDeclaration;
import software.amazon.awssdk.services.codepipeline.model.PipelineType;
import software.amazon.awssdk.services.codepipeline.model.StageDeclaration;

/**
 * Checks a pipeline declaration before it reaches CodePipeline: the mistakes CodePipeline
 * would reject (or, worse, accept and fail on at run time), each reported with the stage,
 * action and configuration key concerned.
 */
public final class PipelineRules {

    public static final String UNIQUE_STAGE_NAMES = "unique-stage-names";
    public static final String UNIQUE_ACTION_NAMES = "unique-action-names";
    public static final String UNIQUE_OUTPUT_ARTIFACTS = "unique-output-artifacts";
    public static final String UNIQUE_NAMESPACES = "unique-namespaces";
    public static final String INPUT_PRODUCED_EARLIER = "input-produced-earlier";
    public static final String RUN_ORDER = "run-order";
    public static final String VARIABLE_REFERENCES = "variable-references";
    public static final String KNOWN_PROVIDER = "known-provider";
    public static final String REQUIRED_CONFIGURATION = "required-configuration";
    public static final String ALLOWED_CONFIGURATION = "allowed-configuration";
    public static final String ARTIFACT_COUNTS = "artifact-counts";
    public static final String SOURCE_STAGE_FIRST = "source-stage-first";
    public static final String TRIGGER_SOURCE_ACTION = "trigger-source-action";
    public static final String CONFIGURATION_VALUES = "configuration-values";
    public static final String PIPELINE_TYPE = "pipeline-type";

    private static final Pattern VARIABLE = Pattern.compile("#\\{([^.}]+)\\.([^}]+)}");
    /** Namespaces CodePipeline itself provides. */
    private static final Set<String> RESERVED_NAMESPACES = Set.of("codepipeline", "variables");

    private final ActionVariables variables;
    private final List<Problem> problems = new ArrayList<>();

    private PipelineRules(ActionVariables variables) {
        this.variables = variables;
    }

    public static List<Problem> check(PipelineDeclaration pipeline, ActionVariables variables) {
        PipelineRules rules = new PipelineRules(variables);
        rules.run(pipeline);
        return List.copyOf(rules.problems);
    }

    private void problem(String rule, String where, String message) {
        problems.add(new Problem(rule, where, message));
    }

    private static String at(StageDeclaration stage, ActionDeclaration action) {
        return "stage '" + stage.name() + "' action '" + action.name() + "'";
    }

    /** An action's position: actions earlier in the pipeline have a smaller one. */
    private record Position(int stage, int runOrder) {
        boolean before(Position other) {
            return stage < other.stage || (stage == other.stage && runOrder < other.runOrder);
        }
    }

    private record Producer(String where, Position position) {
    }

    private record Namespace(ActionDeclaration action, Position position) {
    }

    private void run(PipelineDeclaration pipeline) {
        List<StageDeclaration> stages = pipeline.stages();
        if (stages.size() < 2) {
            problem(SOURCE_STAGE_FIRST, "pipeline '" + pipeline.name() + "'",
                    "a pipeline needs at least two stages, found " + stages.size());
        }
        Set<String> stageNames = new HashSet<>();
        Map<String, Producer> outputs = new HashMap<>();
        Map<String, Namespace> namespaces = new HashMap<>();
        Map<String, ActionDeclaration> sourceActions = new HashMap<>();
        Map<String, String> producedAnywhere = new HashMap<>();
        for (StageDeclaration stage : stages) {
            for (ActionDeclaration action : stage.actions()) {
                action.outputArtifacts().forEach(o -> producedAnywhere.putIfAbsent(o.name(), at(stage, action)));
            }
        }

        for (int s = 0; s < stages.size(); s++) {
            StageDeclaration stage = stages.get(s);
            if (!stageNames.add(stage.name())) {
                problem(UNIQUE_STAGE_NAMES, "stage '" + stage.name() + "'", "stage name is used more than once");
            }
            Set<String> actionNames = new HashSet<>();
            // In run order, so an action sees everything that runs before it.
            List<ActionDeclaration> actions = stage.actions().stream()
                    .sorted(java.util.Comparator.comparingInt(a -> a.runOrder() == null ? 1 : a.runOrder()))
                    .toList();
            for (ActionDeclaration action : actions) {
                String where = at(stage, action);
                if (!actionNames.add(action.name())) {
                    problem(UNIQUE_ACTION_NAMES, where, "action name is used more than once in the stage");
                }
                int runOrder = action.runOrder() == null ? 1 : action.runOrder();
                if (runOrder < 1 || runOrder > 999) {
                    problem(RUN_ORDER, where, "runOrder " + runOrder + " is outside 1..999");
                }
                Position position = new Position(s, runOrder);
                checkProvider(pipeline, stage, action, s, where);
                for (InputArtifact input : action.inputArtifacts()) {
                    Producer producer = outputs.get(input.name());
                    if (producer == null && producedAnywhere.containsKey(input.name())) {
                        problem(INPUT_PRODUCED_EARLIER, where, "input artifact '" + input.name() + "' is produced by "
                                + producedAnywhere.get(input.name()) + ", which does not run before this action");
                    } else if (producer == null) {
                        problem(INPUT_PRODUCED_EARLIER, where, "input artifact '" + input.name()
                                + "' is not produced by any action");
                    } else if (!producer.position().before(position)) {
                        problem(INPUT_PRODUCED_EARLIER, where, "input artifact '" + input.name() + "' is produced by "
                                + producer.where() + ", which does not run before this action");
                    }
                }
                checkVariables(stage, action, position, namespaces);
                for (OutputArtifact output : action.outputArtifacts()) {
                    if (outputs.putIfAbsent(output.name(), new Producer(where, position)) != null) {
                        problem(UNIQUE_OUTPUT_ARTIFACTS, where, "output artifact '" + output.name()
                                + "' is already produced by " + outputs.get(output.name()).where());
                    }
                }
                if (action.namespace() != null) {
                    if (RESERVED_NAMESPACES.contains(action.namespace())
                            || namespaces.putIfAbsent(action.namespace(), new Namespace(action, position)) != null) {
                        problem(UNIQUE_NAMESPACES, where, "namespace '" + action.namespace() + "' is already in use");
                    }
                }
                if ("CodeStarSourceConnection".equals(action.actionTypeId().provider())) {
                    sourceActions.put(action.name(), action);
                }
            }
        }
        for (PipelineTriggerDeclaration trigger : pipeline.triggers()) {
            String name = trigger.gitConfiguration() == null ? null : trigger.gitConfiguration().sourceActionName();
            if (name == null || !sourceActions.containsKey(name)) {
                problem(TRIGGER_SOURCE_ACTION, "trigger " + trigger.providerTypeAsString(),
                        "sourceActionName '" + name + "' is not a CodeStarSourceConnection action of this pipeline");
            }
        }
    }

    private void checkProvider(PipelineDeclaration pipeline, StageDeclaration stage, ActionDeclaration action,
                               int stageIndex, String where) {
        String category = action.actionTypeId().categoryAsString();
        String providerName = action.actionTypeId().provider();
        boolean source = "Source".equals(category);
        if (stageIndex == 0 && !source) {
            problem(SOURCE_STAGE_FIRST, where, "the first stage may hold only Source actions, found " + category);
        }
        if (stageIndex > 0 && source) {
            problem(SOURCE_STAGE_FIRST, where, "Source actions belong in the first stage only");
        }
        var provider = ActionProvider.find(category, providerName);
        if (provider.isEmpty()) {
            problem(KNOWN_PROVIDER, where, ActionProvider.knownProvider(providerName)
                    ? "provider '" + providerName + "' does not take category '" + category + "'"
                    : "unknown action provider '" + providerName + "'");
            return;
        }
        ActionProvider p = provider.get();
        if (p.v2Only() && pipeline.pipelineType() != PipelineType.V2) {
            problem(PIPELINE_TYPE, where, "provider '" + providerName + "' needs a V2 pipeline");
        }
        Map<String, String> config = action.configuration();
        for (String key : p.required()) {
            if (!config.containsKey(key) || config.get(key).isBlank()) {
                problem(REQUIRED_CONFIGURATION, where + " key '" + key + "'",
                        providerName + " requires configuration key '" + key + "'");
            }
        }
        for (String key : config.keySet()) {
            if (!p.allows(key)) {
                problem(ALLOWED_CONFIGURATION, where + " key '" + key + "'",
                        providerName + " does not accept configuration key '" + key + "'");
            }
        }
        int inputs = action.inputArtifacts().size();
        int outputs = action.outputArtifacts().size();
        if (inputs < p.minInputs() || inputs > p.maxInputs()) {
            problem(ARTIFACT_COUNTS, where, providerName + " takes " + range(p.minInputs(), p.maxInputs())
                    + " input artifacts, found " + inputs);
        }
        if (outputs < p.minOutputs() || outputs > p.maxOutputs()) {
            problem(ARTIFACT_COUNTS, where, providerName + " takes " + range(p.minOutputs(), p.maxOutputs())
                    + " output artifacts, found " + outputs);
        }
        checkValues(action, config, where);
    }

    private void checkValues(ActionDeclaration action, Map<String, String> config, String where) {
        json(config, "EnvironmentVariables", where).ifPresent(node -> {
            if (!node.isArray()) {
                problem(CONFIGURATION_VALUES, where + " key 'EnvironmentVariables'", "must be a JSON array");
                return;
            }
            for (JsonNode entry : node) {
                if (!entry.hasNonNull("name") || !entry.hasNonNull("value")) {
                    problem(CONFIGURATION_VALUES, where + " key 'EnvironmentVariables'",
                            "each entry needs a name and a value: " + entry);
                }
            }
        });
        json(config, "ParameterOverrides", where).ifPresent(node -> {
            if (!node.isObject()) {
                problem(CONFIGURATION_VALUES, where + " key 'ParameterOverrides'", "must be a JSON object");
            }
        });
        for (String key : List.of("TemplatePath", "TemplateConfiguration")) {
            String value = config.get(key);
            if (value == null) {
                continue;
            }
            int sep = value.indexOf("::");
            String artifact = sep < 0 ? "" : value.substring(0, sep);
            if (sep <= 0 || sep + 2 >= value.length()) {
                problem(CONFIGURATION_VALUES, where + " key '" + key + "'", "must be ArtifactName::path, found '" + value + "'");
            } else if (action.inputArtifacts().stream().noneMatch(i -> i.name().equals(artifact))) {
                problem(CONFIGURATION_VALUES, where + " key '" + key + "'", "artifact '" + artifact
                        + "' is not an input artifact of the action");
            }
        }
        String primary = config.get("PrimarySource");
        if (primary != null && action.inputArtifacts().stream().noneMatch(i -> i.name().equals(primary))) {
            problem(CONFIGURATION_VALUES, where + " key 'PrimarySource'", "artifact '" + primary
                    + "' is not an input artifact of the action");
        }
    }

    private java.util.Optional<JsonNode> json(Map<String, String> config, String key, String where) {
        String value = config.get(key);
        if (value == null) {
            return java.util.Optional.empty();
        }
        try {
            return java.util.Optional.of(CanonicalJson.parse(value));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            problem(CONFIGURATION_VALUES, where + " key '" + key + "'", "is not valid JSON: " + e.getOriginalMessage());
            return java.util.Optional.empty();
        }
    }

    private void checkVariables(StageDeclaration stage, ActionDeclaration action, Position position,
                                Map<String, Namespace> namespaces) {
        for (Map.Entry<String, String> entry : action.configuration().entrySet()) {
            Matcher m = VARIABLE.matcher(entry.getValue());
            while (m.find()) {
                String namespace = m.group(1);
                String variable = m.group(2);
                String where = at(stage, action) + " key '" + entry.getKey() + "'";
                if (RESERVED_NAMESPACES.contains(namespace)) {
                    continue;
                }
                Namespace producer = namespaces.get(namespace);
                if (producer == null || !producer.position().before(position)) {
                    problem(VARIABLE_REFERENCES, where, "#{" + namespace + "." + variable + "}: no action before this one has namespace '"
                            + namespace + "'");
                } else if (!variables.exported(producer.action()).contains(variable)) {
                    problem(VARIABLE_REFERENCES, where, "#{" + namespace + "." + variable + "}: action '"
                            + producer.action().name() + "' does not export variable '" + variable + "'");
                }
            }
        }
    }

    private static String range(int min, int max) {
        return min == max ? String.valueOf(min) : min + ".." + max;
    }
}
