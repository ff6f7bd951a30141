package dev.stepsolver.pipeline.ecr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EcrLoginTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void theTokenDecodesToUserAndPasswordForTheRegistryHost() throws Exception {
        RegistryCredentials credentials = new EcrLogin(FakeEcr.issuing("s3cr3t:with:colons",
                "https://123456789012.dkr.ecr.eu-west-1.amazonaws.com")).credentials();

        assertThat(credentials).isEqualTo(new RegistryCredentials("123456789012.dkr.ecr.eu-west-1.amazonaws.com", "AWS",
                "s3cr3t:with:colons"));
    }

    @Test
    void aLocalRegistryKeepsItsPort() throws Exception {
        RegistryCredentials credentials = new EcrLogin(FakeEcr.issuing("pw", "http://127.0.0.1:4566")).credentials();

        assertThat(credentials.registry()).isEqualTo("127.0.0.1:4566");
    }

    @Test
    void aTokenThatIsNotBase64IsAClearError() {
        assertThatThrownBy(() -> new EcrLogin(new FakeEcr("%%%", "https://r")).credentials())
                .isInstanceOf(EcrLogin.EcrLoginException.class).hasMessageContaining("not base64");
    }

    @Test
    void theRegistryHostOfARepositoryUriIsItsAuthority() {
        assertThat(EcrLogin.registryHost("123456789012.dkr.ecr.us-east-1.amazonaws.com/stepsolver-solver"))
                .isEqualTo("123456789012.dkr.ecr.us-east-1.amazonaws.com");
        assertThat(EcrLogin.registryHost("localhost:4566/stepsolver-solver")).isEqualTo("localhost:4566");
    }

    @Test
    void theDockerConfigGetsAnAuthEntryPerHostAndKeepsTheRest(@TempDir Path dir) throws Exception {
        Path config = dir.resolve(".docker/config.json");
        Files.createDirectories(config.getParent());
        Files.writeString(config, "{\"auths\":{\"ghcr.io\":{\"auth\":\"eA==\"}},\"credsStore\":\"none\"}");

        DockerConfig.write(config, new RegistryCredentials("r.example:443", "AWS", "pw"), List.of("r.example:443", "alias.example"));

        JsonNode written = MAPPER.readTree(config.toFile());
        String auth = Base64.getEncoder().encodeToString("AWS:pw".getBytes(StandardCharsets.UTF_8));
        assertThat(written.path("auths").path("r.example:443").path("auth").asText()).isEqualTo(auth);
        assertThat(written.path("auths").path("alias.example").path("auth").asText()).isEqualTo(auth);
        assertThat(written.path("auths").path("ghcr.io").path("auth").asText()).isEqualTo("eA==");
        assertThat(written.path("credsStore").asText()).isEqualTo("none");
    }

    @Test
    void theDockerConfigIsReadableByItsOwnerOnly(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("config.json");

        DockerConfig.write(config, new RegistryCredentials("r", "AWS", "pw"), List.of("r"));

        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(config))).isEqualTo("rw-------");
    }

    @Test
    void aDockerConfigThatIsNotAnObjectIsLeftAlone(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("config.json");
        Files.writeString(config, "[1,2]");

        assertThatThrownBy(() -> DockerConfig.write(config, new RegistryCredentials("r", "AWS", "pw"), List.of("r")))
                .hasMessageContaining("not a JSON object");
        assertThat(config).hasContent("[1,2]");
    }
}
