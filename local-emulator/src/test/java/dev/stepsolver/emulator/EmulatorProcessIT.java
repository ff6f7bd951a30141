package dev.stepsolver.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterType;
import software.amazon.awssdk.services.sts.StsClient;

/** The shaded jar as users run it: {@code java -jar local-emulator-<version>.jar start ...}. */
class EmulatorProcessIT {

    @TempDir
    Path stateDir;

    @Test
    void theJarPrintsItsEndpointAndServesRequests() throws Exception {
        try (EmulatorProcess emulator = EmulatorProcess.start(List.of("--port", "0"));
                StsClient sts = Clients.sts(emulator.endpoint())) {
            assertThat(emulator.endpoint().toString()).matches("http://127\\.0\\.0\\.1:\\d+");
            assertThat(sts.getCallerIdentity().account()).isEqualTo("000000000000");
        }
    }

    @Test
    void dataWrittenBeforeASigkillIsThereAfterARestart() throws Exception {
        try (EmulatorProcess first = EmulatorProcess.start(List.of("--port", "0", "--state-dir", stateDir.toString()));
                S3Client s3 = Clients.s3(first.endpoint());
                SsmClient ssm = Clients.ssm(first.endpoint())) {
            s3.createBucket(r -> r.bucket("survivor"));
            s3.putObject(r -> r.bucket("survivor").key("artifact.zip"), RequestBody.fromString("zip bytes"));
            ssm.putParameter(r -> r.name("/survivor/key").value("api-key").type(ParameterType.SECURE_STRING));
            first.kill();
        }

        try (EmulatorProcess second = EmulatorProcess.start(List.of("--port", "0", "--state-dir", stateDir.toString()));
                S3Client s3 = Clients.s3(second.endpoint());
                SsmClient ssm = Clients.ssm(second.endpoint())) {
            assertThat(s3.getObjectAsBytes(r -> r.bucket("survivor").key("artifact.zip")).asUtf8String())
                    .isEqualTo("zip bytes");
            assertThat(ssm.getParameter(r -> r.name("/survivor/key").withDecryption(true)).parameter().value())
                    .isEqualTo("api-key");
        }
    }

    @Test
    void aCorruptStateFileStopsTheJarWithAMessageNamingIt() throws Exception {
        try (EmulatorProcess first = EmulatorProcess.start(List.of("--port", "0", "--state-dir", stateDir.toString()));
                SsmClient ssm = Clients.ssm(first.endpoint())) {
            ssm.putParameter(r -> r.name("/p").value("v").type(ParameterType.STRING));
            first.kill();
        }
        Path file;
        try (Stream<Path> files = Files.list(stateDir.resolve("ssm.parameters"))) {
            file = files.filter(p -> p.toString().endsWith(".json")).findFirst().orElseThrow();
        }
        Files.writeString(file, "{\"key\":", StandardCharsets.UTF_8);

        assertThatThrownBy(() -> EmulatorProcess.start(List.of("--port", "0", "--state-dir", stateDir.toString())))
                .hasMessageContaining("exit 3")
                .hasMessageContaining(file.toString());
    }

    @Test
    void sigtermStopsTheJar() throws Exception {
        try (EmulatorProcess emulator = EmulatorProcess.start(List.of("--port", "0"))) {
            emulator.stop();

            assertThat(emulator.process().isAlive()).isFalse();
        }
    }
}
