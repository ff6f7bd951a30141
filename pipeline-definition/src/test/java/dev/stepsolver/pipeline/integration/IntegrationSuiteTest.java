package dev.stepsolver.pipeline.integration;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

class IntegrationSuiteTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String CASES = """
            [
              {"description": "linear", "equation": "7x - 2 = 19", "solution": ["7x - 2 = 19", "x = 3"]},
              {"description": "square", "equation": "x^2 = 4", "solution": ["x^2 = 4", "x = 2    OR    x = -2"]}
            ]
            """;

    private final StageEndpoint endpoint;
    private final List<Duration> waits = new ArrayList<>();
    private final StringWriter log = new StringWriter();
    private final IntegrationSuite suite;
    private final List<TestCase> cases;

    IntegrationSuiteTest() throws Exception {
        endpoint = new StageEndpoint()
                .answer("7x - 2 = 19", "[\"7x - 2 = 19\", \"x = 3\"]")
                .answer("x^2 = 4", "[\"x^2 = 4\",\"x = 2    OR    x = -2\"]");
        suite = new IntegrationSuite(HttpTransport.jdk(Duration.ofSeconds(10)), new RetryPolicy(4, Duration.ofMillis(100),
                Duration.ofMillis(250)), waits::add, Clock.fixed(Instant.EPOCH, ZoneOffset.UTC), new PrintWriter(log, true));
        cases = CasesFile.parse(CASES, "cases");
    }

    @AfterEach
    void stop() {
        endpoint.close();
    }

    @Test
    void casesWhoseAnswerIsDeepEqualPass() throws Exception {
        List<CaseResult> results = suite.run(endpoint.stage("beta"), "key-123", cases);

        assertThat(results).allMatch(CaseResult::passed);
    }

    @Test
    void eachRequestPostsTheEquationWithTheApiKeyToTheStage() throws Exception {
        suite.run(endpoint.stage("beta"), "key-123", cases);

        assertThat(endpoint.received).extracting(StageEndpoint.Received::body).containsExactly("7x - 2 = 19", "x^2 = 4");
        assertThat(endpoint.received).allMatch(r -> r.apiKey().equals("key-123") && r.path().equals("/beta/"));
    }

    @Test
    void aDifferentStepFailsNamingTheStep() throws Exception {
        endpoint.answer("x^2 = 4", "[\"x^2 = 4\",\"x = 2\"]");

        List<CaseResult> results = suite.run(endpoint.stage("beta"), "k", cases);

        assertThat(results.get(1).failure()).hasValue("step 1 differs: expected \"x = 2    OR    x = -2\" but was \"x = 2\"");
    }

    @Test
    void aClientErrorFailsWithoutRetrying() throws Exception {
        endpoint.failNext(403);

        List<CaseResult> results = suite.run(endpoint.stage("beta"), "wrong", cases.subList(0, 1));

        assertThat(results.getFirst().failure()).get().asString().contains("expected HTTP 200, got 403");
        assertThat(endpoint.received).hasSize(1);
        assertThat(waits).isEmpty();
    }

    @Test
    void throttlingAndServerErrorsAreRetriedWithGrowingBackoff() throws Exception {
        endpoint.failNext(429, 502);

        List<CaseResult> results = suite.run(endpoint.stage("beta"), "k", cases.subList(0, 1));

        assertThat(results.getFirst().passed()).isTrue();
        assertThat(results.getFirst().attempts()).isEqualTo(3);
        assertThat(waits).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200));
    }

    @Test
    void retriesStopAfterTheLastAttemptAndTheBackoffIsCapped() throws Exception {
        endpoint.failNext(503, 503, 503, 503, 503);

        List<CaseResult> results = suite.run(endpoint.stage("beta"), "k", cases.subList(0, 1));

        assertThat(results.getFirst().failure()).get().asString().contains("got 503");
        assertThat(endpoint.received).hasSize(4);
        assertThat(waits).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(250));
    }

    @Test
    void aBodyThatIsNotJsonFails() throws Exception {
        endpoint.answer("7x - 2 = 19", "x = 3");

        List<CaseResult> results = suite.run(endpoint.stage("beta"), "k", cases.subList(0, 1));

        assertThat(results.getFirst().failure()).get().asString().startsWith("the body is not JSON");
    }

    @Test
    void theJUnitReportCountsCasesAndFailures(@TempDir Path dir) throws Exception {
        endpoint.answer("x^2 = 4", "[]");
        List<CaseResult> results = suite.run(endpoint.stage("beta"), "k", cases);
        Path report = dir.resolve("reports/integration-tests.xml");

        JUnitReport.write(report, "integration-tests", results);

        Document xml = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(report.toFile());
        var suiteElement = xml.getDocumentElement();
        assertThat(suiteElement.getTagName()).isEqualTo("testsuite");
        assertThat(suiteElement.getAttribute("tests")).isEqualTo("2");
        assertThat(suiteElement.getAttribute("failures")).isEqualTo("1");
        assertThat(xml.getElementsByTagName("testcase").item(1).getAttributes().getNamedItem("name").getNodeValue()).isEqualTo("square");
        assertThat(xml.getElementsByTagName("failure").item(0).getTextContent()).contains("equation: x^2 = 4");
    }

    @Test
    void theContractCasesFileInTheJarParses() throws Exception {
        try (var in = getClass().getResourceAsStream("/integration/TestCases.json")) {
            List<TestCase> contract = CasesFile.parse(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8), "TestCases.json");

            assertThat(contract).hasSize(5);
            assertThat(contract.getFirst().description()).isEqualTo("fairly_simple_problem");
            assertThat(contract.getFirst().solution()).isEqualTo(MAPPER.readTree(
                    "[\"7x - 2 = 19\",\"\\nAdd 2 on both sides of the equal sign:\",\"7x - 2 + 2 = 19 + 2\",\"\\nSimplify both sides:\","
                            + "\"7x = 21\",\"\\nDevide both sides by 7:\",\"x = 3\",\"\\nSolution:\",\"x = 3\"]"));
        }
    }

    @Test
    void aCasesFileWithoutEquationsIsRejected() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> CasesFile.parse("[{\"solution\": []}]", "bad.json"))
                .hasMessageContaining("bad.json case 0 needs a string 'equation'");
    }

    @Test
    void aCasesFileThatIsNotJsonIsRejected(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("cases.json");
        Files.writeString(file, "{not json");

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> CasesFile.read(file))
                .hasMessageContaining("is not valid JSON");
    }
}
