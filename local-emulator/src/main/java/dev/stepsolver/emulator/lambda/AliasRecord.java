package dev.stepsolver.emulator.lambda;

import java.util.Map;

/**
 * An alias: the version it points at and, for weighted routing, one more version with the share of
 * invocations it gets ({@code RoutingConfig.AdditionalVersionWeights}).
 */
public record AliasRecord(String name, String functionVersion, String description, Map<String, Double> weights,
        String revisionId) {

    public AliasRecord {
        weights = Map.copyOf(weights);
    }
}
