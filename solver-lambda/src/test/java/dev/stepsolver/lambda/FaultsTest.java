package dev.stepsolver.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.junit.jupiter.api.Test;

/** Faults in the solver or the runtime's streams: a clean 500 or nothing at all, never an exception or a trace. */
class FaultsTest {

    private final Invocations faulty = new Invocations((equation, options) -> {
        throw new IllegalStateException("solver bug at dev.stepsolver.solver.Internal");
    });

    @Test
    void aSolverFaultIsA500WithTheRequestIdAndNothingElse() throws IOException {
        var response = faulty.invoke(Events.rest("POST", "7x = 21"));

        assertThat(response.status()).isEqualTo(500);
        assertThat(response.body()).isEqualTo("Internal error; request id req-1");
    }

    @Test
    void aSolverFaultInAJsonRequestIsAJson500() throws IOException {
        var response = faulty.invoke(Events.rest("POST", "{\"equation\": \"7x = 21\"}"));

        assertThat(response.status()).isEqualTo(500);
        assertThat(response.json().path("message").asText()).isEqualTo("Internal error");
        assertThat(response.json().path("requestId").asText()).isEqualTo("req-1");
    }

    @Test
    void aStackOverflowInTheSolverIsA500() throws IOException {
        var overflowing = new Invocations((equation, options) -> {
            throw new StackOverflowError();
        });

        var response = overflowing.invoke(Events.httpApi("POST", "7x = 21"));

        assertThat(response.status()).isEqualTo(500);
    }

    @Test
    void theFaultIsLoggedAsAnErrorWithItsClassAndMessage() throws IOException {
        var response = faulty.invoke(Events.rest("POST", "7x = 21"));

        JsonNode log = Events.MAPPER.readTree(response.context().lines().get(0));
        assertThat(log.path("level").asText()).isEqualTo("ERROR");
        assertThat(log.path("outcome").asText()).isEqualTo("internal_error");
        assertThat(log.path("detail").asText())
                .isEqualTo("java.lang.IllegalStateException: solver bug at dev.stepsolver.solver.Internal");
    }

    @Test
    void anUnreadableInputStreamIsA500NotAnException() throws IOException {
        var invocations = new Invocations();
        var context = new FakeContext("req-2");
        var out = new java.io.ByteArrayOutputStream();
        InputStream broken = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("connection reset");
            }
        };

        invocations.handler.handleRequest(broken, out, context);

        JsonNode response = Events.MAPPER.readTree(out.toByteArray());
        assertThat(response.path("statusCode").asInt()).isEqualTo(500);
        assertThat(response.path("body").asText()).isEqualTo("Internal error; request id req-2");
    }

    @Test
    void anUnwritableOutputStreamThrowsNothingAndIsLogged() {
        var invocations = new Invocations();
        var context = new FakeContext("req-3");
        OutputStream broken = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("closed");
            }
        };

        assertThatCode(() -> invocations.handler.handleRequest(
                new ByteArrayInputStream(Events.bytes(Events.rest("POST", "7x = 21"))), broken, context))
                .doesNotThrowAnyException();
        assertThat(context.lines().get(0)).contains("response not written: IOException");
    }

    @Test
    void aMissingContextStillGetsAnAnswerAndLogsToStandardOutput() throws IOException {
        var invocations = new Invocations();
        var out = new java.io.ByteArrayOutputStream();

        invocations.handler.handleRequest(new ByteArrayInputStream(Events.bytes(Events.rest("POST", "7x = 21"))), out, null);

        assertThat(Events.MAPPER.readTree(out.toByteArray()).path("statusCode").asInt()).isEqualTo(200);
        assertThat(invocations.stdout.toString()).contains("\"requestId\":\"unknown\"").contains("\"outcome\":\"solved\"");
    }
}
