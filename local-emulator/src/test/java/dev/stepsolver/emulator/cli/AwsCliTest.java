package dev.stepsolver.emulator.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stepsolver.emulator.LocalEmulator;
import dev.stepsolver.emulator.time.ManualClock;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The unmodified AWS CLI (botocore serializes differently from the Java SDK, and speaks CBOR to
 * CloudWatch) against the emulator. Skipped when {@code aws} is not on the PATH.
 */
class AwsCliTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static LocalEmulator emulator;
    private static Path aws;

    @TempDir
    Path work;

    @BeforeAll
    static void start() {
        aws = findOnPath("aws");
        assumeTrue(aws != null, "the AWS CLI (aws) is not on the PATH");
        // A clock that stands still: the alarm test reads the state before any evaluation, however slow the CLI is.
        emulator = LocalEmulator.builder().port(0).clock(new ManualClock(Instant.now())).build().start();
    }

    @AfterAll
    static void stop() {
        if (emulator != null) {
            emulator.close();
        }
    }

    private static Path findOnPath(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    private record Result(int exitCode, String out, String err) {
        JsonNode json() throws Exception {
            return JSON.readTree(out);
        }
    }

    private Result aws(String... arguments) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(aws.toString());
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile());
        Map<String, String> env = builder.environment();
        env.put("AWS_ENDPOINT_URL", emulator.endpoint().toString());
        env.put("AWS_ACCESS_KEY_ID", "test");
        env.put("AWS_SECRET_ACCESS_KEY", "test");
        env.put("AWS_DEFAULT_REGION", "us-east-1");
        env.put("AWS_CONFIG_FILE", work.resolve("no-config").toString());
        env.put("AWS_SHARED_CREDENTIALS_FILE", work.resolve("no-credentials").toString());
        env.put("AWS_PAGER", "");
        env.remove("AWS_PROFILE");
        Path out = work.resolve("out.txt");
        Path err = work.resolve("err.txt");
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("aws " + String.join(" ", arguments) + " did not finish");
        }
        return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
    }

    @Test
    void stsGetCallerIdentityReturnsTheAccount() throws Exception {
        Result result = aws("sts", "get-caller-identity", "--output", "json");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.json().get("Account").asText()).isEqualTo("000000000000");
    }

    @Test
    void s3MakeBucketCopyAndListWork() throws Exception {
        Path file = work.resolve("report.txt");
        Files.writeString(file, "hello from the cli", StandardCharsets.UTF_8);

        Result mb = aws("s3", "mb", "s3://cli-bucket");
        Result cp = aws("s3", "cp", file.toString(), "s3://cli-bucket/reports/report.txt");
        Result ls = aws("s3", "ls", "s3://cli-bucket/reports/");
        Result back = aws("s3", "cp", "s3://cli-bucket/reports/report.txt", work.resolve("back.txt").toString());

        assertThat(mb.exitCode()).as(mb.err()).isZero();
        assertThat(cp.exitCode()).as(cp.err()).isZero();
        assertThat(ls.out()).contains("report.txt").contains("18");
        assertThat(back.exitCode()).as(back.err()).isZero();
        assertThat(Files.readString(work.resolve("back.txt"))).isEqualTo("hello from the cli");
    }

    @Test
    void s3ReportsAMissingBucket() throws Exception {
        Result ls = aws("s3", "ls", "s3://no-such-cli-bucket");

        assertThat(ls.exitCode()).isNotZero();
        assertThat(ls.err()).contains("NoSuchBucket");
    }

    @Test
    void codeDeployApplicationsGroupsAndDeploymentsWork() throws Exception {
        Result app = aws("deploy", "create-application", "--application-name", "cli-app", "--compute-platform",
                "Lambda", "--output", "json");
        Result group = aws("deploy", "create-deployment-group", "--application-name", "cli-app",
                "--deployment-group-name", "cli-group", "--service-role-arn", "arn:aws:iam::000000000000:role/cd",
                "--deployment-config-name", "CodeDeployDefault.LambdaCanary10Percent5Minutes", "--output", "json");
        Result deployment = aws("deploy", "create-deployment", "--application-name", "cli-app",
                "--deployment-group-name", "cli-group", "--revision", "{\"revisionType\":\"AppSpecContent\","
                        + "\"appSpecContent\":{\"content\":\"version: 0.0\"}}", "--output", "json");
        String id = deployment.json().get("deploymentId").asText();
        Result info = aws("deploy", "get-deployment", "--deployment-id", id, "--output", "json");
        Result missing = aws("deploy", "get-application", "--application-name", "no-such-app");

        assertThat(app.exitCode()).as(app.err()).isZero();
        assertThat(group.exitCode()).as(group.err()).isZero();
        assertThat(id).matches("d-[A-Z0-9]{9}");
        assertThat(info.exitCode()).as(info.err()).isZero();
        assertThat(info.json().get("deploymentInfo").get("deploymentGroupName").asText()).isEqualTo("cli-group");
        assertThat(info.json().get("deploymentInfo").get("createTime").asText()).isNotBlank();
        assertThat(missing.exitCode()).isNotZero();
        assertThat(missing.err()).contains("ApplicationDoesNotExistException")
                .contains("No application found for name: no-such-app");
    }

    @Test
    void ssmPutAndGetParameterWork() throws Exception {
        Result put = aws("ssm", "put-parameter", "--name", "/cli/secret", "--value", "s3cr3t", "--type",
                "SecureString", "--output", "json");
        Result get = aws("ssm", "get-parameter", "--name", "/cli/secret", "--with-decryption", "--output", "json");
        Result missing = aws("ssm", "get-parameter", "--name", "/cli/missing");

        assertThat(put.exitCode()).as(put.err()).isZero();
        assertThat(get.json().get("Parameter").get("Value").asText()).isEqualTo("s3cr3t");
        assertThat(missing.exitCode()).isNotZero();
        assertThat(missing.err()).contains("ParameterNotFound");
    }

    @Test
    void cloudWatchMetricsAndAlarmsWorkOverCbor() throws Exception {
        Result put = aws("cloudwatch", "put-metric-data", "--namespace", "Cli", "--metric-name", "Errors",
                "--value", "3");
        Result alarm = aws("cloudwatch", "put-metric-alarm", "--alarm-name", "cli-alarm", "--namespace", "Cli",
                "--metric-name", "Errors", "--statistic", "Sum", "--period", "60", "--evaluation-periods", "1",
                "--threshold", "1", "--comparison-operator", "GreaterThanThreshold");
        Result describe = aws("cloudwatch", "describe-alarms", "--alarm-names", "cli-alarm", "--output", "json");
        Result setMissing = aws("cloudwatch", "set-alarm-state", "--alarm-name", "no-such-alarm", "--state-value",
                "OK", "--state-reason", "x");

        assertThat(put.exitCode()).as(put.err()).isZero();
        assertThat(alarm.exitCode()).as(alarm.err()).isZero();
        JsonNode described = describe.json().get("MetricAlarms").get(0);
        assertThat(described.get("AlarmName").asText()).isEqualTo("cli-alarm");
        assertThat(described.get("StateValue").asText()).isEqualTo("INSUFFICIENT_DATA");
        assertThat(described.get("StateUpdatedTimestamp").asText()).isNotBlank();
        assertThat(setMissing.exitCode()).isNotZero();
        assertThat(setMissing.err()).contains("ResourceNotFound").contains("Alarm no-such-alarm not found");
    }
}
