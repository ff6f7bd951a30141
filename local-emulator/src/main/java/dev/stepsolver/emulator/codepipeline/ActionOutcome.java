package dev.stepsolver.emulator.codepipeline;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** How an action ended, as its provider reports it. */
public sealed interface ActionOutcome {

    /**
     * Done: the output variables (visible downstream through the action's namespace), the external
     * execution's id, summary and URL, and, for source actions, the revision fetched.
     */
    record Succeeded(Optional<String> summary, Optional<String> externalExecutionId,
            Optional<String> externalExecutionUrl, Map<String, String> outputVariables,
            Optional<SourceRevision> revision) implements ActionOutcome {
        public Succeeded {
            outputVariables = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(outputVariables));
        }
    }

    /**
     * Failed: AWS's error code for it ({@code JobFailed}, {@code ConfigurationError}...) and a message
     * saying why.
     */
    record Failed(String errorCode, String message, Optional<String> externalExecutionId,
            Optional<String> externalExecutionUrl) implements ActionOutcome {
        public Failed {
            Objects.requireNonNull(errorCode);
            Objects.requireNonNull(message);
        }
    }

    static Succeeded succeeded(String summary, Map<String, String> outputVariables) {
        return new Succeeded(Optional.ofNullable(summary), Optional.empty(), Optional.empty(), outputVariables,
                Optional.empty());
    }

    static Failed failed(String message) {
        return new Failed("JobFailed", message, Optional.empty(), Optional.empty());
    }
}
