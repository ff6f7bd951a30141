package dev.stepsolver.emulator.codepipeline;

import java.util.Objects;
import java.util.Set;

/**
 * What CodePipeline accepts for one action type (owner, provider, version): the categories it can
 * serve, its required and optional configuration keys, how many input and output artifacts it takes,
 * and whether only V2 pipelines may use it.
 */
public record ActionTypeSpec(String owner, String provider, String version, Set<String> categories,
        Set<String> requiredKeys, Set<String> optionalKeys, int minInputs, int maxInputs, int minOutputs,
        int maxOutputs, boolean v2Only) {

    public ActionTypeSpec {
        Objects.requireNonNull(owner);
        Objects.requireNonNull(provider);
        Objects.requireNonNull(version);
        categories = Set.copyOf(categories);
        requiredKeys = Set.copyOf(requiredKeys);
        optionalKeys = Set.copyOf(optionalKeys);
    }

    /** An AWS-owned, version 1 action type. */
    public static ActionTypeSpec aws(String provider, Set<String> categories, Set<String> requiredKeys,
            Set<String> optionalKeys, int minInputs, int maxInputs, int minOutputs, int maxOutputs, boolean v2Only) {
        return new ActionTypeSpec("AWS", provider, "1", categories, requiredKeys, optionalKeys, minInputs, maxInputs,
                minOutputs, maxOutputs, v2Only);
    }

    public boolean allows(String key) {
        return requiredKeys.contains(key) || optionalKeys.contains(key);
    }

    /** Whether this spec describes {@code (category, owner, provider, version)}. */
    public boolean matches(String category, String owner, String provider, String version) {
        return this.owner.equals(owner) && this.provider.equals(provider) && this.version.equals(version)
                && categories.contains(category);
    }
}
