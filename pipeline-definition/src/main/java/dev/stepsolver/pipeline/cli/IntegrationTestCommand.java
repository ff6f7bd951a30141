package dev.stepsolver.pipeline.cli;

import dev.stepsolver.pipeline.deploy.ApiKeys;
import dev.stepsolver.pipeline.integration.CaseResult;
import dev.stepsolver.pipeline.integration.CasesFile;
import dev.stepsolver.pipeline.integration.IntegrationSuite;
import dev.stepsolver.pipeline.integration.JUnitReport;
import dev.stepsolver.pipeline.integration.RetryPolicy;
import dev.stepsolver.pipeline.integration.StageUrl;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import software.amazon.awssdk.regions.Region;

@Command(name = "integration-test", mixinStandardHelpOptions = true,
        description = {"Runs the contract cases against an API stage with the API key read from SSM, writes JUnit XML,",
                "and exits non-zero if any case fails. Retries a request only on 429 and 5xx, with bounded backoff."})
final class IntegrationTestCommand extends ServiceCommand implements Callable<Integer> {

    @Option(names = "--cases", required = true, description = "Cases file (the shape of the contract's TestCases.json).")
    Path cases;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Stage stage;

    static final class Stage {
        @Option(names = "--url", required = true, description = "The stage URL itself.")
        URI url;

        @ArgGroup(exclusive = false)
        ApiStage api;
    }

    static final class ApiStage {
        @Option(names = "--rest-api-id", required = true)
        String restApiId;

        @Option(names = "--stage", required = true)
        String stage;
    }

    @Option(names = "--api-key-parameter", required = true, description = "SSM SecureString holding the API key.")
    String apiKeyParameter;

    @Option(names = "--report", defaultValue = "reports/integration-tests.xml", description = "JUnit XML output (default: ${DEFAULT-VALUE}).")
    Path report;

    @Option(names = "--suite-name", defaultValue = "integration-tests")
    String suiteName;

    @Option(names = "--max-attempts", defaultValue = "5", description = "Attempts per case on 429/5xx (default: ${DEFAULT-VALUE}).")
    int maxAttempts;

    @Option(names = "--request-timeout", defaultValue = "PT30S", description = "Timeout of one request (default: ${DEFAULT-VALUE}).")
    Duration requestTimeout;

    @Override
    public Integer call() throws Exception {
        var testCases = CasesFile.read(cases);
        URI url = stage.url != null ? stage.url
                : StageUrl.of(stage.api.restApiId, stage.api.stage, services.environment(),
                        services.region().map(Region::id));
        String apiKey = ApiKeys.read(services.ssm(), apiKeyParameter);
        RetryPolicy retry = new RetryPolicy(maxAttempts, RetryPolicy.DEFAULT.initialBackoff(), RetryPolicy.DEFAULT.maxBackoff());
        out().println("running " + testCases.size() + " cases against " + url);
        List<CaseResult> results = new IntegrationSuite(services.http(requestTimeout), retry, services.sleeper(),
                services.clock(), out()).run(url, apiKey, testCases);
        JUnitReport.write(report, suiteName, results);
        long failed = results.stream().filter(r -> !r.passed()).count();
        out().println((results.size() - failed) + " passed, " + failed + " failed");
        return failed == 0 ? 0 : 1;
    }
}
