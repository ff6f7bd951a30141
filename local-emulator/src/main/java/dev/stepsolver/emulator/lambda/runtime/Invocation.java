package dev.stepsolver.emulator.lambda.runtime;

import java.util.concurrent.CompletableFuture;

/** One request on its way through an instance: handed to the runtime by {@code /next}, ended by an {@link Outcome}. */
final class Invocation {

    final String requestId;
    final byte[] payload;
    final String invokedFunctionArn;
    final long timeoutMillis;
    /** Completes with the deadline (epoch millis) when the runtime takes the invocation. */
    final CompletableFuture<Long> handedOff = new CompletableFuture<>();
    final CompletableFuture<Outcome> outcome = new CompletableFuture<>();
    volatile long handedOffNanos;

    Invocation(String requestId, byte[] payload, String invokedFunctionArn, long timeoutMillis) {
        this.requestId = requestId;
        this.payload = payload;
        this.invokedFunctionArn = invokedFunctionArn;
        this.timeoutMillis = timeoutMillis;
    }

    long handOff() {
        handedOffNanos = System.nanoTime();
        long deadline = System.currentTimeMillis() + timeoutMillis;
        handedOff.complete(deadline);
        return deadline;
    }
}
