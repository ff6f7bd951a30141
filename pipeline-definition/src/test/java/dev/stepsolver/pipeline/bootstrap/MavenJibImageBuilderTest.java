package dev.stepsolver.pipeline.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The build runs the repository's mvnw; here a stand-in script that records its arguments. */
class MavenJibImageBuilderTest {

    @TempDir
    Path dir;

    private void wrapper(String body) throws Exception {
        Path mvnw = dir.resolve("mvnw");
        Files.writeString(mvnw, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(mvnw, PosixFilePermissions.fromString("rwx------"));
    }

    @Test
    void theWrapperRunsInTheSourceDirectoryWithTheJibArguments() throws Exception {
        wrapper("echo \"$@\" > args.txt");

        new MavenJibImageBuilder(dir, List.of("-Dextra=1"), Duration.ofMinutes(1)).buildAndPush("r/app:t", "scratch");

        assertThat(Files.readString(dir.resolve("args.txt")).strip()).isEqualTo(
                "-B -pl solver-lambda -am package jib:build -DskipTests -Dimage=r/app:t -Djib.from.image=scratch -Dextra=1");
    }

    @Test
    void aFailingBuildReportsItsExitCode() throws Exception {
        wrapper("exit 3");

        assertThatThrownBy(() -> new MavenJibImageBuilder(dir, List.of(), Duration.ofMinutes(1)).buildAndPush("r:t", "b"))
                .isInstanceOf(ImageBuilder.ImageBuildException.class).hasMessageContaining("exit 3");
    }

    @Test
    void aBuildThatOverrunsItsTimeoutIsStopped() throws Exception {
        wrapper("exec sleep 60");

        assertThatThrownBy(() -> new MavenJibImageBuilder(dir, List.of(), Duration.ofMillis(300)).buildAndPush("r:t", "b"))
                .isInstanceOf(ImageBuilder.ImageBuildException.class).hasMessageContaining("did not finish");
    }
}
