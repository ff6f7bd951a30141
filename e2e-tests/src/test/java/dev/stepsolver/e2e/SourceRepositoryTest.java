package dev.stepsolver.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the local pipeline's repository is made of, and how a scenario's commit lands in it. */
class SourceRepositoryTest {

    @TempDir
    Path dir;

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    /** A new git repository in {@code directory} with everything in it committed. */
    private static void commitAll(Path directory) throws Exception {
        try (Git git = Git.init().setDirectory(directory.toFile()).call()) {
            git.add().addFilepattern(".").call();
            git.commit().setMessage("first").setAuthor("t", "t@example.invalid").setSign(false).call();
        }
    }

    @Test
    void aPlainTreeIsCopiedWithoutBuildOutputOrGitMetadata() throws IOException {
        Path sources = dir.resolve("plain");
        write(sources.resolve("pom.xml"), "<project/>");
        write(sources.resolve("core/src/A.java"), "class A {}");
        write(sources.resolve("core/target/A.class"), "bytes");
        write(sources.resolve("node_modules/x/index.js"), "x");
        write(sources.resolve("sub/.git"), "gitdir: elsewhere");

        assertThat(SourceRepository.sourceFiles(sources)).containsExactly("core/src/A.java", "pom.xml");
    }

    @Test
    void aGitWorkTreeGivesItsTrackedAndUntrackedFilesButNotIgnoredOnes() throws Exception {
        Path sources = dir.resolve("work");
        write(sources.resolve(".gitignore"), "target/\n");
        write(sources.resolve("Tracked.java"), "class Tracked {}");
        commitAll(sources);
        write(sources.resolve("New.java"), "class New {}");
        write(sources.resolve("target/Out.class"), "bytes");

        assertThat(SourceRepository.sourceFiles(sources)).containsExactly(".gitignore", "New.java", "Tracked.java");
    }

    @Test
    void aLinkedWorkTreeWhoseGitIsAFileIsReadThroughGit() throws Exception {
        Path main = dir.resolve("main");
        write(main.resolve(".gitignore"), "*.log\n");
        write(main.resolve("Tracked.java"), "class Tracked {}");
        commitAll(main);
        Path linked = dir.resolve("linked");
        write(linked.resolve(".git"), "gitdir: " + main.resolve(".git").toAbsolutePath() + "\n");
        write(linked.resolve(".gitignore"), "*.log\n");
        write(linked.resolve("Tracked.java"), "class Tracked {}");
        write(linked.resolve("debug.log"), "ignored by git, so not copied");

        assertThat(SourceRepository.sourceFiles(linked)).containsExactly(".gitignore", "Tracked.java");
    }

    @Test
    void aCommitChangesTheFilesItNamesAndRefusesEditsThatChangeNothingOrLeaveTheRepository() throws Exception {
        Path sources = dir.resolve("project");
        write(sources.resolve("Solver.java"), "Devide both sides");
        try (SourceRepository repository = SourceRepository.copyOf(sources, dir.resolve("repo"), "main")) {
            String first = repository.head();

            String second = repository.commit("Spell it", Map.of("Solver.java", text -> text.replace("Devide",
                    "Divide"), "docs/notes.txt", text -> text + "new\n"));

            assertThat(second).isNotEqualTo(first);
            assertThat(repository.head()).isEqualTo(second);
            assertThat(repository.directory().resolve("Solver.java")).hasContent("Divide both sides");
            try (Git git = Git.open(repository.directory().toFile())) {
                RevCommit head = git.log().setMaxCount(1).call().iterator().next();
                assertThat(head.getFullMessage()).isEqualTo("Spell it");
                assertThat(git.status().call().isClean()).isTrue();
            }
            assertThatThrownBy(() -> repository.commit("nothing", Map.of("Solver.java", text -> text)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("changes nothing");
            assertThatThrownBy(() -> repository.commit("escape", Map.of("../outside.txt", text -> "x")))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("outside the repository");
            assertThat(repository.head()).isEqualTo(second);
        }
    }
}
