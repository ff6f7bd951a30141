package dev.stepsolver.emulator.codebuild;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A buildspec (version 0.2) as the build engine uses it. Parsed by {@link BuildspecParser}.
 *
 * @param variables {@code env.variables}, in declaration order
 * @param parameterStore {@code env.parameter-store}: variable name to SSM parameter name
 * @param secretsManager {@code env.secrets-manager}, which the emulator cannot resolve
 * @param exportedVariables {@code env.exported-variables}
 * @param phases the phases the buildspec declares
 * @param reports by report group name or ARN
 * @param secondaryArtifacts by artifact identifier
 * @param notes things accepted but not acted on (runtime-versions, run-as...), for the build log
 */
public record Buildspec(
        Shell shell,
        Map<String, String> variables,
        Map<String, String> parameterStore,
        Map<String, String> secretsManager,
        List<String> exportedVariables,
        Map<PhaseType, PhaseSpec> phases,
        Map<String, ReportSpec> reports,
        Optional<ArtifactSpec> artifacts,
        Map<String, ArtifactSpec> secondaryArtifacts,
        List<String> notes) {

    /** The buildspec phases that hold commands, in the order they run. */
    public static final List<PhaseType> COMMAND_PHASES =
            List.of(PhaseType.INSTALL, PhaseType.PRE_BUILD, PhaseType.BUILD, PhaseType.POST_BUILD);

    /** The shell commands run in. */
    public enum Shell { BASH, SH }

    /** What a phase does when one of its commands fails. */
    public enum OnFailure {
        /** Follow AWS's phase transitions (also the default). */
        ABORT,
        /** Run the next phases as if the phase had succeeded; the build still fails. */
        CONTINUE
    }

    /** One phase: its commands, its {@code finally} commands, and its failure mode. */
    public record PhaseSpec(List<String> commands, List<String> finallyCommands, OnFailure onFailure,
            Map<String, String> runtimeVersions) {
        public PhaseSpec {
            commands = List.copyOf(commands);
            finallyCommands = List.copyOf(finallyCommands);
            runtimeVersions = Map.copyOf(runtimeVersions);
        }
    }

    /** A report: which files, in which format. */
    public record ReportSpec(List<String> files, Optional<String> baseDirectory, boolean discardPaths,
            ReportFormat format) {
        public ReportSpec {
            files = List.copyOf(files);
        }
    }

    /** A primary or secondary artifact: which files, from where, under which name. */
    public record ArtifactSpec(List<String> files, Optional<String> name, Optional<String> baseDirectory,
            boolean discardPaths, List<String> excludePaths) {
        public ArtifactSpec {
            files = List.copyOf(files);
            excludePaths = List.copyOf(excludePaths);
        }
    }

    /** Report file formats AWS accepts; the emulator reads JUnit XML and JaCoCo XML. */
    public enum ReportFormat {
        JUNITXML(ReportType.TEST, true), CUCUMBERJSON(ReportType.TEST, false), TESTNGXML(ReportType.TEST, false),
        NUNITXML(ReportType.TEST, false), NUNIT3XML(ReportType.TEST, false), VISUALSTUDIOTRX(ReportType.TEST, false),
        JACOCOXML(ReportType.CODE_COVERAGE, true), CLOVERXML(ReportType.CODE_COVERAGE, false),
        COBERTURAXML(ReportType.CODE_COVERAGE, false), SIMPLECOV(ReportType.CODE_COVERAGE, false),
        LCOVINFO(ReportType.CODE_COVERAGE, false);

        private final ReportType type;
        private final boolean supported;

        ReportFormat(ReportType type, boolean supported) {
            this.type = type;
            this.supported = supported;
        }

        public ReportType type() {
            return type;
        }

        public boolean supported() {
            return supported;
        }
    }

    public Buildspec {
        variables = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(variables));
        parameterStore = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(parameterStore));
        secretsManager = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(secretsManager));
        exportedVariables = List.copyOf(exportedVariables);
        java.util.EnumMap<PhaseType, PhaseSpec> ordered = new java.util.EnumMap<>(PhaseType.class);
        ordered.putAll(phases);
        phases = java.util.Collections.unmodifiableMap(ordered);
        reports = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(reports));
        secondaryArtifacts = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(secondaryArtifacts));
        notes = List.copyOf(notes);
    }

    public Optional<PhaseSpec> phase(PhaseType type) {
        return Optional.ofNullable(phases.get(type));
    }
}
