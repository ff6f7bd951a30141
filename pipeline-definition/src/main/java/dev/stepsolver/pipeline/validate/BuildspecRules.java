package dev.stepsolver.pipeline.validate;

import dev.stepsolver.pipeline.model.ReportGroupSpec;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * Checks a buildspec against the model and the pipeline: its report groups, its artifacts
 * (names and the AppSpec's place at an artifact root), its exported variables, the environment
 * variables its commands use, and the alias its {@code publish} command targets.
 */
public final class BuildspecRules {

    public static final String BUILDSPEC_SYNTAX = "buildspec-syntax";
    public static final String REPORT_GROUPS = "buildspec-report-groups";
    public static final String ARTIFACTS = "buildspec-artifacts";
    public static final String EXPORTED_VARIABLES = "buildspec-exported-variables";
    public static final String ENVIRONMENT_VARIABLES = "buildspec-environment-variables";
    public static final String PUBLISH_ALIAS = "buildspec-publish-alias";

    private static final Set<String> PHASES = Set.of("install", "pre_build", "build", "post_build");
    private static final Set<String> TEST_FORMATS = Set.of("JUNITXML", "CUCUMBERJSON", "TESTNGXML", "NUNITXML",
            "NUNIT3XML", "VISUALSTUDIOTRX");
    private static final Set<String> COVERAGE_FORMATS = Set.of("JACOCOXML", "CLOVERXML", "COBERTURAXML",
            "SIMPLECOV", "LCOVINFO");
    /** Variables CodeBuild (and a bash shell) define in every build. */
    static final Set<String> BUILT_IN = Set.of("AWS_DEFAULT_REGION", "AWS_REGION", "CODEBUILD_BATCH_BUILD_IDENTIFIER",
            "CODEBUILD_BUILD_ARN", "CODEBUILD_BUILD_ID", "CODEBUILD_BUILD_IMAGE", "CODEBUILD_BUILD_NUMBER",
            "CODEBUILD_BUILD_SUCCEEDING", "CODEBUILD_INITIATOR", "CODEBUILD_KMS_KEY_ID", "CODEBUILD_LOG_PATH",
            "CODEBUILD_PUBLIC_BUILD_URL", "CODEBUILD_RESOLVED_SOURCE_VERSION", "CODEBUILD_SOURCE_REPO_URL",
            "CODEBUILD_SOURCE_VERSION", "CODEBUILD_SRC_DIR", "CODEBUILD_START_TIME", "CODEBUILD_WEBHOOK_EVENT",
            "HOME", "PATH", "PWD", "USER", "SHELL", "TMPDIR");

    /** {@code $NAME} or {@code ${NAME}}; group 2 is set when a default ({@code :-}, {@code -}, {@code :=}) follows. */
    private static final Pattern USE = Pattern.compile("\\$\\{?([A-Za-z_][A-Za-z0-9_]*)(:?[-=])?");
    private static final Pattern ASSIGNMENT = Pattern.compile("(?:^|[\\s;&|(])(?:export\\s+)?([A-Za-z_][A-Za-z0-9_]*)=");
    private static final Pattern FOR_LOOP = Pattern.compile("\\bfor\\s+([A-Za-z_][A-Za-z0-9_]*)\\s+in\\b");
    private static final Pattern ALIAS_ARG = Pattern.compile("--alias[ =]\"?(\\$\\{?([A-Za-z_][A-Za-z0-9_]*)}?|[^\"\\s]+)\"?");
    private static final Pattern APPSPEC_OUT = Pattern.compile("--appspec-out[ =]\"?([^\"\\s)]+)\"?");

    private final String origin;
    private final BuildspecExpectations expected;
    private final List<Problem> problems = new ArrayList<>();

    private BuildspecRules(String origin, BuildspecExpectations expected) {
        this.origin = origin;
        this.expected = expected;
    }

    public static List<Problem> check(String yaml, String origin, BuildspecExpectations expected) {
        BuildspecRules rules = new BuildspecRules(origin, expected);
        rules.run(yaml);
        return List.copyOf(rules.problems);
    }

    private void problem(String rule, String where, String message) {
        problems.add(new Problem(rule, origin + (where.isEmpty() ? "" : " " + where), message));
    }

    private void run(String yaml) {
        Object loaded;
        try {
            loaded = new Load(LoadSettings.builder().setLabel(origin).build()).loadFromString(yaml);
        } catch (RuntimeException e) {
            problem(BUILDSPEC_SYNTAX, "", "is not valid YAML: " + e.getMessage());
            return;
        }
        if (!(loaded instanceof Map<?, ?> root)) {
            problem(BUILDSPEC_SYNTAX, "", "must be a YAML mapping");
            return;
        }
        if (!"0.2".equals(String.valueOf(root.get("version")))) {
            problem(BUILDSPEC_SYNTAX, "version", "must be 0.2, found " + root.get("version"));
        }
        List<String> commands = commands(root.get("phases"));
        Map<?, ?> env = root.get("env") instanceof Map<?, ?> e ? e : Map.of();
        checkReports(root.get("reports"));
        checkArtifacts(root.get("artifacts"), commands);
        checkExports(env);
        checkEnvironment(env, commands);
        checkPublish(commands);
    }

    private List<String> commands(Object phases) {
        List<String> commands = new ArrayList<>();
        if (!(phases instanceof Map<?, ?> map) || map.isEmpty()) {
            problem(BUILDSPEC_SYNTAX, "phases", "must map phase names to their commands");
            return commands;
        }
        for (Map.Entry<?, ?> phase : map.entrySet()) {
            String name = String.valueOf(phase.getKey());
            if (!PHASES.contains(name)) {
                problem(BUILDSPEC_SYNTAX, "phases." + name, "is not a CodeBuild phase (" + new TreeSet<>(PHASES) + ")");
            }
            if (phase.getValue() instanceof Map<?, ?> body) {
                for (String block : List.of("commands", "finally")) {
                    if (body.get(block) instanceof List<?> list) {
                        list.forEach(c -> commands.add(String.valueOf(c)));
                    }
                }
            }
        }
        return commands;
    }

    private void checkReports(Object reports) {
        Map<?, ?> map = reports instanceof Map<?, ?> m ? m : Map.of();
        Map<String, ReportGroupSpec> groups = new LinkedHashMap<>();
        expected.reportGroups().forEach(g -> groups.put(g.key(), g));
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            String key = String.valueOf(entry.getKey());
            ReportGroupSpec group = groups.get(key);
            if (group == null) {
                problem(REPORT_GROUPS, "reports." + key, "is not a report group of project " + expected.projectName()
                        + " (the model has " + groups.keySet() + "); CodeBuild would create an unmanaged group "
                        + expected.projectName() + "-" + key);
                continue;
            }
            Map<?, ?> body = entry.getValue() instanceof Map<?, ?> b ? b : Map.of();
            String format = String.valueOf(body.get("file-format") == null ? "JUNITXML" : body.get("file-format"));
            Set<String> allowed = group.type() == ReportGroupSpec.ReportType.TEST ? TEST_FORMATS : COVERAGE_FORMATS;
            if (!allowed.contains(format)) {
                problem(REPORT_GROUPS, "reports." + key, "file-format " + format + " does not suit a "
                        + group.type() + " report group (" + new TreeSet<>(allowed) + ")");
            }
            if (!(body.get("files") instanceof List<?> files) || files.isEmpty()) {
                problem(REPORT_GROUPS, "reports." + key, "needs files");
            }
        }
        for (String key : groups.keySet()) {
            if (!map.containsKey(key)) {
                problem(REPORT_GROUPS, "reports", "does not report into group '" + key + "' ("
                        + groups.get(key).fullName(expected.projectName()) + ")");
            }
        }
    }

    private void checkArtifacts(Object artifacts, List<String> commands) {
        List<String> outputs = expected.outputArtifacts();
        Map<?, ?> map = artifacts instanceof Map<?, ?> m ? m : Map.of();
        Map<?, ?> secondary = map.get("secondary-artifacts") instanceof Map<?, ?> s ? s : Map.of();
        Map<String, String> baseDirectories = new LinkedHashMap<>();
        if (outputs.size() > 1) {
            // With several output artifacts CodePipeline takes each from the secondary artifact of that name.
            for (String name : outputs) {
                if (!(secondary.get(name) instanceof Map<?, ?> body)) {
                    problem(ARTIFACTS, "artifacts.secondary-artifacts", "has no artifact '" + name
                            + "' for the pipeline's output artifact of that name");
                    continue;
                }
                requireFiles(body, "artifacts.secondary-artifacts." + name);
                baseDirectories.put(name, String.valueOf(body.get("base-directory") == null ? "" : body.get("base-directory")));
            }
        } else if (outputs.size() == 1) {
            requireFiles(map, "artifacts");
            baseDirectories.put(outputs.getFirst(), String.valueOf(map.get("base-directory") == null ? "" : map.get("base-directory")));
        }
        expected.appSpecArtifact().ifPresent(artifact -> {
            String base = baseDirectories.get(artifact);
            if (base == null) {
                problem(ARTIFACTS, "artifacts", "emits no artifact '" + artifact + "' for the AppSpec");
                return;
            }
            Optional<String> out = commands.stream().map(APPSPEC_OUT::matcher).filter(Matcher::find)
                    .map(m -> m.group(1)).findFirst();
            String root = normalize(base);
            Set<String> accepted = Set.of(join(root, "appspec.yaml"), join(root, "appspec.yml"));
            if (out.isEmpty()) {
                problem(ARTIFACTS, "commands", "write no AppSpec (publish --appspec-out)");
            } else if (!accepted.contains(normalize(out.get()))) {
                problem(ARTIFACTS, "commands", "write the AppSpec to " + out.get() + ", but CodeDeploy reads it from the root of artifact '"
                        + artifact + "': " + accepted.stream().sorted().toList().getFirst());
            }
        });
    }

    private void requireFiles(Map<?, ?> body, String where) {
        if (!(body.get("files") instanceof List<?> files) || files.isEmpty()) {
            problem(ARTIFACTS, where, "needs files");
        }
    }

    private static String normalize(String path) {
        String p = path.replace('\\', '/');
        while (p.startsWith("./")) {
            p = p.substring(2);
        }
        while (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p;
    }

    private static String join(String base, String file) {
        return base.isEmpty() ? file : base + "/" + file;
    }

    private void checkExports(Map<?, ?> env) {
        Set<String> exported = new HashSet<>();
        if (env.get("exported-variables") instanceof List<?> list) {
            list.forEach(v -> exported.add(String.valueOf(v)));
        }
        for (String required : new TreeSet<>(expected.requiredExports())) {
            if (!exported.contains(required)) {
                problem(EXPORTED_VARIABLES, "env.exported-variables", "does not export " + required
                        + ", which the pipeline reads from this action's namespace");
            }
        }
    }

    private void checkEnvironment(Map<?, ?> env, List<String> commands) {
        Set<String> defined = new HashSet<>(BUILT_IN);
        defined.addAll(expected.environment().keySet());
        for (String block : List.of("variables", "parameter-store", "secrets-manager")) {
            if (env.get(block) instanceof Map<?, ?> vars) {
                vars.keySet().forEach(k -> defined.add(String.valueOf(k)));
            }
        }
        for (String command : commands) {
            for (Pattern p : List.of(ASSIGNMENT, FOR_LOOP)) {
                Matcher m = p.matcher(command);
                while (m.find()) {
                    defined.add(m.group(1));
                }
            }
        }
        Set<String> undefined = new TreeSet<>();
        for (String command : commands) {
            Matcher m = USE.matcher(command);
            while (m.find()) {
                if (m.group(2) == null && !defined.contains(m.group(1))) {
                    undefined.add(m.group(1));
                }
            }
        }
        for (String name : undefined) {
            problem(ENVIRONMENT_VARIABLES, "commands", "use $" + name + ", which neither the project, the pipeline action, "
                    + "CodeBuild nor the buildspec defines");
        }
    }

    private void checkPublish(List<String> commands) {
        List<String> publishes = commands.stream().filter(c -> c.matches(".*\\bpublish\\b.*--alias.*")).toList();
        if (publishes.isEmpty()) {
            problem(PUBLISH_ALIAS, "commands", "never run publish for alias '" + expected.publishAlias() + "'");
            return;
        }
        for (String command : publishes) {
            Matcher m = ALIAS_ARG.matcher(command);
            if (!m.find()) {
                continue;
            }
            String alias = m.group(2) == null ? m.group(1) : expected.environment().getOrDefault(m.group(2), "$" + m.group(2));
            if (!alias.equals(expected.publishAlias())) {
                problem(PUBLISH_ALIAS, "commands", "publish targets alias '" + alias + "' but this stage releases to '"
                        + expected.publishAlias() + "'");
            }
        }
    }
}
