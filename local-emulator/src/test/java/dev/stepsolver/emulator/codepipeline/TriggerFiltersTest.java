package dev.stepsolver.emulator.codepipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.codepipeline.model.GitPushFilter;

/** V2 push filters deciding whether a push starts an execution. */
class TriggerFiltersTest {

    private static final GitPushFilter PROJECT_FILTER = GitPushFilter.builder()
            .branches(b -> b.includes("main"))
            .filePaths(f -> f.excludes("README.md", "**/README.md", "LICENSE"))
            .build();

    @Test
    void aPushChangingCodeOnTheIncludedBranchMatches() {
        assertThat(TriggerFilters.matches(PROJECT_FILTER, "main", Set.of("src/Main.java", "README.md"))).isTrue();
    }

    @Test
    void aPushChangingOnlyExcludedFilesDoesNotMatch() {
        assertThat(TriggerFilters.matches(PROJECT_FILTER, "main", Set.of("README.md", "docs/README.md", "LICENSE")))
                .isFalse();
    }

    @Test
    void aPushToAnotherBranchDoesNotMatch() {
        assertThat(TriggerFilters.matches(PROJECT_FILTER, "feature/x", Set.of("src/Main.java"))).isFalse();
    }

    @Test
    void branchGlobsAndExcludesApply() {
        GitPushFilter releases = GitPushFilter.builder().branches(b -> b.includes("release/**")
                .excludes("release/old-*")).build();

        assertThat(TriggerFilters.matches(releases, "release/2.0", Set.of("a"))).isTrue();
        assertThat(TriggerFilters.matches(releases, "release/old-1", Set.of("a"))).isFalse();
    }

    @Test
    void fileIncludesNeedOneIncludedFileThatIsNotExcluded() {
        GitPushFilter sources = GitPushFilter.builder().filePaths(f -> f.includes("src/**")
                .excludes("src/**/*.md")).build();

        assertThat(TriggerFilters.matches(sources, "main", Set.of("src/a/B.java"))).isTrue();
        assertThat(TriggerFilters.matches(sources, "main", Set.of("src/a/notes.md", "build.gradle"))).isFalse();
    }

    @Test
    void aDoubleStarDirectoryPatternDoesNotMatchAFileAtTheRoot() {
        assertThat(TriggerFilters.glob("**/README.md", "README.md")).isFalse();
        assertThat(TriggerFilters.glob("**/README.md", "a/b/README.md")).isTrue();
    }
}
