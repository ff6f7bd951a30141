package dev.stepsolver.emulator.codepipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepsolver.emulator.LocalEmulator;
import dev.stepsolver.emulator.protocol.Mappers;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The project's own pipeline.json through {@code aws codepipeline create-pipeline --cli-input-json}, as a
 * user gives it to AWS. Skipped when {@code aws} is not on the PATH.
 */
class CodePipelineCliTest {

    private static LocalEmulator emulator;
    private static Path aws;

    @TempDir
    static Path work;

    @BeforeAll
    static void start() {
        aws = Optional.ofNullable(System.getenv("PATH")).stream().flatMap(p -> List.of(p.split(File.pathSeparator))
                .stream()).map(dir -> Path.of(dir, "aws")).filter(Files::isExecutable).findFirst().orElse(null);
        assumeTrue(aws != null, "the AWS CLI (aws) is not on the PATH");
        emulator = LocalEmulator.builder().port(0).build().start();
    }

    @AfterAll
    static void stop() {
        if (emulator != null) {
            emulator.close();
        }
    }

    private record Result(int exit, String out, String err) {
    }

    private Result aws(String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of(aws.toString()));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile());
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(k -> k.startsWith("AWS_"));
        env.put("AWS_ACCESS_KEY_ID", "test");
        env.put("AWS_SECRET_ACCESS_KEY", "test");
        env.put("AWS_DEFAULT_REGION", "us-east-1");
        env.put("AWS_ENDPOINT_URL", emulator.endpoint().toString());
        env.put("AWS_CONFIG_FILE", work.resolve("config").toString());
        env.put("AWS_SHARED_CREDENTIALS_FILE", work.resolve("credentials").toString());
        Path out = work.resolve("out.txt");
        Path err = work.resolve("err.txt");
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(90, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("aws " + String.join(" ", arguments) + " did not finish");
        }
        return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
    }

    @Test
    void theProjectsPipelineJsonCreatesThePipelineItDeclares() throws Exception {
        Path json = work.resolve("pipeline.json");
        Files.write(json, getClass().getResourceAsStream("/codepipeline/stepsolver-pipeline.json").readAllBytes());

        Result created = aws("codepipeline", "create-pipeline", "--cli-input-json", "file://" + json, "--output",
                "json");
        Result fetched = aws("codepipeline", "get-pipeline", "--name", "stepsolver", "--output", "json");

        assertThat(created.exit()).as(created.err()).isZero();
        assertThat(fetched.exit()).as(fetched.err()).isZero();
        JsonNode declared = Mappers.JSON.readTree(Files.readString(json, StandardCharsets.UTF_8)).get("pipeline");
        JsonNode stored = Mappers.JSON.readTree(fetched.out()).get("pipeline");
        assertThat(stored.get("stages")).isEqualTo(declared.get("stages"));
        assertThat(stored.get("triggers")).isEqualTo(declared.get("triggers"));
        assertThat(stored.get("version").asInt()).isEqualTo(1);
        assertThat(Mappers.JSON.readTree(created.out()).get("tags").get(0).get("key").asText()).isEqualTo("project");
    }

    @Test
    void anInvalidDeclarationFailsWithAwsErrorCode() throws Exception {
        Path json = work.resolve("bad.json");
        Files.writeString(json, """
                {"pipeline": {"name": "bad", "roleArn": "arn:aws:iam::000000000000:role/p",
                  "artifactStore": {"type": "S3", "location": "cli-artifacts"},
                  "stages": [{"name": "Only", "actions": [{"name": "S", "actionTypeId": {"category": "Source",
                    "owner": "AWS", "provider": "CodeStarSourceConnection", "version": "1"},
                    "configuration": {"ConnectionArn": "x", "FullRepositoryId": "a/b", "BranchName": "main"},
                    "outputArtifacts": [{"name": "Out"}]}]}]}}
                """);

        Result result = aws("codepipeline", "create-pipeline", "--cli-input-json", "file://" + json);

        assertThat(result.exit()).isNotZero();
        assertThat(result.err()).contains("InvalidStructureException").contains("Pipeline has only 1 stage(s)");
    }
}
