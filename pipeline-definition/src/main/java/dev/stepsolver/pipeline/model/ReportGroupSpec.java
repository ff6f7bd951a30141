package dev.stepsolver.pipeline.model;

/**
 * A CodeBuild report group as the buildspec names it. A buildspec that names a report group
 * {@code key} in project {@code P} reports into the group {@code P-key}, so the template creates
 * the group under that full name.
 */
public record ReportGroupSpec(String key, ReportType type) {

    public enum ReportType { TEST, CODE_COVERAGE }

    public String fullName(String projectName) {
        return projectName + "-" + key;
    }
}
