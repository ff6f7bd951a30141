package dev.stepsolver.emulator.codebuild;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * How the emulator's CodeBuild runs builds.
 *
 * @param maxConcurrentBuilds builds running at once; more wait in the queue (phase QUEUED)
 * @param maxQueuedBuilds waiting builds beyond which StartBuild fails with AccountLimitExceededException
 * @param workRoot where workspaces and live logs go; empty for a fresh temporary directory
 * @param keepWorkspaces keep each build's workspace after it completes (for debugging a buildspec)
 */
public record CodeBuildSettings(int maxConcurrentBuilds, int maxQueuedBuilds, Optional<Path> workRoot,
        boolean keepWorkspaces) {

    public CodeBuildSettings {
        Objects.requireNonNull(workRoot);
        if (maxConcurrentBuilds < 1 || maxQueuedBuilds < 0) {
            throw new IllegalArgumentException("at least one concurrent build, and a non-negative queue");
        }
    }

    public static CodeBuildSettings defaults() {
        return new CodeBuildSettings(4, 100, Optional.empty(), false);
    }

    /**
     * The defaults, changed by {@code -Dstepsolver.codebuild.maxConcurrentBuilds=N},
     * {@code -Dstepsolver.codebuild.workRoot=DIR} and {@code -Dstepsolver.codebuild.keepWorkspaces=true}.
     */
    public static CodeBuildSettings fromSystemProperties() {
        CodeBuildSettings settings = defaults();
        String concurrent = System.getProperty("stepsolver.codebuild.maxConcurrentBuilds");
        if (concurrent != null) {
            settings = settings.withMaxConcurrentBuilds(Integer.parseInt(concurrent.trim()));
        }
        String root = System.getProperty("stepsolver.codebuild.workRoot");
        if (root != null && !root.isBlank()) {
            settings = settings.withWorkRoot(Path.of(root));
        }
        return settings.withKeepWorkspaces(Boolean.getBoolean("stepsolver.codebuild.keepWorkspaces"));
    }

    public CodeBuildSettings withMaxConcurrentBuilds(int value) {
        return new CodeBuildSettings(value, maxQueuedBuilds, workRoot, keepWorkspaces);
    }

    public CodeBuildSettings withWorkRoot(Path value) {
        return new CodeBuildSettings(maxConcurrentBuilds, maxQueuedBuilds, Optional.of(value), keepWorkspaces);
    }

    public CodeBuildSettings withKeepWorkspaces(boolean value) {
        return new CodeBuildSettings(maxConcurrentBuilds, maxQueuedBuilds, workRoot, value);
    }
}
