package dev.stepsolver.emulator.http;

import dev.stepsolver.emulator.protocol.AwsServiceEndpoint;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The one registry the edge routes from: AWS service endpoints (found by signing name,
 * {@code X-Amz-Target} prefix or CBOR service shape) and data-plane routes (tried first, in order).
 * Services register here; the router never changes when a service is added.
 */
public final class ServiceRegistry {

    private final Map<String, AwsServiceEndpoint> bySigningName = new ConcurrentHashMap<>();
    private final Map<String, AwsServiceEndpoint> byTargetPrefix = new ConcurrentHashMap<>();
    private final Map<String, AwsServiceEndpoint> byCborService = new ConcurrentHashMap<>();
    private final List<DataPlaneRoute> routes = new CopyOnWriteArrayList<>();
    private final CountDownLatch ready = new CountDownLatch(1);

    /** Marks every service installed: requests held by {@link #awaitReady} proceed. */
    public void markReady() {
        ready.countDown();
    }

    /**
     * Waits (bounded) until every service is installed, so a request arriving while the server
     * starts in parallel with the services is not answered as if the service did not exist.
     */
    boolean awaitReady(Duration limit) throws InterruptedException {
        return ready.await(limit.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Registers an AWS service; a second service claiming the same name is a programming error. */
    public void addEndpoint(AwsServiceEndpoint endpoint) {
        claim(bySigningName, endpoint.signingName(), endpoint, "signing name");
        endpoint.targetPrefixes().forEach(prefix -> claim(byTargetPrefix, prefix, endpoint, "X-Amz-Target prefix"));
        endpoint.cborServiceNames().forEach(name -> claim(byCborService, name, endpoint, "CBOR service"));
    }

    /** Registers an unsigned data-plane route, matched before any AWS service. */
    public void addRoute(DataPlaneRoute route) {
        routes.add(route);
    }

    private static void claim(Map<String, AwsServiceEndpoint> map, String key, AwsServiceEndpoint endpoint,
            String what) {
        AwsServiceEndpoint previous = map.putIfAbsent(key, endpoint);
        if (previous != null && previous != endpoint) {
            throw new IllegalStateException(what + " '" + key + "' is already registered");
        }
    }

    public Optional<AwsServiceEndpoint> bySigningName(String name) {
        return Optional.ofNullable(bySigningName.get(name));
    }

    public Optional<AwsServiceEndpoint> byTargetPrefix(String prefix) {
        return Optional.ofNullable(byTargetPrefix.get(prefix));
    }

    public Optional<AwsServiceEndpoint> byCborService(String name) {
        return Optional.ofNullable(byCborService.get(name));
    }

    public List<DataPlaneRoute> routes() {
        return routes;
    }
}
