package dev.stepsolver.pipeline.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import software.amazon.awssdk.core.exception.SdkException;

@Command(name = "api-stage-deployment", mixinStandardHelpOptions = true,
        description = {"Prints the id of the API Gateway deployment a stage serves. The build passes prod's to the",
                "PreProd stack update, which keeps prod on it while beta takes the new API."})
final class ApiStageDeploymentCommand extends ServiceCommand implements Callable<Integer> {

    @Option(names = "--rest-api-id", required = true)
    String restApiId;

    @Option(names = "--stage", required = true)
    String stage;

    @Override
    public Integer call() {
        try {
            String id = services.apiGateway().getStage(r -> r.restApiId(restApiId).stageName(stage)).deploymentId();
            out().println(id);
            return 0;
        } catch (SdkException e) {
            err().println("error: API Gateway GetStage " + restApiId + "/" + stage + " failed: " + e.getMessage());
            return 1;
        }
    }
}
