package dev.stepsolver.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

/** Full events as API Gateway sends them are read, and answered in their own format. */
class PayloadFormatTest {

    private final Invocations invocations = new Invocations();

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = PayloadFormatTest.class.getResourceAsStream("/events/" + name)) {
            return in.readAllBytes();
        }
    }

    @Test
    void aFullRestApiEventIsSolved() throws IOException {
        var response = invocations.invoke(resource("rest-post.json"));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.array()).last().isEqualTo("x = 3");
    }

    @Test
    void aFullHttpApiEventIsSolved() throws IOException {
        var response = invocations.invoke(resource("httpapi-post.json"));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.array()).last().isEqualTo("x = 3");
    }

    @Test
    void aRestApiEventIsAnsweredWithTheFieldsOfAPayload1Response() throws IOException {
        var response = invocations.invoke(resource("rest-post.json"));

        assertThat(response.raw().properties()).extracting(java.util.Map.Entry::getKey)
                .containsExactlyInAnyOrder("statusCode", "headers", "body", "isBase64Encoded");
        APIGatewayProxyResponseEvent bound = Events.MAPPER.treeToValue(response.raw(), APIGatewayProxyResponseEvent.class);
        assertThat(bound.getStatusCode()).isEqualTo(200);
        assertThat(bound.getIsBase64Encoded()).isFalse();
    }

    @Test
    void anHttpApiEventIsAnsweredWithTheFieldsOfAPayload2Response() throws IOException {
        var response = invocations.invoke(resource("httpapi-post.json"));

        assertThat(response.raw().properties()).extracting(java.util.Map.Entry::getKey)
                .containsExactlyInAnyOrder("statusCode", "headers", "body", "isBase64Encoded");
        APIGatewayV2HTTPResponse bound = Events.MAPPER.treeToValue(response.raw(), APIGatewayV2HTTPResponse.class);
        assertThat(bound.getStatusCode()).isEqualTo(200);
        assertThat(bound.getHeaders()).containsEntry("Content-Type", "application/json");
    }

    @Test
    void theApiGatewayRequestIdIsLogged() throws IOException {
        var response = invocations.invoke(resource("rest-post.json"));

        assertThat(response.context().lines().get(0)).contains("\"apiRequestId\":\"77375676-xmpl-4b79-853a-f982474efe18\"");
    }

    @Test
    void anEventWithoutVersionButWithAnHttpContextIsReadAsPayload2() throws IOException {
        var event = Events.httpApi("POST", "7x = 21");
        event.remove("version");

        var response = invocations.invoke(event);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.context().lines().get(0)).contains("\"payloadVersion\":\"2.0\"");
    }
}
