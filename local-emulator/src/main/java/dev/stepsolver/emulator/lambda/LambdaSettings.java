package dev.stepsolver.emulator.lambda;

import dev.stepsolver.emulator.lambda.runtime.StartupCache;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * How the emulated Lambda runs functions.
 *
 * @param concurrencyLimit invocations in flight across all functions before throttling (an account's
 *     concurrency; new AWS accounts get 10)
 * @param idleTimeout how long (emulated time) an unused instance stays warm
 * @param initTimeout how long (real time) a new process may take to start its runtime (Lambda: 10 s)
 * @param cacheDirectory where images are unpacked and class-data archives kept (default: a temporary
 *     directory removed when the emulator stops); a fixed one keeps both across runs
 * @param startupCache how later cold starts of an image are sped up
 * @param routingSeed the seed of the alias routing choice, for reproducible splits
 */
public record LambdaSettings(int concurrencyLimit, Duration idleTimeout, Duration initTimeout,
        Optional<Path> cacheDirectory, StartupCache startupCache, OptionalLong routingSeed) {

    public LambdaSettings {
        if (concurrencyLimit < 1) {
            throw new IllegalArgumentException("the concurrency limit is at least 1");
        }
    }

    public static LambdaSettings defaults() {
        return new LambdaSettings(10, Duration.ofMinutes(10), Duration.ofSeconds(10), Optional.empty(),
                StartupCache.best(), OptionalLong.empty());
    }

    public LambdaSettings withConcurrencyLimit(int limit) {
        return new LambdaSettings(limit, idleTimeout, initTimeout, cacheDirectory, startupCache, routingSeed);
    }

    public LambdaSettings withCacheDirectory(Path directory) {
        return new LambdaSettings(concurrencyLimit, idleTimeout, initTimeout, Optional.of(directory), startupCache,
                routingSeed);
    }

    public LambdaSettings withStartupCache(StartupCache cache) {
        return new LambdaSettings(concurrencyLimit, idleTimeout, initTimeout, cacheDirectory, cache, routingSeed);
    }

    public LambdaSettings withRoutingSeed(long seed) {
        return new LambdaSettings(concurrencyLimit, idleTimeout, initTimeout, cacheDirectory, startupCache,
                OptionalLong.of(seed));
    }

    public LambdaSettings withIdleTimeout(Duration timeout) {
        return new LambdaSettings(concurrencyLimit, timeout, initTimeout, cacheDirectory, startupCache, routingSeed);
    }
}
