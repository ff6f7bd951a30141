package dev.stepsolver.emulator.codedeploy;

import java.util.Map;
import java.util.Optional;

/**
 * A Lambda AppSpec (version 0.0): the one function resource whose alias moves from
 * {@code currentVersion} to {@code targetVersion}, and the hook functions of BeforeAllowTraffic and
 * AfterAllowTraffic.
 *
 * @param hooks by lifecycle event name ({@code BeforeAllowTraffic}, {@code AfterAllowTraffic})
 */
public record AppSpec(String resourceName, String functionName, String alias, String currentVersion,
        String targetVersion, Map<String, String> hooks) {

    public AppSpec {
        hooks = Map.copyOf(hooks);
    }

    public Optional<String> hook(String lifecycleEvent) {
        return Optional.ofNullable(hooks.get(lifecycleEvent));
    }

    /** The AppSpec that undoes this one (what a rollback deployment records). */
    AppSpec reversed() {
        return new AppSpec(resourceName, functionName, alias, targetVersion, currentVersion, Map.of());
    }
}
