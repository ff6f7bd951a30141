package dev.stepsolver.emulator.codebuild;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileGlobsTest {

    @TempDir
    Path base;

    @BeforeEach
    void files() throws IOException {
        for (String file : List.of("top.txt", ".hidden", "a/one.txt", "a/b/two.txt", "a/b/c/three.xml",
                "module/target/surefire-reports/TEST-x.xml", "target/surefire-reports/TEST-y.xml")) {
            Path path = base.resolve(file);
            Files.createDirectories(path.getParent());
            Files.writeString(path, file);
        }
    }

    @Test
    void doubleStarSlashStarIsEveryFileTheTopLevelIncluded() throws IOException {
        assertThat(FileGlobs.select(base, List.of("**/*"), List.of())).containsExactly(".hidden", "a/b/c/three.xml",
                "a/b/two.txt", "a/one.txt", "module/target/surefire-reports/TEST-x.xml",
                "target/surefire-reports/TEST-y.xml", "top.txt");
    }

    @Test
    void aLeadingDoubleStarMayMatchNoDirectory() throws IOException {
        assertThat(FileGlobs.select(base, List.of("**/target/surefire-reports/TEST-*.xml"), List.of()))
                .containsExactly("module/target/surefire-reports/TEST-x.xml", "target/surefire-reports/TEST-y.xml");
    }

    @Test
    void aSingleStarStaysInOneDirectory() throws IOException {
        assertThat(FileGlobs.select(base, List.of("a/*.txt"), List.of())).containsExactly("a/one.txt");
    }

    @Test
    void aDoubleStarInTheMiddleMayMatchNoDirectory() throws IOException {
        assertThat(FileGlobs.select(base, List.of("a/**/two.txt"), List.of())).containsExactly("a/b/two.txt");
        assertThat(FileGlobs.select(base, List.of("a/**/one.txt"), List.of())).containsExactly("a/one.txt");
    }

    @Test
    void aPatternNamingADirectoryTakesEverythingUnderIt() throws IOException {
        assertThat(FileGlobs.select(base, List.of("a/b"), List.of())).containsExactly("a/b/c/three.xml",
                "a/b/two.txt");
    }

    @Test
    void excludedPathsAreLeftOut() throws IOException {
        assertThat(FileGlobs.select(base, List.of("**/*"), List.of("**/*.xml", ".hidden")))
                .containsExactly("a/b/two.txt", "a/one.txt", "top.txt");
    }

    @Test
    void aMissingBaseDirectoryMatchesNothing() throws IOException {
        assertThat(FileGlobs.select(base.resolve("nope"), List.of("**/*"), List.of())).isEmpty();
    }

    @Test
    void symbolicLinksAreNotFollowed() throws IOException {
        Path outside = Files.createTempDirectory("outside");
        Files.writeString(outside.resolve("secret.txt"), "secret");
        Files.createSymbolicLink(base.resolve("link"), outside);

        assertThat(FileGlobs.select(base, List.of("**/*"), List.of())).noneMatch(p -> p.startsWith("link"));
    }
}
