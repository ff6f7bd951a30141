package dev.stepsolver.pipeline.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;

/** A real SDK call through the default credential chain to whatever AWS_ENDPOINT_URL names. */
class AwsClientsTest {

    private HttpServer endpoint;
    private final List<String> seen = Collections.synchronizedList(new ArrayList<>());

    @BeforeEach
    void start() throws Exception {
        // The default chain reads these system properties before the environment.
        System.setProperty("aws.accessKeyId", "AKIDTEST");
        System.setProperty("aws.secretAccessKey", "secret");
        endpoint = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        endpoint.createContext("/", exchange -> {
            seen.add(exchange.getRequestHeaders().getFirst("X-Amz-Target") + " "
                    + exchange.getRequestHeaders().getFirst("Authorization"));
            byte[] body = "{\"Parameter\":{\"Name\":\"/p\",\"Type\":\"SecureString\",\"Value\":\"v\"}}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        endpoint.start();
    }

    @AfterEach
    void stop() {
        endpoint.stop(0);
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
    }

    @Test
    void callsGoToTheEndpointOverrideSignedForTheRegion() {
        AwsClients clients = new AwsClients(Map.of("AWS_ENDPOINT_URL", "http://127.0.0.1:" + endpoint.getAddress().getPort(),
                "AWS_REGION", "eu-west-1"));

        try (var ssm = clients.ssm()) {
            String value = ssm.getParameter(r -> r.name("/p").withDecryption(true)).parameter().value();

            assertThat(value).isEqualTo("v");
        }
        assertThat(seen).singleElement().asString().startsWith("AmazonSSM.GetParameter AWS4-HMAC-SHA256 Credential=AKIDTEST/")
                .contains("/eu-west-1/ssm/aws4_request");
    }

    @Test
    void keysInTheGivenEnvironmentSignTheCalls() {
        AwsClients clients = new AwsClients(Map.of("AWS_ENDPOINT_URL", "http://127.0.0.1:" + endpoint.getAddress().getPort(),
                "AWS_REGION", "eu-west-1", "AWS_ACCESS_KEY_ID", "AKIDGIVEN", "AWS_SECRET_ACCESS_KEY", "secret"));

        try (var ssm = clients.ssm()) {
            ssm.getParameter(r -> r.name("/p").withDecryption(true));
        }
        assertThat(seen).singleElement().asString().contains("Credential=AKIDGIVEN/");
    }

    @Test
    void withoutAnEndpointThereIsNoOverride() {
        assertThat(new AwsClients(Map.of()).endpoint()).isEmpty();
    }

    @Test
    void theRegionComesFromAwsRegionThenAwsDefaultRegion() {
        assertThat(new AwsClients(Map.of("AWS_DEFAULT_REGION", "ap-south-1")).region()).contains(Region.AP_SOUTH_1);
        assertThat(new AwsClients(Map.of("AWS_REGION", "us-west-2", "AWS_DEFAULT_REGION", "ap-south-1")).region())
                .contains(Region.US_WEST_2);
    }
}
