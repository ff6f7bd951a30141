package dev.stepsolver.emulator.apigateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What a Lambda proxy integration may return, and what makes API Gateway answer 502. */
class ProxyResponseTest {

    private static ProxyResponse parse(String json) throws ProxyResponse.Malformed {
        return ProxyResponse.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aFullResponseGivesStatusHeadersAndBody() throws Exception {
        ProxyResponse response = parse("{\"statusCode\":404,\"headers\":{\"A\":\"1\",\"B\":true},"
                + "\"multiValueHeaders\":{\"C\":[\"x\",\"y\"]},\"body\":\"nope\",\"isBase64Encoded\":false}");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers()).containsEntry("A", List.of("1")).containsEntry("B", List.of("true"))
                .containsEntry("C", List.of("x", "y"));
        assertThat(response.body()).hasValue("nope");
        assertThat(response.base64()).isFalse();
    }

    @Test
    void anEmptyObjectIsAnEmpty200() throws Exception {
        ProxyResponse response = parse("{}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEmpty();
    }

    @Test
    void aNumericStringStatusCodeIsAccepted() throws Exception {
        assertThat(parse("{\"statusCode\":\"302\"}").statusCode()).isEqualTo(302);
    }

    @Test
    void multiValueHeadersReplaceSingleHeadersOfTheSameName() throws Exception {
        ProxyResponse response = parse("{\"headers\":{\"Set-Cookie\":\"a\"},"
                + "\"multiValueHeaders\":{\"set-cookie\":[\"b\",\"c\"]}}");

        assertThat(response.headers()).containsOnlyKeys("set-cookie");
        assertThat(response.headers().get("set-cookie")).containsExactly("b", "c");
    }

    @Test
    void nullMembersAreAbsentMembers() throws Exception {
        ProxyResponse response = parse("{\"statusCode\":200,\"headers\":null,\"multiValueHeaders\":null,"
                + "\"body\":null,\"isBase64Encoded\":null}");

        assertThat(response.headers()).isEmpty();
        assertThat(response.body()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"not json", "[1,2]", "\"text\"", "{\"statusCode\":200,\"extra\":1}",
        "{\"statusCode\":\"abc\"}", "{\"statusCode\":99}", "{\"headers\":{\"A\":1}}", "{\"headers\":[]}",
        "{\"body\":{\"a\":1}}", "{\"isBase64Encoded\":\"yes\"}",
        "{\"errorMessage\":\"boom\",\"errorType\":\"java.lang.IllegalStateException\"}"})
    void anythingElseIsMalformed(String payload) {
        assertThatThrownBy(() -> parse(payload)).isInstanceOf(ProxyResponse.Malformed.class);
    }
}
