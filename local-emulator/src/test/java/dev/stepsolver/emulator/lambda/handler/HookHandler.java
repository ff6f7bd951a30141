package dev.stepsolver.emulator.lambda.handler;

import com.amazonaws.services.lambda.runtime.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.codedeploy.CodeDeployClient;

/**
 * A CodeDeploy lifecycle hook function for the test image: it reports the status in its HOOK_STATUS
 * variable back through the SDK, configured only by the environment the emulator gives functions
 * (AWS_ENDPOINT_URL, region, credentials), as a hook function on AWS is.
 */
public final class HookHandler {

    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        String status = System.getenv().getOrDefault("HOOK_STATUS", "Succeeded");
        try (CodeDeployClient codeDeploy = CodeDeployClient.create()) {
            codeDeploy.putLifecycleEventHookExecutionStatus(r -> r
                    .deploymentId(String.valueOf(event.get("DeploymentId")))
                    .lifecycleEventHookExecutionId(String.valueOf(event.get("LifecycleEventHookExecutionId")))
                    .status(status));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("reported", status);
        out.put("endpoint", System.getenv("AWS_ENDPOINT_URL"));
        return out;
    }
}
