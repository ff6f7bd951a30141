package dev.stepsolver.pipeline.bootstrap;

/** Builds the solver image and pushes it to {@code imageUri}, on top of {@code baseImage}. */
@FunctionalInterface
public interface ImageBuilder {

    void buildAndPush(String imageUri, String baseImage) throws ImageBuildException, InterruptedException;

    /** The image could not be built or pushed. */
    final class ImageBuildException extends Exception {
        public ImageBuildException(String message) {
            super(message);
        }
    }
}
