package dev.stepsolver.emulator.cloudformation;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What a stack was before an update: what an update rollback restores. */
public record StackSnapshot(String templateBody, String description, List<StackParameter> parameters,
        List<StackOutput> outputs, Map<String, StackResourceRecord> resources, List<String> imports) {

    public StackSnapshot {
        parameters = List.copyOf(parameters);
        outputs = List.copyOf(outputs);
        resources = Collections.unmodifiableMap(new LinkedHashMap<>(resources));
        imports = List.copyOf(imports);
    }
}
