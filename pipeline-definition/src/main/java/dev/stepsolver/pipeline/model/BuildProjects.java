package dev.stepsolver.pipeline.model;

import dev.stepsolver.pipeline.model.ReportGroupSpec.ReportType;
import java.util.List;

/** The two CodeBuild projects: the build stage and the integration tests. */
public record BuildProjects(BuildProjectSpec build, BuildProjectSpec integration) {

    public static final String STANDARD_IMAGE = "aws/codebuild/amazonlinux-x86_64-standard:5.0";

    static BuildProjects defaults(String prefix) {
        return new BuildProjects(
                new BuildProjectSpec(prefix + "-build", "buildspec.yml", "BUILD_GENERAL1_MEDIUM",
                        STANDARD_IMAGE, 30,
                        List.of(new ReportGroupSpec("unit-tests", ReportType.TEST),
                                new ReportGroupSpec("coverage", ReportType.CODE_COVERAGE))),
                new BuildProjectSpec(prefix + "-integration-tests", "buildspec-integration.yml",
                        "BUILD_GENERAL1_SMALL", STANDARD_IMAGE, 15,
                        List.of(new ReportGroupSpec("integration-tests", ReportType.TEST))));
    }

    public BuildProjects withBuild(BuildProjectSpec value) {
        return new BuildProjects(value, integration);
    }

    public BuildProjects withIntegration(BuildProjectSpec value) {
        return new BuildProjects(build, value);
    }
}
