package dev.stepsolver.emulator.codebuild;

import dev.stepsolver.emulator.codebuild.Buildspec.ArtifactSpec;
import dev.stepsolver.emulator.codebuild.Buildspec.OnFailure;
import dev.stepsolver.emulator.codebuild.Buildspec.PhaseSpec;
import dev.stepsolver.emulator.codebuild.Buildspec.ReportFormat;
import dev.stepsolver.emulator.codebuild.Buildspec.ReportSpec;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * Reads a buildspec with snakeyaml-engine's node API (which keeps line numbers for messages) and
 * checks it the way CodeBuild does before any command runs. Problems are reported as
 * {@link InvalidBuildspecException}s whose message is what AWS prints after
 * {@code YAML_FILE_ERROR Message:}.
 */
final class BuildspecParser {

    /** A buildspec CodeBuild would refuse. */
    static final class InvalidBuildspecException extends Exception {
        private static final long serialVersionUID = 1L;

        InvalidBuildspecException(String message) {
            super(message, null, false, false);
        }
    }

    private static final Pattern VARIABLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Map<String, PhaseType> PHASES = Map.of("install", PhaseType.INSTALL,
            "pre_build", PhaseType.PRE_BUILD, "build", PhaseType.BUILD, "post_build", PhaseType.POST_BUILD);
    private static final int MAX_CODE_POINTS = 1024 * 1024;

    private final List<String> notes = new ArrayList<>();
    /** Each mapping value's key node, for messages that point at the key. */
    private final Map<Node, Node> keys = new IdentityHashMap<>();

    private BuildspecParser() {
    }

    static Buildspec parse(String yaml) throws InvalidBuildspecException {
        return new BuildspecParser().read(yaml);
    }

    private Buildspec read(String yaml) throws InvalidBuildspecException {
        if (yaml.isBlank()) {
            throw new InvalidBuildspecException("YAML file is empty");
        }
        Node root;
        try {
            LoadSettings settings = LoadSettings.builder().setLabel("buildspec").setMaxAliasesForCollections(50)
                    .setCodePointLimit(MAX_CODE_POINTS).build();
            root = new Compose(settings).composeString(yaml)
                    .orElseThrow(() -> new InvalidBuildspecException("YAML file is empty"));
        } catch (MarkedYamlEngineException e) {
            throw new InvalidBuildspecException(e.getProblem()
                    + e.getProblemMark().map(mark -> " at line " + (mark.getLine() + 1)).orElse(""));
        } catch (YamlEngineException e) {
            throw new InvalidBuildspecException(e.getMessage());
        }
        if (!(root instanceof MappingNode)) {
            throw new InvalidBuildspecException("Expected the buildspec to be a mapping of keys such as version and"
                    + " phases" + at(root));
        }
        Map<String, Node> top = mapping(root, "the buildspec");
        Node versionNode = top.get("version");
        if (versionNode == null || isNull(versionNode)) {
            throw new InvalidBuildspecException("Missing required key 'version' (this emulator supports 0.2)");
        }
        String version = scalar(versionNode, "version");
        if (!"0.2".equals(version)) {
            throw new InvalidBuildspecException("Invalid buildspec version '" + version + "'" + at(versionNode)
                    + ": the supported version is 0.2");
        }
        Buildspec.Shell shell = Buildspec.Shell.BASH;
        Map<String, String> variables = new LinkedHashMap<>();
        Map<String, String> parameterStore = new LinkedHashMap<>();
        Map<String, String> secretsManager = new LinkedHashMap<>();
        List<String> exported = new ArrayList<>();
        if (top.containsKey("env") && !isNull(top.get("env"))) {
            for (Map.Entry<String, Node> entry : mapping(top.get("env"), "env").entrySet()) {
                Node value = entry.getValue();
                switch (entry.getKey()) {
                    case "shell" -> shell = shell(value);
                    case "variables" -> variables.putAll(variableMap(value, "env/variables"));
                    case "parameter-store" -> parameterStore.putAll(variableMap(value, "env/parameter-store"));
                    case "secrets-manager" -> secretsManager.putAll(variableMap(value, "env/secrets-manager"));
                    case "exported-variables" -> {
                        for (String name : strings(value, "env/exported-variables", "ExportedVariables")) {
                            checkVariableName(name, value);
                            exported.add(name);
                        }
                    }
                    case "git-credential-helper" -> notes.add("env/git-credential-helper is ignored");
                    default -> throw new InvalidBuildspecException("Unknown key '" + entry.getKey() + "' in env"
                            + atKey(value));
                }
            }
        }
        Map<PhaseType, PhaseSpec> phases = new EnumMap<>(PhaseType.class);
        if (top.containsKey("phases") && !isNull(top.get("phases"))) {
            for (Map.Entry<String, Node> entry : mapping(top.get("phases"), "phases").entrySet()) {
                PhaseType type = PHASES.get(entry.getKey());
                if (type == null) {
                    throw new InvalidBuildspecException("Unknown phase '" + entry.getKey() + "'" + atKey(entry.getValue())
                            + ": the phases are install, pre_build, build and post_build");
                }
                phases.put(type, phase(entry.getKey(), entry.getValue()));
            }
        }
        Map<String, ReportSpec> reports = new LinkedHashMap<>();
        if (top.containsKey("reports") && !isNull(top.get("reports"))) {
            for (Map.Entry<String, Node> entry : mapping(top.get("reports"), "reports").entrySet()) {
                reports.put(entry.getKey(), report(entry.getKey(), entry.getValue()));
            }
        }
        Optional<ArtifactSpec> artifacts = Optional.empty();
        Map<String, ArtifactSpec> secondary = new LinkedHashMap<>();
        if (top.containsKey("artifacts") && !isNull(top.get("artifacts"))) {
            Map<String, Node> fields = mapping(top.get("artifacts"), "artifacts");
            Node secondaryNode = fields.remove("secondary-artifacts");
            if (secondaryNode != null && !isNull(secondaryNode)) {
                for (Map.Entry<String, Node> entry : mapping(secondaryNode, "secondary-artifacts").entrySet()) {
                    secondary.put(entry.getKey(), artifact("secondary-artifacts/" + entry.getKey(),
                            mapping(entry.getValue(), "secondary-artifacts/" + entry.getKey()), entry.getValue()));
                }
            }
            if (!fields.isEmpty()) {
                artifacts = Optional.of(artifact("artifacts", fields, top.get("artifacts")));
            }
        }
        for (String key : top.keySet()) {
            switch (key) {
                case "version", "env", "phases", "reports", "artifacts" -> {
                }
                case "run-as", "proxy", "batch", "cache" -> notes.add(key + " is ignored");
                default -> notes.add("unknown key '" + key + "' is ignored");
            }
        }
        return new Buildspec(shell, variables, parameterStore, secretsManager, exported, phases, reports, artifacts,
                secondary, notes);
    }

    private Buildspec.Shell shell(Node node) throws InvalidBuildspecException {
        String value = scalar(node, "env/shell");
        return switch (value) {
            case "bash", "/bin/bash" -> Buildspec.Shell.BASH;
            case "sh", "/bin/sh" -> Buildspec.Shell.SH;
            default -> throw new InvalidBuildspecException("Unsupported shell '" + value + "'" + at(node)
                    + ": supported shells are bash and /bin/sh");
        };
    }

    private PhaseSpec phase(String name, Node node) throws InvalidBuildspecException {
        if (isNull(node)) {
            return new PhaseSpec(List.of(), List.of(), OnFailure.ABORT, Map.of());
        }
        List<String> commands = List.of();
        List<String> finallyCommands = List.of();
        OnFailure onFailure = OnFailure.ABORT;
        Map<String, String> runtimes = new LinkedHashMap<>();
        for (Map.Entry<String, Node> entry : mapping(node, "phases/" + name).entrySet()) {
            Node value = entry.getValue();
            switch (entry.getKey()) {
                case "commands" -> commands = strings(value, "phases/" + name + "/commands", "Commands");
                case "finally" -> finallyCommands = strings(value, "phases/" + name + "/finally", "Finally");
                case "on-failure" -> {
                    String mode = scalar(value, "on-failure");
                    onFailure = switch (mode.toUpperCase(Locale.ROOT)) {
                        case "ABORT" -> OnFailure.ABORT;
                        case "CONTINUE" -> OnFailure.CONTINUE;
                        default -> throw new InvalidBuildspecException("Invalid value '" + mode + "' for on-failure"
                                + at(value) + ": the emulator supports ABORT and CONTINUE");
                    };
                }
                case "runtime-versions" -> {
                    if (!isNull(value)) {
                        for (Map.Entry<String, Node> runtime : mapping(value, "runtime-versions").entrySet()) {
                            runtimes.put(runtime.getKey(), scalar(runtime.getValue(), "runtime-versions/"
                                    + runtime.getKey()));
                        }
                    }
                }
                case "run-as" -> notes.add("phases/" + name + "/run-as is ignored");
                default -> throw new InvalidBuildspecException("Unknown key '" + entry.getKey() + "' in phase " + name
                        + atKey(value));
            }
        }
        return new PhaseSpec(commands, finallyCommands, onFailure, runtimes);
    }

    private ReportSpec report(String name, Node node) throws InvalidBuildspecException {
        List<String> files = null;
        Optional<String> base = Optional.empty();
        boolean discard = false;
        ReportFormat format = ReportFormat.JUNITXML;
        for (Map.Entry<String, Node> entry : mapping(node, "reports/" + name).entrySet()) {
            Node value = entry.getValue();
            switch (entry.getKey()) {
                case "files" -> files = strings(value, "reports/" + name + "/files", "Files");
                case "base-directory" -> base = Optional.of(scalar(value, "base-directory"));
                case "discard-paths" -> discard = bool(value, "discard-paths");
                case "file-format" -> {
                    String text = scalar(value, "file-format");
                    try {
                        format = ReportFormat.valueOf(text.toUpperCase(Locale.ROOT));
                    } catch (IllegalArgumentException e) {
                        throw new InvalidBuildspecException("Invalid file-format '" + text + "' for report " + name
                                + at(value));
                    }
                }
                default -> throw new InvalidBuildspecException("Unknown key '" + entry.getKey() + "' in report "
                        + name + atKey(value));
            }
        }
        if (files == null || files.isEmpty()) {
            throw new InvalidBuildspecException("Report " + name + " has no files" + at(node));
        }
        return new ReportSpec(files, base, discard, format);
    }

    private ArtifactSpec artifact(String what, Map<String, Node> fields, Node node) throws InvalidBuildspecException {
        List<String> files = null;
        Optional<String> name = Optional.empty();
        Optional<String> base = Optional.empty();
        boolean discard = false;
        List<String> exclude = List.of();
        for (Map.Entry<String, Node> entry : fields.entrySet()) {
            Node value = entry.getValue();
            switch (entry.getKey()) {
                case "files" -> files = strings(value, what + "/files", "Files");
                case "name" -> name = Optional.of(scalar(value, what + "/name"));
                case "base-directory" -> base = Optional.of(scalar(value, what + "/base-directory"));
                case "discard-paths" -> discard = bool(value, what + "/discard-paths");
                case "exclude-paths" -> exclude = strings(value, what + "/exclude-paths", "ExcludePaths");
                case "enable-symlinks", "s3-prefix" -> notes.add(what + "/" + entry.getKey() + " is ignored");
                default -> throw new InvalidBuildspecException("Unknown key '" + entry.getKey() + "' in " + what
                        + atKey(value));
            }
        }
        if (files == null || files.isEmpty()) {
            throw new InvalidBuildspecException(what + " has no files" + at(node));
        }
        return new ArtifactSpec(files, name, base, discard, exclude);
    }

    private Map<String, String> variableMap(Node node, String what) throws InvalidBuildspecException {
        Map<String, String> result = new LinkedHashMap<>();
        if (isNull(node)) {
            return result;
        }
        for (Map.Entry<String, Node> entry : mapping(node, what).entrySet()) {
            checkVariableName(entry.getKey(), entry.getValue());
            result.put(entry.getKey(), isNull(entry.getValue()) ? "" : scalar(entry.getValue(),
                    what + "/" + entry.getKey()));
        }
        return result;
    }

    private static void checkVariableName(String name, Node node) throws InvalidBuildspecException {
        if (!VARIABLE_NAME.matcher(name).matches()) {
            throw new InvalidBuildspecException("Invalid environment variable name '" + name + "'" + at(node));
        }
    }

    /** A mapping's entries by key, in order; keys must be distinct scalars. */
    private Map<String, Node> mapping(Node node, String what) throws InvalidBuildspecException {
        if (!(node instanceof MappingNode map)) {
            throw new InvalidBuildspecException("Expected " + what + " to be a mapping" + foundInstead(node)
                    + at(node));
        }
        Map<String, Node> result = new LinkedHashMap<>();
        for (NodeTuple tuple : map.getValue()) {
            String key = scalar(tuple.getKeyNode(), "a key of " + what);
            keys.put(tuple.getValueNode(), tuple.getKeyNode());
            if (result.putIfAbsent(key, tuple.getValueNode()) != null) {
                throw new InvalidBuildspecException("Duplicate key '" + key + "' in " + what + at(tuple.getKeyNode()));
            }
        }
        return result;
    }

    /** A sequence of strings (a single string counts as a one-element list). */
    private static List<String> strings(Node node, String what, String element) throws InvalidBuildspecException {
        if (isNull(node)) {
            return List.of();
        }
        if (node instanceof ScalarNode) {
            return List.of(scalar(node, what));
        }
        if (!(node instanceof SequenceNode sequence)) {
            throw new InvalidBuildspecException("Expected " + what + " to be a list" + foundInstead(node) + at(node));
        }
        List<String> result = new ArrayList<>();
        List<Node> items = sequence.getValue();
        for (int i = 0; i < items.size(); i++) {
            result.add(scalar(items.get(i), element + "[" + i + "]"));
        }
        return result;
    }

    private static String scalar(Node node, String what) throws InvalidBuildspecException {
        if (node instanceof ScalarNode scalar) {
            return isNull(node) ? "" : scalar.getValue();
        }
        throw new InvalidBuildspecException("Expected " + what + " to be of string type" + foundInstead(node)
                + at(node));
    }

    private static boolean bool(Node node, String what) throws InvalidBuildspecException {
        String value = scalar(node, what);
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "yes", "true" -> true;
            case "no", "false", "" -> false;
            default -> throw new InvalidBuildspecException("Invalid value '" + value + "' for " + what + at(node)
                    + ": expected yes or no");
        };
    }

    private static boolean isNull(Node node) {
        return node instanceof ScalarNode && Tag.NULL.equals(node.getTag());
    }

    private static String foundInstead(Node node) {
        if (node instanceof MappingNode) {
            return ": found subkeys instead";
        }
        if (node instanceof SequenceNode) {
            return ": found a list instead";
        }
        return ": found a string instead";
    }

    /** The line of the key whose value {@code value} is. */
    private String atKey(Node value) {
        Node key = keys.get(value);
        return at(key == null ? value : key);
    }

    private static String at(Node node) {
        return node.getStartMark().map(mark -> " at line " + (mark.getLine() + 1)).orElse("");
    }
}
