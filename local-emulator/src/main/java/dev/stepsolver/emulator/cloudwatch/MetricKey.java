package dev.stepsolver.emulator.cloudwatch;

import java.util.Map;
import java.util.TreeMap;

/** A metric's identity: namespace, name and dimensions (order-insensitive). */
public record MetricKey(String namespace, String name, Map<String, String> dimensions) {

    public MetricKey {
        dimensions = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(dimensions));
    }

    /** A stable string form, used as the storage key. */
    public String id() {
        StringBuilder id = new StringBuilder(namespace).append('\u0000').append(name);
        dimensions.forEach((k, v) -> id.append('\u0000').append(k).append('=').append(v));
        return id.toString();
    }
}
