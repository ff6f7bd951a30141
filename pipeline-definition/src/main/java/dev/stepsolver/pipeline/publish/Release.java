package dev.stepsolver.pipeline.publish;

/** A move of {@code alias} from {@code currentVersion} to {@code targetVersion}: what an AppSpec says. */
public record Release(String functionName, String alias, String currentVersion, String targetVersion) {
}
