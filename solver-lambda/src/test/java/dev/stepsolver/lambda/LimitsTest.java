package dev.stepsolver.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.Test;

/** The documented size limits: 413 past them, the solver's own 400 for long equations inside them. */
class LimitsTest {

    private final Invocations invocations = new Invocations();

    @Test
    void aBodyOverTheLimitIsA413() throws IOException {
        var response = invocations.invoke(Events.rest("POST", "x".repeat(RequestLimits.MAX_BODY_BYTES + 1)));

        assertThat(response.status()).isEqualTo(413);
        assertThat(response.body()).isEqualTo("The request is larger than the limit of 32768 bytes");
        assertThat(response.headers()).containsEntry("Access-Control-Allow-Origin", "*");
    }

    @Test
    void aBodyExactlyAtTheLimitIsRead() throws IOException {
        var response = invocations.invoke(Events.rest("POST", "x".repeat(RequestLimits.MAX_BODY_BYTES)));

        // read, then refused by the solver's own length bound
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).contains("Input too long");
    }

    @Test
    void aBodyOverTheLimitInMultiByteCharactersIsA413() throws IOException {
        // 11 000 characters, under the limit; 33 000 bytes of UTF-8, over it
        var response = invocations.invoke(Events.rest("POST", "√".repeat(11_000)));

        assertThat(response.status()).isEqualTo(413);
    }

    @Test
    void aBase64BodyThatDecodesOverTheLimitIsA413() throws IOException {
        var response = invocations.invoke(Events.base64(Events.rest("POST", "x".repeat(RequestLimits.MAX_BODY_BYTES + 1))));

        assertThat(response.status()).isEqualTo(413);
    }

    @Test
    void aQueryEquationOverTheLimitIsA413() throws IOException {
        var response = invocations.invoke(Events.query(Events.rest("GET", null), "equation",
                "1".repeat(RequestLimits.MAX_BODY_BYTES + 1)));

        assertThat(response.status()).isEqualTo(413);
    }

    @Test
    void anEventOverLambdasPayloadLimitIsA413WithoutBeingParsed() throws IOException {
        byte[] event = new byte[RequestLimits.MAX_EVENT_BYTES + 10];
        java.util.Arrays.fill(event, (byte) '[');

        var response = invocations.invoke(event);

        assertThat(response.status()).isEqualTo(413);
        assertThat(response.body()).isEqualTo("The event is larger than 6291456 bytes");
    }

    @Test
    void anEquationLongerThanTheSolverTakesIsTheSolversClassic400() throws IOException {
        String equation = "x + ".repeat(2_600) + "1 = 0";

        var response = invocations.invoke(Events.rest("POST", equation));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).startsWith("Equation: " + equation + "\n\nInput too long");
    }

    @Test
    void deeplyNestedJsonInTheEventIsRefusedNotOverflowed() throws IOException {
        byte[] event = ("{\"a\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}").getBytes();

        var response = invocations.invoke(event);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).contains("Malformed event");
    }
}
