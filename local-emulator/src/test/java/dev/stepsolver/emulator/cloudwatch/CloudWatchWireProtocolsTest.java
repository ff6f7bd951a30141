package dev.stepsolver.emulator.cloudwatch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.CBORGenerator;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import dev.stepsolver.emulator.LocalEmulator;
import dev.stepsolver.emulator.SignedHttp;
import dev.stepsolver.emulator.time.ManualClock;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** CloudWatch's JSON 1.0 and RPC v2 CBOR protocols, which no SDK v2 2.40 client speaks, as raw signed requests. */
class CloudWatchWireProtocolsTest {

    private static final Instant START = Instant.parse("2026-03-01T12:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final CBORMapper CBOR = new CBORMapper();
    private static final String TARGET = "GraniteServiceVersion20100801.";
    private static final String CBOR_PATH = "/service/GraniteServiceVersion20100801/operation/";

    private LocalEmulator emulator;

    @BeforeEach
    void start() {
        emulator = LocalEmulator.builder().port(0).clock(new ManualClock(START)).build().start();
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    private HttpResponse<byte[]> json(String operation, String body) throws Exception {
        return SignedHttp.post(emulator.endpoint(), "/", Map.of("Content-Type", "application/x-amz-json-1.0",
                "X-Amz-Target", TARGET + operation), body.getBytes(StandardCharsets.UTF_8), "monitoring");
    }

    private HttpResponse<byte[]> cbor(String operation, byte[] body) throws Exception {
        return SignedHttp.post(emulator.endpoint(), CBOR_PATH + operation, Map.of("Content-Type", "application/cbor",
                "Accept", "application/cbor", "smithy-protocol", "rpc-v2-cbor"), body, "monitoring");
    }

    @Test
    void json10PutMetricDataAndGetMetricDataRoundTrip() throws Exception {
        HttpResponse<byte[]> put = json("PutMetricData", "{\"Namespace\":\"Solver\",\"MetricData\":[{\"MetricName\":"
                + "\"Errors\",\"Value\":4,\"Timestamp\":" + START.plusSeconds(5).getEpochSecond() + "}]}");
        HttpResponse<byte[]> get = json("GetMetricData", "{\"StartTime\":" + START.getEpochSecond() + ",\"EndTime\":"
                + START.plusSeconds(120).getEpochSecond() + ",\"MetricDataQueries\":[{\"Id\":\"e\",\"MetricStat\":"
                + "{\"Metric\":{\"Namespace\":\"Solver\",\"MetricName\":\"Errors\"},\"Period\":60,\"Stat\":\"Sum\"},"
                + "\"ReturnData\":false},{\"Id\":\"twice\",\"Expression\":\"e * 2\"}]}");

        assertThat(put.statusCode()).isEqualTo(200);
        assertThat(put.headers().firstValue("x-amzn-RequestId")).isPresent();
        JsonNode result = JSON.readTree(get.body()).get("MetricDataResults").get(0);
        assertThat(get.headers().firstValue("Content-Type")).hasValue("application/x-amz-json-1.0");
        assertThat(result.get("Id").asText()).isEqualTo("twice");
        assertThat(result.get("Values").get(0).asDouble()).isEqualTo(8.0);
        assertThat(result.get("Timestamps").get(0).asLong()).isEqualTo(START.getEpochSecond());
    }

    @Test
    void json10ErrorsCarryTheQueryErrorCodeHeader() throws Exception {
        HttpResponse<byte[]> response = json("SetAlarmState",
                "{\"AlarmName\":\"ghost\",\"StateValue\":\"OK\",\"StateReason\":\"x\"}");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("x-amzn-query-error")).hasValue("ResourceNotFound;Sender");
        assertThat(JSON.readTree(response.body()).get("__type").asText())
                .isEqualTo("com.amazonaws.cloudwatch#ResourceNotFound");
    }

    @Test
    void json10UnknownOperationIsUnknownOperationException() throws Exception {
        HttpResponse<byte[]> response = json("ListDashboards", "{}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(response.body()).get("__type").asText()).endsWith("UnknownOperationException");
    }

    @Test
    void json10MalformedBodyIsASerializationError() throws Exception {
        HttpResponse<byte[]> response = json("PutMetricData", "{not json");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(response.body()).get("__type").asText()).endsWith("SerializationException");
    }

    @Test
    void cborPutMetricDataAndGetMetricStatisticsRoundTripWithTaggedTimestamps() throws Exception {
        ByteArrayOutputStream putBody = new ByteArrayOutputStream();
        try (CBORGenerator generator = (CBORGenerator) CBOR.getFactory().createGenerator(putBody)) {
            generator.writeStartObject();
            generator.writeStringField("Namespace", "Solver");
            generator.writeFieldName("MetricData");
            generator.writeStartArray();
            generator.writeStartObject();
            generator.writeStringField("MetricName", "Latency");
            generator.writeNumberField("Value", 12.5);
            generator.writeFieldName("Timestamp");
            generator.writeTag(1);
            generator.writeNumber((double) START.plusSeconds(3).getEpochSecond());
            generator.writeEndObject();
            generator.writeEndArray();
            generator.writeEndObject();
        }
        HttpResponse<byte[]> put = cbor("PutMetricData", putBody.toByteArray());
        byte[] statsBody = CBOR.writeValueAsBytes(Map.of("Namespace", "Solver", "MetricName", "Latency",
                "StartTime", START.getEpochSecond(), "EndTime", START.plusSeconds(60).getEpochSecond(),
                "Period", 60, "Statistics", new String[] {"Maximum"}));
        HttpResponse<byte[]> stats = cbor("GetMetricStatistics", statsBody);

        assertThat(put.statusCode()).isEqualTo(200);
        assertThat(put.headers().firstValue("smithy-protocol")).hasValue("rpc-v2-cbor");
        assertThat(stats.headers().firstValue("Content-Type")).hasValue("application/cbor");
        // tag 1 (0xC1) marks the epoch timestamp, as RPC v2 CBOR requires
        assertThat(stats.body()).contains((byte) 0xC1);
        JsonNode point = CBOR.readTree(stats.body()).get("Datapoints").get(0);
        assertThat(point.get("Maximum").asDouble()).isEqualTo(12.5);
        assertThat(point.get("Timestamp").asDouble()).isEqualTo((double) START.getEpochSecond());
    }

    @Test
    void cborErrorsAreCborWithTheQueryErrorCodeHeader() throws Exception {
        HttpResponse<byte[]> response = cbor("DeleteAlarms", CBOR.writeValueAsBytes(Map.of("AlarmNames",
                new String[] {"missing-alarm"})));

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("x-amzn-query-error")).hasValue("ResourceNotFound;Sender");
        assertThat(CBOR.readTree(response.body()).get("__type").asText()).endsWith("#ResourceNotFound");
    }

    @Test
    void aMissingRequiredMemberIsMissingParameter() throws Exception {
        HttpResponse<byte[]> response = json("PutMetricData", "{\"MetricData\":[]}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("x-amzn-query-error")).hasValue("MissingParameter;Sender");
        assertThat(JSON.readTree(response.body()).get("message").asText())
                .isEqualTo("The parameter Namespace is required.");
    }
}
