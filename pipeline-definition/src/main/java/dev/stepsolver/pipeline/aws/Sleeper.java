package dev.stepsolver.pipeline.aws;

import java.time.Duration;

/** Waits between polls and attempts; tests pass one that records instead of sleeping. */
@FunctionalInterface
public interface Sleeper {

    void sleep(Duration duration) throws InterruptedException;

    Sleeper REAL = duration -> Thread.sleep(duration);
}
