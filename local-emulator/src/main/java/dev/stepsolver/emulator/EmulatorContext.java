package dev.stepsolver.emulator;

import dev.stepsolver.emulator.state.StateStore;
import dev.stepsolver.emulator.time.EmulatorClock;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What services share in one emulator: its configuration, its one clock, its state store, and each
 * other's backends (Lambda records metrics into the CloudWatch backend, CodeBuild reads SSM...).
 */
public final class EmulatorContext implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmulatorContext.class);

    private final EmulatorConfig config;
    private final EmulatorClock clock;
    private final StateStore state;
    private final Map<Class<?>, Object> backends = new LinkedHashMap<>();
    private volatile java.net.URI endpoint;
    private final List<Runnable> beforeStop = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final List<Runnable> afterStart = new java.util.concurrent.CopyOnWriteArrayList<>();

    EmulatorContext(EmulatorConfig config, EmulatorClock clock, StateStore state) {
        this.config = config;
        this.clock = clock;
        this.state = state;
    }

    public EmulatorConfig config() {
        return config;
    }

    public EmulatorClock clock() {
        return clock;
    }

    public StateStore state() {
        return state;
    }

    /**
     * The base URL the emulator listens on, known once it has started (services install while the
     * port is being bound): for what a service hands out (repository URIs, the Lambda Runtime API
     * address), never at install time.
     *
     * @throws IllegalStateException before the emulator has started
     */
    public java.net.URI endpoint() {
        java.net.URI known = endpoint;
        if (known == null) {
            throw new IllegalStateException("the emulator has not started listening yet");
        }
        return known;
    }

    /** {@link #endpoint()}, or empty before the emulator has started listening. */
    public java.util.Optional<java.net.URI> endpointIfStarted() {
        return java.util.Optional.ofNullable(endpoint);
    }

    void endpoint(java.net.URI value) {
        this.endpoint = value;
    }

    /**
     * Runs {@code task} when the emulator stops, before its HTTP server does: for a service holding
     * requests open (long polls) that must release them so the server can stop at once.
     */
    public void beforeStop(Runnable task) {
        beforeStop.add(task);
    }

    /**
     * Runs {@code task} once the emulator listens and every service is installed: for work a service
     * resumes after a restart that may need other services' endpoints (CloudFormation finishing a stack
     * operation the last run left in progress).
     */
    public void afterStart(Runnable task) {
        afterStart.add(task);
    }

    void runAfterStart() {
        for (Runnable task : afterStart) {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.warn("A start task failed", e);
            }
        }
    }

    void runBeforeStop() {
        for (Runnable task : beforeStop) {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.warn("A stop task failed", e);
            }
        }
    }

    /** Makes {@code backend} reachable by other services as {@code type}. */
    public synchronized <T> void registerBackend(Class<T> type, T backend) {
        if (backends.putIfAbsent(type, backend) != null) {
            throw new IllegalStateException(type.getName() + " is already registered");
        }
    }

    /** The backend registered as {@code type}, if its service is installed. */
    public synchronized <T> Optional<T> findBackend(Class<T> type) {
        return Optional.ofNullable(backends.get(type)).map(type::cast);
    }

    /**
     * The backend registered as {@code type}.
     *
     * @throws IllegalStateException when its service is not installed (a wiring error)
     */
    public <T> T backend(Class<T> type) {
        return findBackend(type).orElseThrow(() -> new IllegalStateException(
                type.getSimpleName() + " is not installed in this emulator"));
    }

    /** Closes the backends that hold resources (schedules, processes), last registered first. */
    @Override
    public synchronized void close() {
        List<Object> reversed = new ArrayList<>(backends.values());
        java.util.Collections.reverse(reversed);
        for (Object backend : reversed) {
            if (backend instanceof AutoCloseable closeable) {
                try {
                    closeable.close();
                } catch (Exception e) {
                    LOG.warn("Closing {} failed", backend.getClass().getSimpleName(), e);
                }
            }
        }
        backends.clear();
    }
}
