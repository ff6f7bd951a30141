package dev.stepsolver.pipeline.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StageUrlTest {

    @Test
    void withAnEndpointOverrideTheUrlIsTheEmulatorsExecuteApiPath() {
        URI url = StageUrl.of("a1b2c3", "beta", Map.of("AWS_ENDPOINT_URL", "http://127.0.0.1:4566/"), Optional.of("us-east-1"));

        assertThat(url).hasToString("http://127.0.0.1:4566/_aws/execute-api/a1b2c3/beta/");
    }

    @Test
    void withoutAnEndpointOverrideTheUrlIsAwsExecuteApiHost() {
        URI url = StageUrl.of("a1b2c3", "prod", Map.of(), Optional.of("eu-west-1"));

        assertThat(url).hasToString("https://a1b2c3.execute-api.eu-west-1.amazonaws.com/prod/");
    }

    @Test
    void withoutAnEndpointOrARegionTheErrorSaysWhatToSet() {
        assertThatThrownBy(() -> StageUrl.of("a1b2c3", "prod", Map.of(), Optional.empty()))
                .hasMessageContaining("AWS_REGION");
    }
}
