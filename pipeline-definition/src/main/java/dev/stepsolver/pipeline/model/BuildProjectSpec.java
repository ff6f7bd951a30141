package dev.stepsolver.pipeline.model;

import java.util.List;

/** A CodeBuild project: its buildspec file, environment and report groups. */
public record BuildProjectSpec(
        String name,
        String buildspec,
        String computeType,
        String image,
        int timeoutMinutes,
        List<ReportGroupSpec> reportGroups) {

    public BuildProjectSpec {
        reportGroups = List.copyOf(reportGroups);
    }

    public BuildProjectSpec withName(String value) {
        return new BuildProjectSpec(value, buildspec, computeType, image, timeoutMinutes, reportGroups);
    }

    public BuildProjectSpec withReportGroups(List<ReportGroupSpec> value) {
        return new BuildProjectSpec(name, buildspec, computeType, image, timeoutMinutes, value);
    }
}
