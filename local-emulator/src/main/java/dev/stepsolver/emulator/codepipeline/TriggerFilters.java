package dev.stepsolver.emulator.codepipeline;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.codepipeline.model.GitBranchFilterCriteria;
import software.amazon.awssdk.services.codepipeline.model.GitFilePathFilterCriteria;
import software.amazon.awssdk.services.codepipeline.model.GitPushFilter;
import software.amazon.awssdk.services.codepipeline.model.PipelineTriggerDeclaration;

/**
 * V2 trigger filters on push events: a push starts an execution when one of the trigger's push filters
 * matches it. A filter matches when its branch patterns accept the branch (excludes win over includes)
 * and, when it has file path patterns, at least one changed file is included and not excluded. Patterns
 * are globs: {@code *} within a path segment, {@code **} across segments ({@code **}{@code /README.md}
 * does not match a README.md at the root, which is why such filters list both).
 */
final class TriggerFilters {

    private TriggerFilters() {
    }

    /** Whether the push matches one of the trigger's push filters (a trigger with none matches all). */
    static boolean matches(PipelineTriggerDeclaration trigger, String branch, Set<String> changedFiles) {
        List<GitPushFilter> filters = trigger.gitConfiguration() == null ? List.of() : trigger.gitConfiguration().push();
        if (filters.isEmpty()) {
            return true;
        }
        return filters.stream().anyMatch(filter -> matches(filter, branch, changedFiles));
    }

    static boolean matches(GitPushFilter filter, String branch, Set<String> changedFiles) {
        if (filter.tags() != null) {
            // tag filters match tag pushes only; a branch push never matches them
            return false;
        }
        GitBranchFilterCriteria branches = filter.branches();
        if (branches != null) {
            if (!branches.includes().isEmpty() && branches.includes().stream().noneMatch(p -> glob(p, branch))) {
                return false;
            }
            if (branches.excludes().stream().anyMatch(p -> glob(p, branch))) {
                return false;
            }
        }
        GitFilePathFilterCriteria paths = filter.filePaths();
        if (paths == null || (paths.includes().isEmpty() && paths.excludes().isEmpty())) {
            return true;
        }
        return changedFiles.stream().anyMatch(file ->
                (paths.includes().isEmpty() || paths.includes().stream().anyMatch(p -> glob(p, file)))
                        && paths.excludes().stream().noneMatch(p -> glob(p, file)));
    }

    static boolean glob(String pattern, String value) {
        if (value.isEmpty()) {
            return false;
        }
        try {
            PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + pattern);
            return matcher.matches(Path.of(value));
        } catch (IllegalArgumentException e) {
            // validation refuses bad patterns; one stored before that matches nothing
            return false;
        }
    }

    /** Whether a glob pattern can be compiled (for validation). */
    static boolean validGlob(String pattern) {
        try {
            FileSystems.getDefault().getPathMatcher("glob:" + pattern);
            return !pattern.isEmpty();
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
