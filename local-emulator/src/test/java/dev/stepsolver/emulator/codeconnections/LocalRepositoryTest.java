package dev.stepsolver.emulator.codeconnections;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading a local repository with JGit as a connection does. */
class LocalRepositoryTest {

    @TempDir
    Path temp;

    private LocalRepository repository(GitFixture git) throws GitAccessException {
        return LocalRepository.of(new RepositoryLink("acme/repo", git.directory().toString()));
    }

    @SuppressWarnings("unchecked")
    private static Set<PosixFilePermission> permissions(Path zip, String entry) throws Exception {
        try (FileSystem fs = FileSystems.newFileSystem(zip, Map.of("enablePosixFileAttributes", "true"))) {
            return (Set<PosixFilePermission>) Files.getAttribute(fs.getPath(entry), "zip:permissions");
        }
    }

    @Test
    void aCommitZipsWithItsFilesAtTheRootAndExecutablesStayExecutable() throws Exception {
        try (GitFixture git = GitFixture.init(temp.resolve("repo"))) {
            String commit = git.commit("one", Map.of("mvnw*", "#!/bin/sh\n", "src/Main.java", "class Main {}"));
            Path zip = temp.resolve("source.zip");

            Files.write(zip, repository(git).zip(commit));

            assertThat(permissions(zip, "/mvnw")).contains(PosixFilePermission.OWNER_EXECUTE);
            assertThat(permissions(zip, "/src/Main.java")).doesNotContain(PosixFilePermission.OWNER_EXECUTE);
        }
    }

    @Test
    void changedFilesAreThoseThatDifferBetweenTwoCommits() throws Exception {
        try (GitFixture git = GitFixture.init(temp.resolve("repo"))) {
            String first = git.commit("one", Map.of("a.txt", "a", "b.txt", "b"));
            String second = git.commit("two", Map.of("b.txt", "b2", "docs/README.md", "doc"));

            assertThat(repository(git).changedFiles(Optional.of(first), second))
                    .containsExactlyInAnyOrder("b.txt", "docs/README.md");
            assertThat(repository(git).changedFiles(Optional.empty(), second))
                    .containsExactlyInAnyOrder("a.txt", "b.txt", "docs/README.md");
        }
    }

    @Test
    void aBranchHeadGivesTheCommitAndItsMessage() throws Exception {
        try (GitFixture git = GitFixture.init(temp.resolve("repo"))) {
            String commit = git.commit("subject line\n\nbody", Map.of("a.txt", "a"));

            CommitInfo head = repository(git).branchHead("main").orElseThrow();

            assertThat(head.id()).isEqualTo(commit);
            assertThat(head.summary()).isEqualTo("subject line");
            assertThat(repository(git).branchHead("nope")).isEmpty();
        }
    }

    @Test
    void aCloneReferenceZipCarriesTheGitDirectoryAtTheCommit() throws Exception {
        try (GitFixture git = GitFixture.init(temp.resolve("repo"))) {
            String first = git.commit("one", Map.of("a.txt", "first"));
            git.commit("two", Map.of("a.txt", "second"));
            Path zip = temp.resolve("clone.zip");

            Files.write(zip, repository(git).cloneZip(first, "main", temp.resolve("scratch")));

            try (FileSystem fs = FileSystems.newFileSystem(zip)) {
                assertThat(Files.readString(fs.getPath("/a.txt"))).isEqualTo("first");
                assertThat(fs.getPath("/.git/HEAD")).exists();
            }
        }
    }

    @Test
    void anUnknownCommitIsAClearError() throws Exception {
        try (GitFixture git = GitFixture.init(temp.resolve("repo"))) {
            git.commit("one", Map.of("a.txt", "a"));

            assertThatThrownBy(() -> repository(git).commit("0123456789abcdef0123456789abcdef01234567"))
                    .isInstanceOf(GitAccessException.class).hasMessageContaining("is not in the repository acme/repo");
        }
    }

    @Test
    void aDirectoryThatIsNoRepositoryIsAClearError() throws Exception {
        Files.createDirectories(temp.resolve("plain"));

        assertThatThrownBy(() -> LocalRepository.of(new RepositoryLink("acme/plain", temp.resolve("plain").toString()))
                .branchHead("main")).isInstanceOf(GitAccessException.class).hasMessageContaining("not a git repository");
    }
}
