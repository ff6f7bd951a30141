package dev.stepsolver.pipeline.model;

/**
 * The V2 pipeline. {@code artifactBucketName} may use {@code ${AWS::AccountId}} and
 * {@code ${AWS::Region}} (bucket names are global). With {@code inTemplate} false the stack
 * leaves the pipeline out and {@code pipeline.json} is the way to create it.
 */
public record PipelineSpec(
        String name,
        String artifactBucketName,
        boolean inTemplate,
        StageNames stages) {

    static PipelineSpec defaults(String prefix) {
        return new PipelineSpec(prefix, prefix + "-artifacts-${AWS::AccountId}-${AWS::Region}", true,
                StageNames.defaults());
    }

    public PipelineSpec withName(String value) {
        return new PipelineSpec(value, artifactBucketName, inTemplate, stages);
    }

    public PipelineSpec withInTemplate(boolean value) {
        return new PipelineSpec(name, artifactBucketName, value, stages);
    }

    public PipelineSpec withStages(StageNames value) {
        return new PipelineSpec(name, artifactBucketName, inTemplate, value);
    }
}
