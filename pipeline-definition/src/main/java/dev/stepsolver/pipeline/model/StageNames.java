package dev.stepsolver.pipeline.model;

/** The names of the five stages, in order. */
public record StageNames(String source, String build, String preProd, String integrationTests, String prod) {

    static StageNames defaults() {
        return new StageNames("Source", "Build", "PreProd", "IntegrationTests", "Prod");
    }
}
