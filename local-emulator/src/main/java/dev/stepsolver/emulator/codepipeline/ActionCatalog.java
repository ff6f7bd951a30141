package dev.stepsolver.emulator.codepipeline;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The action types CodePipeline knows: those of the registered {@link ActionProvider}s. A declaration
 * of any other type is refused as AWS refuses a type that is not available in the region.
 */
final class ActionCatalog {

    private final List<ActionProvider> providers = new CopyOnWriteArrayList<>();

    /** Adds a provider; it replaces an earlier provider of the same type. */
    synchronized void register(ActionProvider provider) {
        ActionTypeSpec spec = provider.spec();
        providers.removeIf(p -> p.spec().owner().equals(spec.owner()) && p.spec().provider().equals(spec.provider())
                && p.spec().version().equals(spec.version()));
        providers.add(provider);
    }

    Optional<ActionProvider> find(String category, String owner, String provider, String version) {
        return providers.stream().filter(p -> p.spec().matches(category, owner, provider, version)).findFirst();
    }
}
