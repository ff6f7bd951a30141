package dev.stepsolver.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The contract's CORS headers are on every response, and preflights are answered. */
class CorsTest {

    private final Invocations invocations = new Invocations();

    @Test
    void aRestPreflightIsA204AllowingTheMethodsAndHeadersClientsSend() throws IOException {
        var response = invocations.invoke(Events.rest("OPTIONS", null));

        assertThat(response.status()).isEqualTo(204);
        assertThat(response.body()).isEmpty();
        assertThat(response.headers())
                .containsEntry("Access-Control-Allow-Origin", "*")
                .containsEntry("Access-Control-Allow-Credentials", "true")
                .containsEntry("Access-Control-Allow-Methods", "GET, POST, OPTIONS")
                .containsEntry("Access-Control-Max-Age", "600")
                .doesNotContainKey("Content-Type");
        assertThat(response.headers().get("Access-Control-Allow-Headers")).contains("Content-Type", "X-Api-Key");
    }

    @Test
    void anHttpApiPreflightIsAnsweredTheSameWay() throws IOException {
        var response = invocations.invoke(Events.httpApi("OPTIONS", null));

        assertThat(response.status()).isEqualTo(204);
        assertThat(response.headers()).containsEntry("Access-Control-Allow-Methods", "GET, POST, OPTIONS");
    }

    static Stream<Arguments> everyKindOfResponse() {
        return Stream.of(
                Arguments.of("solved", Events.bytes(Events.rest("POST", "7x = 21"))),
                Arguments.of("solved, JSON", Events.bytes(Events.rest("POST", "{\"equation\": \"7x = 21\"}"))),
                Arguments.of("invalid equation", Events.bytes(Events.rest("POST", "x = = 1"))),
                Arguments.of("invalid equation, JSON", Events.bytes(Events.rest("POST", "{\"equation\": \"x = = 1\"}"))),
                Arguments.of("missing equation", Events.bytes(Events.rest("POST", null))),
                Arguments.of("too large", Events.bytes(Events.rest("POST", "1".repeat(40_000)))),
                Arguments.of("method not allowed", Events.bytes(Events.rest("PUT", "x = 1"))),
                Arguments.of("preflight", Events.bytes(Events.httpApi("OPTIONS", null))),
                Arguments.of("malformed event", "{".getBytes(StandardCharsets.UTF_8)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyKindOfResponse")
    void everyResponseCarriesTheCorsHeaders(String kind, byte[] event) throws IOException {
        var response = invocations.invoke(event);

        assertThat(response.headers())
                .containsEntry("Access-Control-Allow-Origin", "*")
                .containsEntry("Access-Control-Allow-Credentials", "true");
    }

    @Test
    void aFaultResponseCarriesTheCorsHeadersToo() throws IOException {
        var faulty = new Invocations((equation, options) -> {
            throw new IllegalStateException("bug");
        });

        var response = faulty.invoke(Events.rest("POST", "7x = 21"));

        assertThat(response.status()).isEqualTo(500);
        assertThat(response.headers()).containsEntry("Access-Control-Allow-Origin", "*");
    }
}
