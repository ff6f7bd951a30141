package dev.stepsolver.pipeline.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ssm.model.ParameterType;

class ApiKeysTest {

    private final FakeApiKeyStore aws = new FakeApiKeyStore();

    @Test
    void theGeneratedKeyIsCopiedIntoASecureString() throws Exception {
        aws.keys.put("k1", "generated-value-123");

        ApiKeys.copyToSsm(aws.apiGateway, aws.ssm, "k1", "/stepsolver/api-key");

        assertThat(aws.parameters.get("/stepsolver/api-key").type()).isEqualTo(ParameterType.SECURE_STRING);
        assertThat(aws.parameters.get("/stepsolver/api-key").value()).isEqualTo("generated-value-123");
    }

    @Test
    void copyingAgainOverwritesTheParameter() throws Exception {
        aws.keys.put("k1", "one");
        ApiKeys.copyToSsm(aws.apiGateway, aws.ssm, "k1", "/p");
        aws.keys.put("k1", "two");

        ApiKeys.copyToSsm(aws.apiGateway, aws.ssm, "k1", "/p");

        assertThat(ApiKeys.read(aws.ssm, "/p")).isEqualTo("two");
    }

    @Test
    void readingDecryptsTheSecureString() throws Exception {
        aws.keys.put("k1", "plain");
        ApiKeys.copyToSsm(aws.apiGateway, aws.ssm, "k1", "/p");

        assertThat(ApiKeys.read(aws.ssm, "/p")).isEqualTo("plain");
    }

    @Test
    void anUnknownKeyIsAClearError() {
        assertThatThrownBy(() -> ApiKeys.copyToSsm(aws.apiGateway, aws.ssm, "nope", "/p"))
                .isInstanceOf(ApiKeys.ApiKeyException.class).hasMessageContaining("GetApiKey nope");
    }

    @Test
    void aMissingParameterIsAClearError() {
        assertThatThrownBy(() -> ApiKeys.read(aws.ssm, "/missing"))
                .isInstanceOf(ApiKeys.ApiKeyException.class).hasMessageContaining("GetParameter /missing");
    }
}
