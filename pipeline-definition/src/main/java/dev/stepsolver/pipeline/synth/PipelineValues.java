package dev.stepsolver.pipeline.synth;

import dev.stepsolver.pipeline.model.DeploymentModel;

/**
 * The values of a pipeline declaration that depend on where it runs. In the template they are
 * intrinsic functions (written here as tokens that {@link TemplateSynthesizer} turns into
 * {@code Ref}/{@code Fn::GetAtt}); in {@code pipeline.json} they are literals for one account.
 */
public interface PipelineValues {

    String pipelineRoleArn();

    String cloudFormationRoleArn();

    String artifactBucket();

    String connectionArn();

    String fullRepositoryId();

    String branch();

    String stackName();

    /** Tokens standing for template intrinsics. */
    static PipelineValues tokens() {
        return new PipelineValues() {
            @Override
            public String pipelineRoleArn() {
                return Tokens.getAtt(TemplateSynthesizer.PIPELINE_ROLE, "Arn");
            }

            @Override
            public String cloudFormationRoleArn() {
                return Tokens.getAtt(TemplateSynthesizer.CLOUDFORMATION_ROLE, "Arn");
            }

            @Override
            public String artifactBucket() {
                return Tokens.ref(TemplateSynthesizer.ARTIFACT_BUCKET);
            }

            @Override
            public String connectionArn() {
                return Tokens.getAtt(TemplateSynthesizer.CONNECTION, "ConnectionArn");
            }

            @Override
            public String fullRepositoryId() {
                return Tokens.ref(PipelineNames.PARAM_FULL_REPOSITORY_ID);
            }

            @Override
            public String branch() {
                return Tokens.ref(PipelineNames.PARAM_BRANCH);
            }

            @Override
            public String stackName() {
                return Tokens.ref("AWS::StackName");
            }
        };
    }

    /** Literal values for one account and region, as {@code create-pipeline} needs them. */
    static PipelineValues concrete(DeploymentModel model, SynthTarget target) {
        return new PipelineValues() {
            @Override
            public String pipelineRoleArn() {
                return target.roleArn(model.roles().pipeline());
            }

            @Override
            public String cloudFormationRoleArn() {
                return target.roleArn(model.roles().cloudFormation());
            }

            @Override
            public String artifactBucket() {
                return target.substitute(model.pipeline().artifactBucketName(), model.stackName());
            }

            @Override
            public String connectionArn() {
                return target.connectionArn();
            }

            @Override
            public String fullRepositoryId() {
                return model.source().fullRepositoryId();
            }

            @Override
            public String branch() {
                return model.source().branch();
            }

            @Override
            public String stackName() {
                return model.stackName();
            }
        };
    }
}
