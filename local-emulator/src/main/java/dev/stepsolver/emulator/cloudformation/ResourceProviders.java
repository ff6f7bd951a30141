package dev.stepsolver.emulator.cloudformation;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The resource types this emulator can provision, each with its provider. */
public final class ResourceProviders {

    private final Map<String, ResourceProvider> byType = new LinkedHashMap<>();

    /** Later providers of a type replace earlier ones (a test may stand in for a real one). */
    public ResourceProviders(Collection<ResourceProvider> providers) {
        for (ResourceProvider provider : providers) {
            byType.put(provider.type(), provider);
        }
    }

    public Optional<ResourceProvider> find(String type) {
        return Optional.ofNullable(byType.get(type));
    }

    public Set<String> types() {
        return Set.copyOf(byType.keySet());
    }
}
