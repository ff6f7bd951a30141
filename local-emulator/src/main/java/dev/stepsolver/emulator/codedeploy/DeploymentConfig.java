package dev.stepsolver.emulator.codedeploy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A deployment configuration for the Lambda compute platform: its traffic routing. The predefined
 * {@code CodeDeployDefault.Lambda*} configurations always exist and cannot be deleted.
 */
public record DeploymentConfig(String name, String id, ComputePlatform computePlatform, TrafficRouting routing,
        Instant createTime, boolean predefined) {

    static final String PREFIX = "CodeDeployDefault.";
    /** The predefined configurations' creation time as the API reports it (when Lambda deployments began). */
    private static final Instant PREDEFINED_TIME = Instant.parse("2017-11-28T00:00:00Z");

    /** CodeDeploy's predefined Lambda configurations. */
    static List<DeploymentConfig> builtIns() {
        List<DeploymentConfig> all = new ArrayList<>();
        all.add(builtIn("LambdaAllAtOnce", TrafficRouting.allAtOnce()));
        for (int minutes : new int[] {5, 10, 15, 30}) {
            all.add(builtIn("LambdaCanary10Percent" + minutes + "Minutes", TrafficRouting.canary(10, minutes)));
        }
        for (int minutes : new int[] {1, 2, 3, 10}) {
            all.add(builtIn("LambdaLinear10PercentEvery" + minutes + (minutes == 1 ? "Minute" : "Minutes"),
                    TrafficRouting.linear(10, minutes)));
        }
        return List.copyOf(all);
    }

    private static DeploymentConfig builtIn(String suffix, TrafficRouting routing) {
        String name = PREFIX + suffix;
        return new DeploymentConfig(name, UUID.nameUUIDFromBytes(name.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .toString(), ComputePlatform.LAMBDA, routing, PREDEFINED_TIME, true);
    }
}
