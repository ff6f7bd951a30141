package dev.stepsolver.emulator.codepipeline;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/** Manual approvals waiting for PutApprovalResult, by token. */
final class Approvals {

    /** A reviewer's answer. */
    record Decision(boolean approved, String summary) {
    }

    private final Map<String, CompletableFuture<Decision>> pending = new ConcurrentHashMap<>();

    CompletableFuture<Decision> open(String token) {
        return pending.computeIfAbsent(token, t -> new CompletableFuture<>());
    }

    /** Delivers a decision; false when no approval with that token waits. */
    boolean decide(String token, Decision decision) {
        return Optional.ofNullable(pending.remove(token)).map(f -> f.complete(decision)).orElse(false);
    }

    void close(String token) {
        pending.remove(token);
    }
}
