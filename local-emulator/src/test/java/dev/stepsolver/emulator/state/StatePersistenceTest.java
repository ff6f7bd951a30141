package dev.stepsolver.emulator.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stepsolver.emulator.Clients;
import dev.stepsolver.emulator.LocalEmulator;
import dev.stepsolver.emulator.time.ManualClock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.ComparisonOperator;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterType;

class StatePersistenceTest {

    private static final Instant START = Instant.parse("2026-05-01T00:00:00Z");

    @TempDir
    Path stateDir;

    private LocalEmulator start(ManualClock clock) {
        return LocalEmulator.builder().port(0).stateDirectory(stateDir).clock(clock).build().start();
    }

    @Test
    void everythingWrittenSurvivesARestart() {
        ManualClock clock = new ManualClock(START);
        try (LocalEmulator emulator = start(clock);
                S3Client s3 = Clients.s3(emulator.endpoint());
                SsmClient ssm = Clients.ssm(emulator.endpoint());
                IamClient iam = Clients.iam(emulator.endpoint());
                CloudWatchClient cloudWatch = Clients.cloudWatch(emulator.endpoint())) {
            s3.createBucket(r -> r.bucket("kept"));
            s3.putObject(r -> r.bucket("kept").key("a/b.txt"), RequestBody.fromString("body survives"));
            ssm.putParameter(r -> r.name("/kept/p").value("one").type(ParameterType.SECURE_STRING));
            ssm.putParameter(r -> r.name("/kept/p").value("two").overwrite(true));
            iam.createRole(r -> r.roleName("kept-role").assumeRolePolicyDocument("{\"Statement\":[]}"));
            iam.putRolePolicy(r -> r.roleName("kept-role").policyName("inline").policyDocument("{}"));
            cloudWatch.putMetricData(r -> r.namespace("Kept").metricData(d -> d.metricName("M").value(9.0)
                    .timestamp(START.plusSeconds(1))));
            cloudWatch.putMetricAlarm(r -> r.alarmName("kept-alarm").namespace("Kept").metricName("M")
                    .statistic(Statistic.MAXIMUM).period(60).evaluationPeriods(1).threshold(5.0)
                    .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD));
            clock.advance(Duration.ofMinutes(1));
        }

        try (LocalEmulator emulator = start(new ManualClock(START.plusSeconds(61)));
                S3Client s3 = Clients.s3(emulator.endpoint());
                SsmClient ssm = Clients.ssm(emulator.endpoint());
                IamClient iam = Clients.iam(emulator.endpoint());
                CloudWatchClient cloudWatch = Clients.cloudWatch(emulator.endpoint())) {
            assertThat(s3.getObjectAsBytes(r -> r.bucket("kept").key("a/b.txt")).asUtf8String())
                    .isEqualTo("body survives");
            assertThat(ssm.getParameter(r -> r.name("/kept/p").withDecryption(true)).parameter().value())
                    .isEqualTo("two");
            assertThat(ssm.getParameter(r -> r.name("/kept/p:1").withDecryption(true)).parameter().value())
                    .isEqualTo("one");
            assertThat(iam.listRolePolicies(r -> r.roleName("kept-role")).policyNames()).containsExactly("inline");
            MetricAlarm alarm = cloudWatch.describeAlarms(r -> r.alarmNames("kept-alarm")).metricAlarms().get(0);
            assertThat(alarm.stateValue()).isEqualTo(StateValue.ALARM);
            assertThat(cloudWatch.getMetricStatistics(r -> r.namespace("Kept").metricName("M").startTime(START)
                    .endTime(START.plusSeconds(60)).period(60).statistics(Statistic.MAXIMUM)).datapoints())
                    .singleElement().satisfies(point -> assertThat(point.maximum()).isEqualTo(9.0));
        }
    }

    @Test
    void aCorruptStateFileStopsStartupAndNamesTheFile() throws IOException {
        ManualClock clock = new ManualClock(START);
        try (LocalEmulator emulator = start(clock); SsmClient ssm = Clients.ssm(emulator.endpoint())) {
            ssm.putParameter(r -> r.name("/p").value("v").type(ParameterType.STRING));
        }
        Path file = onlyFile(stateDir.resolve("ssm.parameters"));
        Files.writeString(file, "{\"key\":\"/p\",\"value\":{\"name\":\"/p\",\"versi", StandardCharsets.UTF_8);

        assertThatThrownBy(() -> start(new ManualClock(START)))
                .isInstanceOf(StateCorruptedException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("corrupt or half-written");
    }

    @Test
    void anEmptyStateFileIsReportedRatherThanDropped() throws IOException {
        try (LocalEmulator emulator = start(new ManualClock(START)); IamClient iam = Clients.iam(emulator.endpoint())) {
            iam.createRole(r -> r.roleName("r").assumeRolePolicyDocument("{}"));
        }
        Path file = onlyFile(stateDir.resolve("iam.roles"));
        Files.write(file, new byte[0]);

        assertThatThrownBy(() -> start(new ManualClock(START)))
                .isInstanceOf(StateCorruptedException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("empty file");
    }

    @Test
    void aLeftoverTemporaryFileFromAnInterruptedWriteIsIgnored() throws IOException {
        try (LocalEmulator emulator = start(new ManualClock(START)); SsmClient ssm = Clients.ssm(emulator.endpoint())) {
            ssm.putParameter(r -> r.name("/p").value("committed").type(ParameterType.STRING));
        }
        Files.writeString(stateDir.resolve("ssm.parameters").resolve(".tmp-interrupted"), "{\"key\":\"/p\",\"val");

        try (LocalEmulator emulator = start(new ManualClock(START)); SsmClient ssm = Clients.ssm(emulator.endpoint())) {
            assertThat(ssm.getParameter(r -> r.name("/p")).parameter().value()).isEqualTo("committed");
        }
    }

    @Test
    void anObjectWhoseBodyIsMissingIsReported() throws IOException {
        try (LocalEmulator emulator = start(new ManualClock(START)); S3Client s3 = Clients.s3(emulator.endpoint())) {
            s3.createBucket(r -> r.bucket("bodies"));
            s3.putObject(r -> r.bucket("bodies").key("k"), RequestBody.fromString("x"));
        }
        Path body = onlyFile(stateDir.resolve("s3.bodies"));
        Files.delete(body);

        assertThatThrownBy(() -> start(new ManualClock(START)))
                .isInstanceOf(StateCorruptedException.class)
                .hasMessageContaining(body.toString())
                .hasMessageContaining("s3://bodies/k");
    }

    private static Path onlyFile(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(path -> !path.getFileName().toString().startsWith(".")).findFirst().orElseThrow();
        }
    }
}
