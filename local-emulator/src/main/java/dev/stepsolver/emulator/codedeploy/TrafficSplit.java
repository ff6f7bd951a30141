package dev.stepsolver.emulator.codedeploy;

/**
 * Where a Lambda deployment's traffic stands: the share of the alias's invocations its target
 * version gets (0 to 1), for a live display.
 */
public record TrafficSplit(String functionName, String alias, String currentVersion, String targetVersion,
        double targetWeight) {

    public double currentWeight() {
        return 1.0 - targetWeight;
    }
}
