package dev.stepsolver.emulator.lambda.runtime;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Class-data archives per launch key (image digest, JVM, options, classpath). The first process of a
 * key trains: it runs with the option that writes the archive when it exits, and is retired after
 * its first successful invocation so the archive appears early; the archive is moved into place
 * only once complete. Later processes start from it. A key whose training fails twice runs
 * without.
 */
final class StartupArchives {

    private static final Logger LOG = LoggerFactory.getLogger(StartupArchives.class);
    private static final int MAX_TRAINING_ATTEMPTS = 2;

    private final StartupCache mode;
    private final Path directory;
    private final Map<String, State> states = new ConcurrentHashMap<>();

    private enum Phase { IDLE, TRAINING, FAILED }

    private record State(Phase phase, int attempts) {
    }

    /** What a launch adds to the JVM options, and whether the process is the trainer. */
    record Plan(List<String> options, Optional<Path> trainingOutput) {
        boolean training() {
            return trainingOutput.isPresent();
        }
    }

    StartupArchives(StartupCache mode, Path directory) {
        this.mode = mode;
        this.directory = directory;
    }

    StartupCache mode() {
        return mode;
    }

    Plan plan(String key) {
        if (mode == StartupCache.NONE) {
            return new Plan(List.of(), Optional.empty());
        }
        Path archive = archive(key);
        if (Files.isRegularFile(archive)) {
            return new Plan(mode == StartupCache.AOT_CACHE ? List.of("-XX:AOTCache=" + archive)
                    // an archive dumped with the agent allowed loads only with the same setting
                    : List.of("-XX:+UnlockDiagnosticVMOptions", "-XX:+AllowArchivingWithJavaAgent",
                            "-XX:SharedArchiveFile=" + archive), Optional.empty());
        }
        State before = states.compute(key, (k, state) -> {
            State current = state == null ? new State(Phase.IDLE, 0) : state;
            return current.phase() == Phase.IDLE ? new State(Phase.TRAINING, current.attempts() + 1) : current;
        });
        if (before.phase() != Phase.TRAINING || !claimed(key, before)) {
            return new Plan(List.of(), Optional.empty());
        }
        Path output = directory.resolve(key + ".training-" + before.attempts() + extension());
        return new Plan(mode == StartupCache.AOT_CACHE ? List.of("-XX:AOTCacheOutput=" + output)
                // every process carries the watchdog agent, which a dynamic AppCDS dump must be told to allow
                : List.of("-XX:+UnlockDiagnosticVMOptions", "-XX:+AllowArchivingWithJavaAgent",
                        "-XX:ArchiveClassesAtExit=" + output), Optional.of(output));
    }

    /** Only the launch that moved the key into TRAINING trains; the others start plain meanwhile. */
    private final Map<String, Boolean> claims = new ConcurrentHashMap<>();

    private boolean claimed(String key, State state) {
        return claims.putIfAbsent(key + "#" + state.attempts(), Boolean.TRUE) == null;
    }

    /** A trainer could not even start: this key runs without an archive from now on. */
    void disable(String key) {
        states.put(key, new State(Phase.FAILED, MAX_TRAINING_ATTEMPTS));
    }

    /** Called when a trainer process has exited: installs its archive if it wrote a whole one. */
    void trainingEnded(String key, Path output, boolean exitedCleanly) {
        Path archive = archive(key);
        try {
            if (exitedCleanly && Files.isRegularFile(output) && Files.size(output) > 0) {
                try {
                    Files.move(output, archive, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(output, archive, StandardCopyOption.REPLACE_EXISTING);
                }
                LOG.debug("Class-data archive ready: {}", archive);
                states.remove(key);
                return;
            }
            Files.deleteIfExists(output);
            Files.deleteIfExists(output.resolveSibling(output.getFileName() + ".config"));
        } catch (IOException e) {
            LOG.warn("Cannot install the class-data archive {}", archive, e);
        }
        states.compute(key, (k, state) -> {
            if (state != null && state.phase() == Phase.FAILED) {
                return state;
            }
            int attempts = state == null ? MAX_TRAINING_ATTEMPTS : state.attempts();
            return new State(attempts >= MAX_TRAINING_ATTEMPTS ? Phase.FAILED : Phase.IDLE, attempts);
        });
    }

    private Path archive(String key) {
        return directory.resolve(key + extension());
    }

    private String extension() {
        return mode == StartupCache.AOT_CACHE ? ".aot" : ".jsa";
    }
}
