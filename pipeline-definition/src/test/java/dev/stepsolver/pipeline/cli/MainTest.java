package dev.stepsolver.pipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ssm.model.ParameterType;

/** The commands as the buildspecs run them, against the SDK contracts (fakes) and a stand-in stage. */
class MainTest {

    private final FakeServices services = new FakeServices();
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @TempDir
    Path dir;

    private int run(String... args) {
        return Main.run(services, new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    private Path appSpecTemplate() throws Exception {
        Path template = dir.resolve("appspec.yml");
        Files.writeString(template, Files.readString(Path.of("..", "appspec.yml")));
        return template;
    }

    @Test
    void synthWritesTheTemplateAndThePipeline() {
        int code = run("synth", "--out-dir", dir.resolve("out").toString());

        assertThat(code).isZero();
        assertThat(dir.resolve("out/template.json")).exists();
        assertThat(dir.resolve("out/pipeline.json")).exists();
    }

    @Test
    void compactSynthFitsCloudFormationsInlineLimit() throws Exception {
        run("synth", "--compact", "--out-dir", dir.toString());

        assertThat(Files.size(dir.resolve("template.json"))).isLessThan(51_200);
    }

    @Test
    void validatePassesOnTheRepository() {
        int code = run("validate", "--repo-root", "..");

        assertThat(code).as(out.toString()).isZero();
        assertThat(out.toString()).contains("valid");
    }

    @Test
    void validateFailsWithOneLinePerProblem() throws Exception {
        Path pipeline = dir.resolve("pipeline.json");
        run("synth", "--out-dir", dir.toString());
        Files.writeString(pipeline, Files.readString(pipeline).replace("\"ProjectName\": \"stepsolver-build\"", "\"Project\": \"x\""));

        int code = run("validate", "--skip-repository", "--pipeline-json", pipeline.toString());

        assertThat(code).isEqualTo(1);
        assertThat(out.toString()).contains("stage 'Build' action 'Build' key 'ProjectName': CodeBuild requires configuration key 'ProjectName'");
    }

    @Test
    void publishWritesTheAppSpecAndPrintsOnlyTheTargetVersion() throws Exception {
        services.lambda.aliases.put("beta", "1");
        Path appSpec = dir.resolve("build-output/beta/appspec.yaml");

        int code = run("publish", "--function-name", "stepsolver-solver", "--alias", "beta", "--image-uri", "repo:abc",
                "--appspec-template", appSpecTemplate().toString(), "--appspec-out", appSpec.toString());

        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).isEqualTo("2\n");
        assertThat(Files.readString(appSpec)).contains("Name: stepsolver-solver", "Alias: beta", "CurrentVersion: '1'",
                "TargetVersion: '2'");
    }

    @Test
    void publishForProdTakesTheVersionTheBuildPublished() throws Exception {
        services.lambda.versions.add("2");
        services.lambda.aliases.put("prod", "1");
        Path appSpec = dir.resolve("prod/appspec.yaml");

        int code = run("publish", "--function-name", "stepsolver-solver", "--alias", "prod", "--version", "2",
                "--appspec-template", appSpecTemplate().toString(), "--appspec-out", appSpec.toString());

        assertThat(code).isZero();
        assertThat(Files.readString(appSpec)).contains("Alias: prod", "CurrentVersion: '1'", "TargetVersion: '2'");
        assertThat(services.lambda.calls).noneMatch(c -> c.startsWith("UpdateFunctionCode"));
    }

    @Test
    void publishWithABadAppSpecTemplateChangesNothing() throws Exception {
        Path template = dir.resolve("appspec.yml");
        Files.writeString(template, "version: 0.0\nResources: []\n");

        int code = run("publish", "--function-name", "stepsolver-solver", "--alias", "beta", "--image-uri", "repo:abc",
                "--appspec-template", template.toString(), "--appspec-out", dir.resolve("a.yaml").toString());

        assertThat(code).isEqualTo(1);
        assertThat(err.toString()).startsWith("error: ").doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(services.lambda.calls).isEmpty();
    }

    @Test
    void publishHelpIsHelpAndVersionIsTheLambdaVersion() {
        int code = run("publish", "--help");

        assertThat(code).isZero();
        assertThat(out.toString()).contains("--version=<version>").contains("A version already published");
    }

    @Test
    void publishNeedsEitherAnImageOrAVersion() {
        int code = run("publish", "--function-name", "f", "--alias", "beta", "--appspec-out", "x");

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("--image-uri").contains("--version");
    }

    @Test
    void integrationTestPassesAgainstAStageThatKeepsTheContract() throws Exception {
        services.keys.ssm.putParameter(r -> r.name("/stepsolver/api-key").type(ParameterType.SECURE_STRING).value("k-1"));
        Path cases = dir.resolve("cases.json");
        Files.writeString(cases, "[{\"description\":\"d\",\"equation\":\"x = 1\",\"solution\":[\"x = 1\"]}]");
        HttpServer stage = stage(Map.of("x = 1", "[\"x = 1\"]"));
        try {
            services.environment.put("AWS_ENDPOINT_URL", "http://127.0.0.1:" + stage.getAddress().getPort());

            int code = run("integration-test", "--cases", cases.toString(), "--rest-api-id", "api1", "--stage", "beta",
                    "--api-key-parameter", "/stepsolver/api-key", "--report", dir.resolve("r/report.xml").toString());

            assertThat(code).as(out.toString() + err).isZero();
            assertThat(out.toString()).contains("/_aws/execute-api/api1/beta/").contains("1 passed, 0 failed");
            assertThat(dir.resolve("r/report.xml")).exists();
        } finally {
            stage.stop(0);
        }
    }

    @Test
    void integrationTestExitsNonZeroWhenACaseFails() throws Exception {
        services.keys.ssm.putParameter(r -> r.name("/k").type(ParameterType.SECURE_STRING).value("k-1"));
        Path cases = dir.resolve("cases.json");
        Files.writeString(cases, "[{\"description\":\"d\",\"equation\":\"x = 1\",\"solution\":[\"x = 2\"]}]");
        HttpServer stage = stage(Map.of("x = 1", "[\"x = 1\"]"));
        try {
            int code = run("integration-test", "--cases", cases.toString(), "--url",
                    "http://127.0.0.1:" + stage.getAddress().getPort() + "/beta/", "--api-key-parameter", "/k",
                    "--report", dir.resolve("report.xml").toString());

            assertThat(code).isEqualTo(1);
            assertThat(out.toString()).contains("0 passed, 1 failed");
            assertThat(Files.readString(dir.resolve("report.xml"))).contains("failures=\"1\"");
        } finally {
            stage.stop(0);
        }
    }

    @Test
    void integrationTestWithoutTheApiKeyParameterFailsClearly() throws Exception {
        Path cases = dir.resolve("cases.json");
        Files.writeString(cases, "[{\"description\":\"d\",\"equation\":\"x = 1\",\"solution\":[\"x = 1\"]}]");

        int code = run("integration-test", "--cases", cases.toString(), "--url", "http://127.0.0.1:9/beta/",
                "--api-key-parameter", "/missing");

        assertThat(code).isEqualTo(1);
        assertThat(err.toString()).contains("SSM GetParameter /missing failed");
    }

    @Test
    void ecrLoginWritesTheDockerConfigEntryJibReads() throws Exception {
        Path config = dir.resolve("docker/config.json");

        int code = run("ecr-login", "--docker-config", config.toString(), "--repository-uri", "localhost:4566/stepsolver-solver");

        assertThat(code).isZero();
        var auths = new ObjectMapper().readTree(config.toFile()).path("auths");
        assertThat(auths.has("123456789012.dkr.ecr.us-east-1.amazonaws.com")).isTrue();
        assertThat(auths.has("localhost:4566")).isTrue();
    }

    @Test
    void ecrLoginCanPrintThePasswordInstead() {
        int code = run("ecr-login", "--print-password");

        assertThat(code).isZero();
        assertThat(out.toString()).isEqualTo("pw\n");
    }

    @Test
    void apiStageDeploymentPrintsTheDeploymentTheStageServes() {
        services.keys.stageDeployments.put("api1/prod", "dep42");

        int code = run("api-stage-deployment", "--rest-api-id", "api1", "--stage", "prod");

        assertThat(code).isZero();
        assertThat(out.toString()).isEqualTo("dep42\n");
    }

    @Test
    void deployCreatesTheStackAndCopiesTheApiKey() throws Exception {
        services.keys.keys.put("key1", "secret-value");
        services.cloudFormation.nextOperation(Map.of("ApiKeyId", "key1", "ApiKeyParameterName", "/stepsolver/api-key"),
                "CREATE_IN_PROGRESS", "CREATE_COMPLETE");

        int code = run("deploy", "--parameter", "ImageUri=repo:1", "--poll", "PT1S");

        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).contains("creating stack stepsolver").contains("CREATE_COMPLETE");
        assertThat(services.keys.parameters.get("/stepsolver/api-key").value()).isEqualTo("secret-value");
    }

    @Test
    void deployOfAStackThatRollsBackExitsNonZero() {
        services.cloudFormation.nextOperation(Map.of(), "ROLLBACK_IN_PROGRESS", "ROLLBACK_COMPLETE");

        int code = run("deploy", "--parameter", "ImageUri=repo:1");

        assertThat(code).isEqualTo(1);
        assertThat(err.toString()).contains("ROLLBACK_COMPLETE");
    }

    @Test
    void aBadParameterIsAUsageErrorNotAStackTrace() {
        int code = run("deploy", "--parameter", "no-equals-sign");

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("KEY=VALUE").doesNotContain("\tat ");
    }

    @Test
    void bootstrapWithAnImageGivenDeploysTheStackAndStoresTheKey() {
        services.keys.keys.put("key1", "secret-value");
        services.cloudFormation.nextOperation(Map.of("ApiKeyId", "key1", "RepositoryUri", "r"), "CREATE_COMPLETE");

        int code = run("bootstrap", "--image-uri", "r:given", "--base-image", "scratch", "--poll", "PT1S");

        assertThat(code).as(err.toString()).isZero();
        assertThat(services.keys.parameters.get("/stepsolver/api-key").value()).isEqualTo("secret-value");
        assertThat(out.toString()).contains("bootstrap done");
    }

    @Test
    void aModelFileRenamesWhatSynthWrites() throws Exception {
        Path model = dir.resolve("model.yaml");
        Files.writeString(model, "prefix: acme\nfunction:\n  memoryMb: 2048\n");

        run("synth", "--model", model.toString(), "--out-dir", dir.toString());

        assertThat(Files.readString(dir.resolve("template.json"))).contains("\"FunctionName\": \"acme-solver\"")
                .contains("\"MemorySize\": 2048");
    }

    @Test
    void synthRefusesAModelThatBreaksARule() throws Exception {
        Path model = dir.resolve("model.yaml");
        Files.writeString(model, "pipeline:\n  stages:\n    build: Source\n");

        int code = run("synth", "--model", model.toString(), "--out-dir", dir.resolve("out").toString());

        assertThat(code).isEqualTo(1);
        assertThat(err.toString()).contains("the model does not validate").contains("[unique-stage-names]");
        assertThat(dir.resolve("out")).doesNotExist();
    }

    @Test
    void deployRefusesATemplateThatBreaksARuleBeforeCallingAws() throws Exception {
        Path template = dir.resolve("t.json");
        Files.writeString(template, "{\"Resources\": {\"K\": {\"Type\": \"AWS::ApiGateway::ApiKey\", \"Properties\": {\"Value\": \"literal\"}}}}");

        int code = run("deploy", "--template", template.toString());

        assertThat(code).isEqualTo(1);
        assertThat(err.toString()).contains("[api-key-not-literal]");
        assertThat(services.cloudFormation.requests).isEmpty();
    }

    @Test
    void anUnknownModelKeyIsNamed() throws Exception {
        Path model = dir.resolve("model.yaml");
        Files.writeString(model, "function:\n  memory: 2048\n");

        int code = run("synth", "--model", model.toString(), "--out-dir", dir.toString());

        assertThat(code).isEqualTo(1);
        assertThat(err.toString()).contains("unknown model key 'function.memory'");
    }

    private static HttpServer stage(Map<String, String> answers) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            boolean keyed = "k-1".equals(exchange.getRequestHeaders().getFirst("x-api-key"));
            String answer = keyed ? answers.getOrDefault(body, "\"unknown\"") : "{\"message\":\"Forbidden\"}";
            byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(keyed ? 200 : 403, bytes.length);
            try (OutputStream o = exchange.getResponseBody()) {
                o.write(bytes);
            }
        });
        server.start();
        return server;
    }
}
