package dev.stepsolver.emulator.codedeploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;

class AppSpecsTest {

    private static String resource(String name) throws IOException {
        try (InputStream in = AppSpecsTest.class.getResourceAsStream("/codedeploy/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void theProjectsAppSpecNamesTheFunctionAliasAndBothVersions() throws Exception {
        AppSpec spec = AppSpecs.parse(resource("appspec.yml"));

        assertThat(spec).isEqualTo(new AppSpec("solver", "stepsolver-solver", "prod", "3", "4", Map.of()));
    }

    @Test
    void aJsonAppSpecReadsTheSameAsYaml() throws Exception {
        String json = """
                {"version": 0.0, "Resources": [{"fn": {"Type": "AWS::Lambda::Function",
                  "Properties": {"Name": "f", "Alias": "live", "CurrentVersion": 1, "TargetVersion": 2}}}],
                 "Hooks": [{"BeforeAllowTraffic": "pre"}, {"AfterAllowTraffic": "post"}]}""";

        AppSpec spec = AppSpecs.parse(json);

        assertThat(spec.currentVersion()).isEqualTo("1");
        assertThat(spec.targetVersion()).isEqualTo("2");
        assertThat(spec.hooks()).isEqualTo(Map.of("BeforeAllowTraffic", "pre", "AfterAllowTraffic", "post"));
    }

    @Test
    void keysAreMatchedWithoutRegardToCaseAsCodeDeployDoes() throws Exception {
        String yaml = """
                version: 0.0
                resources:
                  - foo:
                      type: AWS::Lambda::Function
                      properties:
                        name: foo
                        alias: production
                        currentversion: 6
                        targetversion: 7
                hooks:
                  - beforeallowtraffic: check
                """;

        AppSpec spec = AppSpecs.parse(yaml);

        assertThat(spec.alias()).isEqualTo("production");
        assertThat(spec.hook("BeforeAllowTraffic")).contains("check");
    }

    @Test
    void aMissingPropertyIsAnInvalidLambdaConfiguration() {
        String yaml = """
                version: 0.0
                Resources:
                  - fn:
                      Type: AWS::Lambda::Function
                      Properties: {Name: f, Alias: live, CurrentVersion: 1}
                """;

        assertThatThrownBy(() -> AppSpecs.parse(yaml)).isInstanceOfSatisfying(InvalidAppSpecException.class, e -> {
            assertThat(e.error().code()).isEqualTo("INVALID_LAMBDA_CONFIGURATION");
            assertThat(e.error().message()).startsWith(AppSpecs.INVALID).endsWith("has no TargetVersion.");
        });
    }

    @Test
    void anUnknownHookIsRefused() {
        String yaml = """
                version: 0.0
                Resources:
                  - fn: {Type: AWS::Lambda::Function, Properties: {Name: f, Alias: a, CurrentVersion: 1, TargetVersion: 2}}
                Hooks:
                  - BeforeInstall: x
                """;

        assertThatThrownBy(() -> AppSpecs.parse(yaml)).isInstanceOf(InvalidAppSpecException.class)
                .hasMessageContaining("BeforeInstall");
    }

    @Test
    void anotherResourceTypeIsRefused() {
        String yaml = """
                version: 0.0
                Resources:
                  - svc: {Type: AWS::ECS::Service, Properties: {TaskDefinition: t}}
                """;

        assertThatThrownBy(() -> AppSpecs.parse(yaml)).isInstanceOf(InvalidAppSpecException.class)
                .hasMessageContaining("AWS::ECS::Service");
    }

    @Test
    void brokenYamlIsReportedNotThrown() {
        assertThatThrownBy(() -> AppSpecs.parse("version: 0.0\nResources: [unclosed"))
                .isInstanceOf(InvalidAppSpecException.class).hasMessageContaining("not valid YAML");
    }

    @Test
    void theAppSpecIsFoundAtTheRootOfAZip() throws Exception {
        byte[] zip = zip(Map.of("nested/appspec.yaml", "wrong", "appspec.yaml", "right"));

        assertThat(AppSpecs.findInZip(zip)).contains("right");
    }

    @Test
    void aZipWithoutAnAppSpecHasNone() throws Exception {
        assertThat(AppSpecs.findInZip(zip(Map.of("README.md", "hello")))).isEmpty();
        assertThat(AppSpecs.findInZip("not a zip".getBytes(StandardCharsets.UTF_8))).isEmpty();
    }

    static byte[] zip(Map<String, String> files) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, String> file : files.entrySet()) {
                out.putNextEntry(new ZipEntry(file.getKey()));
                out.write(file.getValue().getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
        return bytes.toByteArray();
    }
}
