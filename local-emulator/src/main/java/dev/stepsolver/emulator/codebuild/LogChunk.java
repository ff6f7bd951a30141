package dev.stepsolver.emulator.codebuild;

/**
 * Part of a build's log.
 *
 * @param text whole lines from the requested offset
 * @param nextOffset where the next read should start (a byte offset)
 * @param complete whether the build has completed, so no more text will come
 */
public record LogChunk(String text, long nextOffset, boolean complete) {
}
