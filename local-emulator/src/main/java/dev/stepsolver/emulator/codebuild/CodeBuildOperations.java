package dev.stepsolver.emulator.codebuild;

import dev.stepsolver.emulator.protocol.AwsCall;
import dev.stepsolver.emulator.protocol.AwsException;
import dev.stepsolver.emulator.protocol.ModelJson;
import dev.stepsolver.emulator.protocol.OperationTable;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.services.codebuild.model.BatchGetBuildsRequest;
import software.amazon.awssdk.services.codebuild.model.BatchGetBuildsResponse;
import software.amazon.awssdk.services.codebuild.model.BatchGetProjectsRequest;
import software.amazon.awssdk.services.codebuild.model.BatchGetProjectsResponse;
import software.amazon.awssdk.services.codebuild.model.BatchGetReportGroupsRequest;
import software.amazon.awssdk.services.codebuild.model.BatchGetReportGroupsResponse;
import software.amazon.awssdk.services.codebuild.model.BatchGetReportsRequest;
import software.amazon.awssdk.services.codebuild.model.BatchGetReportsResponse;
import software.amazon.awssdk.services.codebuild.model.BuildArtifacts;
import software.amazon.awssdk.services.codebuild.model.BuildPhase;
import software.amazon.awssdk.services.codebuild.model.CodeCoverage;
import software.amazon.awssdk.services.codebuild.model.CodeCoverageReportSummary;
import software.amazon.awssdk.services.codebuild.model.CreateProjectRequest;
import software.amazon.awssdk.services.codebuild.model.CreateProjectResponse;
import software.amazon.awssdk.services.codebuild.model.CreateReportGroupRequest;
import software.amazon.awssdk.services.codebuild.model.CreateReportGroupResponse;
import software.amazon.awssdk.services.codebuild.model.DeleteProjectRequest;
import software.amazon.awssdk.services.codebuild.model.DeleteProjectResponse;
import software.amazon.awssdk.services.codebuild.model.DeleteReportGroupRequest;
import software.amazon.awssdk.services.codebuild.model.DeleteReportGroupResponse;
import software.amazon.awssdk.services.codebuild.model.DescribeCodeCoveragesRequest;
import software.amazon.awssdk.services.codebuild.model.DescribeCodeCoveragesResponse;
import software.amazon.awssdk.services.codebuild.model.DescribeTestCasesRequest;
import software.amazon.awssdk.services.codebuild.model.DescribeTestCasesResponse;
import software.amazon.awssdk.services.codebuild.model.ExportedEnvironmentVariable;
import software.amazon.awssdk.services.codebuild.model.ListBuildsForProjectRequest;
import software.amazon.awssdk.services.codebuild.model.ListBuildsForProjectResponse;
import software.amazon.awssdk.services.codebuild.model.ListBuildsRequest;
import software.amazon.awssdk.services.codebuild.model.ListBuildsResponse;
import software.amazon.awssdk.services.codebuild.model.ListProjectsRequest;
import software.amazon.awssdk.services.codebuild.model.ListProjectsResponse;
import software.amazon.awssdk.services.codebuild.model.ListReportGroupsRequest;
import software.amazon.awssdk.services.codebuild.model.ListReportGroupsResponse;
import software.amazon.awssdk.services.codebuild.model.ListReportsForReportGroupRequest;
import software.amazon.awssdk.services.codebuild.model.ListReportsForReportGroupResponse;
import software.amazon.awssdk.services.codebuild.model.LogsLocation;
import software.amazon.awssdk.services.codebuild.model.Project;
import software.amazon.awssdk.services.codebuild.model.ProjectArtifacts;
import software.amazon.awssdk.services.codebuild.model.ProjectBadge;
import software.amazon.awssdk.services.codebuild.model.ProjectEnvironment;
import software.amazon.awssdk.services.codebuild.model.ProjectSource;
import software.amazon.awssdk.services.codebuild.model.ReportExportConfig;
import software.amazon.awssdk.services.codebuild.model.StartBuildRequest;
import software.amazon.awssdk.services.codebuild.model.StartBuildResponse;
import software.amazon.awssdk.services.codebuild.model.StopBuildRequest;
import software.amazon.awssdk.services.codebuild.model.StopBuildResponse;
import software.amazon.awssdk.services.codebuild.model.Tag;
import software.amazon.awssdk.services.codebuild.model.TestReportSummary;
import software.amazon.awssdk.services.codebuild.model.UpdateProjectRequest;
import software.amazon.awssdk.services.codebuild.model.UpdateProjectResponse;

/**
 * CodeBuild's JSON 1.1 operations ({@code CodeBuild_20161006.*}): SDK requests to backend calls,
 * backend records to SDK responses. No behaviour of its own.
 */
final class CodeBuildOperations {

    /** AWS's page size for id listings. */
    private static final int ID_PAGE = 100;
    private static final int MAX_BATCH = 100;
    /** The data-plane path that serves build logs (the logs' deepLink). */
    static final String LOGS_PATH = "/_emulator/codebuild/logs/";

    private final CodeBuildBackend backend;
    private final Supplier<Optional<URI>> endpoint;

    private CodeBuildOperations(CodeBuildBackend backend, Supplier<Optional<URI>> endpoint) {
        this.backend = backend;
        this.endpoint = endpoint;
    }

    static OperationTable table(CodeBuildBackend backend, Supplier<Optional<URI>> endpoint) {
        CodeBuildOperations ops = new CodeBuildOperations(backend, endpoint);
        return OperationTable.builder()
                .add("CreateProject", CreateProjectRequest::builder, (CreateProjectRequest in, AwsCall call) ->
                        CreateProjectResponse.builder().project(backend.createProject(project(in))).build())
                .require("name", "source", "artifacts", "environment", "serviceRole")
                .add("UpdateProject", UpdateProjectRequest::builder, (UpdateProjectRequest in, AwsCall call) ->
                        UpdateProjectResponse.builder().project(backend.updateProject(in.name(),
                                current -> merge(current, in))).build())
                .require("name")
                .add("BatchGetProjects", BatchGetProjectsRequest::builder, ops::batchGetProjects)
                .require("names")
                .add("DeleteProject", DeleteProjectRequest::builder, (DeleteProjectRequest in, AwsCall call) -> {
                    backend.deleteProject(in.name());
                    return DeleteProjectResponse.builder().build();
                })
                .require("name")
                .add("ListProjects", ListProjectsRequest::builder, ops::listProjects)
                .add("StartBuild", StartBuildRequest::builder, (StartBuildRequest in, AwsCall call) ->
                        StartBuildResponse.builder().build(ops.model(backend.startBuild(ops.request(in)))).build())
                .require("projectName")
                .add("BatchGetBuilds", BatchGetBuildsRequest::builder, ops::batchGetBuilds)
                .require("ids")
                .add("StopBuild", StopBuildRequest::builder, (StopBuildRequest in, AwsCall call) ->
                        StopBuildResponse.builder().build(ops.model(backend.stopBuild(in.id()))).build())
                .require("id")
                .add("ListBuildsForProject", ListBuildsForProjectRequest::builder,
                        (ListBuildsForProjectRequest in, AwsCall call) -> {
                            Page<String> page = Page.of(ids(backend.buildsOf(in.projectName()),
                                    in.sortOrderAsString()), Optional.ofNullable(in.nextToken()), ID_PAGE);
                            return ListBuildsForProjectResponse.builder().ids(page.items())
                                    .nextToken(page.nextToken().orElse(null)).build();
                        })
                .require("projectName")
                .add("ListBuilds", ListBuildsRequest::builder, (ListBuildsRequest in, AwsCall call) -> {
                    Page<String> page = Page.of(ids(backend.builds(), in.sortOrderAsString()),
                            Optional.ofNullable(in.nextToken()), ID_PAGE);
                    return ListBuildsResponse.builder().ids(page.items()).nextToken(page.nextToken().orElse(null))
                            .build();
                })
                .add("CreateReportGroup", CreateReportGroupRequest::builder, ops::createReportGroup)
                .require("name", "type", "exportConfig")
                .add("BatchGetReportGroups", BatchGetReportGroupsRequest::builder, ops::batchGetReportGroups)
                .require("reportGroupArns")
                .add("ListReportGroups", ListReportGroupsRequest::builder, ops::listReportGroups)
                .add("DeleteReportGroup", DeleteReportGroupRequest::builder, (DeleteReportGroupRequest in,
                        AwsCall call) -> {
                    backend.deleteReportGroup(in.arn(), Boolean.TRUE.equals(in.deleteReports()));
                    return DeleteReportGroupResponse.builder().build();
                })
                .require("arn")
                .add("BatchGetReports", BatchGetReportsRequest::builder, ops::batchGetReports)
                .require("reportArns")
                .add("ListReportsForReportGroup", ListReportsForReportGroupRequest::builder,
                        ops::listReportsForReportGroup)
                .require("reportGroupArn")
                .add("DescribeTestCases", DescribeTestCasesRequest::builder, ops::describeTestCases)
                .require("reportArn")
                .add("DescribeCodeCoverages", DescribeCodeCoveragesRequest::builder, ops::describeCodeCoverages)
                .require("reportArn")
                .build();
    }

    // ------------------------------------------------------------------ projects

    private static Project project(CreateProjectRequest in) {
        return Project.builder().name(in.name()).description(in.description()).source(in.source())
                .secondarySources(in.secondarySources()).sourceVersion(in.sourceVersion())
                .secondarySourceVersions(in.secondarySourceVersions()).artifacts(in.artifacts())
                .secondaryArtifacts(in.secondaryArtifacts()).cache(in.cache()).environment(in.environment())
                .serviceRole(in.serviceRole()).timeoutInMinutes(in.timeoutInMinutes())
                .queuedTimeoutInMinutes(in.queuedTimeoutInMinutes()).encryptionKey(in.encryptionKey())
                .tags(in.tags()).vpcConfig(in.vpcConfig())
                .badge(ProjectBadge.builder().badgeEnabled(Boolean.TRUE.equals(in.badgeEnabled())).build())
                .logsConfig(in.logsConfig()).fileSystemLocations(in.fileSystemLocations())
                .buildBatchConfig(in.buildBatchConfig()).concurrentBuildLimit(in.concurrentBuildLimit())
                .build();
    }

    /** UpdateProject changes only what it gives. */
    private static Project merge(Project current, UpdateProjectRequest in) {
        Project.Builder b = current.toBuilder();
        if (in.description() != null) {
            b.description(in.description());
        }
        if (in.source() != null) {
            b.source(in.source());
        }
        if (in.hasSecondarySources()) {
            b.secondarySources(in.secondarySources());
        }
        if (in.sourceVersion() != null) {
            b.sourceVersion(in.sourceVersion());
        }
        if (in.hasSecondarySourceVersions()) {
            b.secondarySourceVersions(in.secondarySourceVersions());
        }
        if (in.artifacts() != null) {
            b.artifacts(in.artifacts());
        }
        if (in.hasSecondaryArtifacts()) {
            b.secondaryArtifacts(in.secondaryArtifacts());
        }
        if (in.cache() != null) {
            b.cache(in.cache());
        }
        if (in.environment() != null) {
            b.environment(in.environment());
        }
        if (in.serviceRole() != null) {
            b.serviceRole(in.serviceRole());
        }
        if (in.timeoutInMinutes() != null) {
            b.timeoutInMinutes(in.timeoutInMinutes());
        }
        if (in.queuedTimeoutInMinutes() != null) {
            b.queuedTimeoutInMinutes(in.queuedTimeoutInMinutes());
        }
        if (in.encryptionKey() != null) {
            b.encryptionKey(in.encryptionKey());
        }
        if (in.hasTags()) {
            b.tags(in.tags());
        }
        if (in.vpcConfig() != null) {
            b.vpcConfig(in.vpcConfig());
        }
        if (in.badgeEnabled() != null) {
            b.badge(ProjectBadge.builder().badgeEnabled(in.badgeEnabled()).build());
        }
        if (in.logsConfig() != null) {
            b.logsConfig(in.logsConfig());
        }
        if (in.hasFileSystemLocations()) {
            b.fileSystemLocations(in.fileSystemLocations());
        }
        if (in.buildBatchConfig() != null) {
            b.buildBatchConfig(in.buildBatchConfig());
        }
        if (in.concurrentBuildLimit() != null) {
            b.concurrentBuildLimit(in.concurrentBuildLimit());
        }
        return b.build();
    }

    private BatchGetProjectsResponse batchGetProjects(BatchGetProjectsRequest in, AwsCall call) {
        checkBatch(in.names().size(), "names");
        List<Project> found = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (String name : in.names()) {
            backend.project(name).ifPresentOrElse(found::add, () -> missing.add(name));
        }
        return BatchGetProjectsResponse.builder().projects(found).projectsNotFound(missing).build();
    }

    private ListProjectsResponse listProjects(ListProjectsRequest in, AwsCall call) {
        Comparator<Project> order = switch (Optional.ofNullable(in.sortByAsString()).orElse("NAME")) {
            case "CREATED_TIME" -> Comparator.comparing(Project::created).thenComparing(Project::name);
            case "LAST_MODIFIED_TIME" -> Comparator.comparing(Project::lastModified).thenComparing(Project::name);
            default -> Comparator.comparing(Project::name);
        };
        if ("DESCENDING".equals(in.sortOrderAsString())) {
            order = order.reversed();
        }
        List<String> names = backend.projects().stream().sorted(order).map(Project::name).toList();
        Page<String> page = Page.of(names, Optional.ofNullable(in.nextToken()), ID_PAGE);
        return ListProjectsResponse.builder().projects(page.items()).nextToken(page.nextToken().orElse(null)).build();
    }

    // ------------------------------------------------------------------ builds

    /** StartBuild's overrides as a {@link BuildRequest}. */
    private BuildRequest request(StartBuildRequest in) {
        BuildRequest.Builder request = BuildRequest.forProject(in.projectName());
        if (in.sourceTypeOverride() != null || in.sourceLocationOverride() != null) {
            Optional<Project> project = backend.project(in.projectName());
            String type = in.sourceTypeOverrideAsString() != null ? in.sourceTypeOverrideAsString()
                    : project.map(p -> p.source().typeAsString()).orElse("S3");
            String location = in.sourceLocationOverride() != null ? in.sourceLocationOverride()
                    : project.filter(p -> p.source().typeAsString().equals(type)).map(p -> p.source().location())
                            .orElse(null);
            ProjectSource source = ProjectSource.builder().type(type).location(location)
                    .buildspec(in.buildspecOverride()).build();
            CodeBuildBackend.checkSource(source, "sourceTypeOverride/sourceLocationOverride");
            request.primarySource(CodeBuildBackend.sourceOf(source, true)).sourceType(type);
        }
        if (in.hasSecondarySourcesOverride()) {
            for (ProjectSource source : in.secondarySourcesOverride()) {
                if (source.sourceIdentifier() == null) {
                    throw AwsException.badRequest("InvalidInputException",
                            "Invalid secondarySourcesOverride: each source needs a sourceIdentifier");
                }
                CodeBuildBackend.checkSource(source, "secondarySourcesOverride");
                request.secondarySource(source.sourceIdentifier(), CodeBuildBackend.sourceOf(source, false));
            }
        }
        if (in.sourceVersion() != null) {
            request.sourceVersion(in.sourceVersion());
        }
        if (in.buildspecOverride() != null) {
            request.buildspec(in.buildspecOverride());
        }
        if (in.hasEnvironmentVariablesOverride()) {
            for (software.amazon.awssdk.services.codebuild.model.EnvironmentVariable v
                    : in.environmentVariablesOverride()) {
                EnvironmentVariable.Type type = switch (Optional.ofNullable(v.typeAsString()).orElse("PLAINTEXT")) {
                    case "PLAINTEXT" -> EnvironmentVariable.Type.PLAINTEXT;
                    case "PARAMETER_STORE" -> EnvironmentVariable.Type.PARAMETER_STORE;
                    case "SECRETS_MANAGER" -> EnvironmentVariable.Type.SECRETS_MANAGER;
                    default -> throw AwsException.badRequest("InvalidInputException", "Invalid environment variable"
                            + " type " + v.typeAsString() + " for " + v.name());
                };
                if (v.name() == null || v.value() == null) {
                    throw AwsException.badRequest("InvalidInputException",
                            "Invalid environmentVariablesOverride: each variable needs a name and a value");
                }
                request.environmentVariable(new EnvironmentVariable(v.name(), v.value(), type));
            }
        }
        if (in.timeoutInMinutesOverride() != null) {
            request.timeoutInMinutes(in.timeoutInMinutesOverride());
        }
        if (in.artifactsOverride() != null) {
            CodeBuildBackend.checkArtifacts(in.artifactsOverride());
            request.artifacts(CodeBuildBackend.targetOf(in.artifactsOverride(), in.projectName()));
        }
        if (in.hasSecondaryArtifactsOverride()) {
            for (ProjectArtifacts artifacts : in.secondaryArtifactsOverride()) {
                CodeBuildBackend.checkArtifacts(artifacts);
                if (artifacts.artifactIdentifier() == null) {
                    throw AwsException.badRequest("InvalidInputException",
                            "Invalid secondaryArtifactsOverride: each artifact needs an artifactIdentifier");
                }
                request.secondaryArtifact(artifacts.artifactIdentifier(),
                        CodeBuildBackend.targetOf(artifacts, in.projectName()));
            }
        }
        return request.initiator("root").build();
    }

    private BatchGetBuildsResponse batchGetBuilds(BatchGetBuildsRequest in, AwsCall call) {
        checkBatch(in.ids().size(), "ids");
        List<software.amazon.awssdk.services.codebuild.model.Build> found = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (String id : in.ids()) {
            if (id.indexOf(':') <= 0) {
                throw AwsException.badRequest("InvalidInputException", "Invalid build ID provided");
            }
            backend.build(id).ifPresentOrElse(b -> found.add(model(b)), () -> missing.add(id));
        }
        return BatchGetBuildsResponse.builder().builds(found).buildsNotFound(missing).build();
    }

    private static List<String> ids(List<Build> newestFirst, String sortOrder) {
        List<String> ids = newestFirst.stream().map(Build::id).toList();
        if ("ASCENDING".equals(sortOrder)) {
            ids = new ArrayList<>(ids);
            java.util.Collections.reverse(ids);
        }
        return ids;
    }

    /** The log's URL on this emulator (served by {@link BuildLogRoute}). */
    private Optional<String> deepLink(Build build) {
        return endpoint.get().map(uri -> uri + LOGS_PATH + URLEncoder.encode(build.id(), StandardCharsets.UTF_8));
    }

    software.amazon.awssdk.services.codebuild.model.Build model(Build build) {
        List<BuildPhase> phases = build.phases().stream().map(p -> BuildPhase.builder()
                .phaseType(p.type().name())
                .phaseStatus(p.statusIfEnded().map(Enum::name).orElse(null))
                .startTime(p.startTime())
                .endTime(p.endTimeIfEnded().orElse(null))
                .durationInSeconds(p.durationInSeconds().orElse(null))
                .contexts(p.contexts().stream().map(c -> software.amazon.awssdk.services.codebuild.model.PhaseContext
                        .builder().statusCode(c.statusCode()).message(c.message()).build()).toList())
                .build()).toList();
        software.amazon.awssdk.services.codebuild.model.Build.Builder b =
                software.amazon.awssdk.services.codebuild.model.Build.builder()
                        .id(build.id()).arn(build.arn()).buildNumber(build.buildNumber())
                        .startTime(build.startTime()).endTime(build.endTime())
                        .currentPhase(build.currentPhase().name()).buildStatus(build.status().name())
                        .buildComplete(build.isComplete())
                        .projectName(build.projectName()).phases(phases)
                        .sourceVersion(build.sourceVersion()).resolvedSourceVersion(build.resolvedSourceVersion())
                        .source(source(build.source()))
                        .secondarySources(build.secondarySources().stream().map(CodeBuildOperations::source).toList())
                        .environment(ProjectEnvironment.builder().type(build.environment().type())
                                .image(build.environment().image()).computeType(build.environment().computeType())
                                .environmentVariables(build.environment().variables().stream()
                                        .map(v -> software.amazon.awssdk.services.codebuild.model.EnvironmentVariable
                                                .builder().name(v.name()).value(v.value()).type(v.type().name())
                                                .build()).toList())
                                .build())
                        .serviceRole(build.serviceRole()).initiator(build.initiator())
                        .timeoutInMinutes(build.timeoutInMinutes())
                        .queuedTimeoutInMinutes(build.queuedTimeoutInMinutes())
                        .artifacts(build.primaryArtifact().map(CodeBuildOperations::artifacts)
                                .orElseGet(() -> BuildArtifacts.builder().location("").build()))
                        .secondaryArtifacts(build.secondaryArtifacts().stream().map(CodeBuildOperations::artifacts)
                                .toList())
                        .exportedEnvironmentVariables(build.exportedVariables().entrySet().stream()
                                .map(e -> ExportedEnvironmentVariable.builder().name(e.getKey()).value(e.getValue())
                                        .build()).toList())
                        .reportArns(build.reportArns())
                        .logs(LogsLocation.builder().groupName(build.logGroup()).streamName(build.logStream())
                                .deepLink(deepLink(build).orElse(null))
                                .cloudWatchLogsArn("arn:aws:logs:" + region(build) + ":" + account(build)
                                        + ":log-group:" + build.logGroup() + ":log-stream:" + build.logStream())
                                .build());
        return b.build();
    }

    private static String region(Build build) {
        return build.arn().split(":")[3];
    }

    private static String account(Build build) {
        return build.arn().split(":")[4];
    }

    private static ProjectSource source(BuildSource source) {
        return ProjectSource.builder().type(source.type()).location(source.location()).buildspec(source.buildspec())
                .sourceIdentifier(source.identifier()).build();
    }

    private static BuildArtifacts artifacts(ArtifactResult artifact) {
        return BuildArtifacts.builder().location(artifact.location()).md5sum(artifact.md5()).sha256sum(artifact.sha256())
                .artifactIdentifier(artifact.identifier()).build();
    }

    // ------------------------------------------------------------------ report groups and reports

    private CreateReportGroupResponse createReportGroup(CreateReportGroupRequest in, AwsCall call) {
        ReportType type;
        try {
            type = ReportType.valueOf(in.typeAsString());
        } catch (IllegalArgumentException e) {
            throw AwsException.badRequest("InvalidInputException", "Invalid report group type: " + in.typeAsString());
        }
        Map<String, String> tags = new java.util.LinkedHashMap<>();
        in.tags().forEach(tag -> tags.put(tag.key(), tag.value()));
        ReportGroup group = backend.createReportGroup(in.name(), type, ModelJson.write(in.exportConfig()), tags);
        return CreateReportGroupResponse.builder().reportGroup(reportGroup(group)).build();
    }

    private BatchGetReportGroupsResponse batchGetReportGroups(BatchGetReportGroupsRequest in, AwsCall call) {
        checkBatch(in.reportGroupArns().size(), "reportGroupArns");
        List<software.amazon.awssdk.services.codebuild.model.ReportGroup> found = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (String arn : in.reportGroupArns()) {
            backend.reportGroup(arn).ifPresentOrElse(g -> found.add(reportGroup(g)), () -> missing.add(arn));
        }
        return BatchGetReportGroupsResponse.builder().reportGroups(found).reportGroupsNotFound(missing).build();
    }

    private ListReportGroupsResponse listReportGroups(ListReportGroupsRequest in, AwsCall call) {
        Comparator<ReportGroup> order = switch (Optional.ofNullable(in.sortByAsString()).orElse("CREATED_TIME")) {
            case "NAME" -> Comparator.comparing(ReportGroup::name);
            case "LAST_MODIFIED_TIME" -> Comparator.comparing(ReportGroup::lastModified)
                    .thenComparing(ReportGroup::name);
            default -> Comparator.comparing(ReportGroup::created).thenComparing(ReportGroup::name);
        };
        if ("DESCENDING".equals(in.sortOrderAsString())) {
            order = order.reversed();
        }
        List<String> arns = backend.reportGroups().stream().sorted(order).map(ReportGroup::arn).toList();
        Page<String> page = Page.of(arns, Optional.ofNullable(in.nextToken()), maxResults(in.maxResults()));
        return ListReportGroupsResponse.builder().reportGroups(page.items()).nextToken(page.nextToken().orElse(null))
                .build();
    }

    private BatchGetReportsResponse batchGetReports(BatchGetReportsRequest in, AwsCall call) {
        checkBatch(in.reportArns().size(), "reportArns");
        List<software.amazon.awssdk.services.codebuild.model.Report> found = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (String arn : in.reportArns()) {
            backend.report(arn).ifPresentOrElse(r -> found.add(report(r)), () -> missing.add(arn));
        }
        return BatchGetReportsResponse.builder().reports(found).reportsNotFound(missing).build();
    }

    private ListReportsForReportGroupResponse listReportsForReportGroup(ListReportsForReportGroupRequest in,
            AwsCall call) {
        List<Report> reports = new ArrayList<>(backend.reportsOf(in.reportGroupArn()));
        if (in.filter() != null && in.filter().statusAsString() != null) {
            String status = in.filter().statusAsString();
            reports.removeIf(r -> !r.status().equals(status));
        }
        if ("ASCENDING".equals(in.sortOrderAsString())) {
            java.util.Collections.reverse(reports);
        }
        Page<String> page = Page.of(reports.stream().map(Report::arn).toList(), Optional.ofNullable(in.nextToken()),
                maxResults(in.maxResults()));
        return ListReportsForReportGroupResponse.builder().reports(page.items())
                .nextToken(page.nextToken().orElse(null)).build();
    }

    private DescribeTestCasesResponse describeTestCases(DescribeTestCasesRequest in, AwsCall call) {
        List<TestCase> cases = backend.testCases(in.reportArn());
        if (in.filter() != null) {
            String status = in.filter().status();
            String keyword = Optional.ofNullable(in.filter().keyword()).map(k -> k.toLowerCase(Locale.ROOT))
                    .orElse(null);
            cases = cases.stream()
                    .filter(c -> status == null || c.status().equals(status))
                    .filter(c -> keyword == null || c.name().toLowerCase(Locale.ROOT).contains(keyword)
                            || c.prefix().toLowerCase(Locale.ROOT).contains(keyword))
                    .toList();
        }
        Page<TestCase> page = Page.of(cases, Optional.ofNullable(in.nextToken()), maxResults(in.maxResults()));
        return DescribeTestCasesResponse.builder()
                .testCases(page.items().stream().map(c -> software.amazon.awssdk.services.codebuild.model.TestCase
                        .builder().reportArn(c.reportArn()).testRawDataPath(c.testRawDataPath()).prefix(c.prefix())
                        .name(c.name()).status(c.status()).durationInNanoSeconds(c.durationInNanoSeconds())
                        .message(c.message()).expired(c.expired()).testSuiteName(c.testSuiteName()).build())
                        .toList())
                .nextToken(page.nextToken().orElse(null)).build();
    }

    private DescribeCodeCoveragesResponse describeCodeCoverages(DescribeCodeCoveragesRequest in, AwsCall call) {
        double min = Optional.ofNullable(in.minLineCoveragePercentage()).orElse(0.0);
        double max = Optional.ofNullable(in.maxLineCoveragePercentage()).orElse(100.0);
        Comparator<FileCoverage> order = "LINE_COVERAGE_PERCENTAGE".equals(in.sortByAsString())
                ? Comparator.comparingDouble(FileCoverage::lineCoveragePercentage)
                        .thenComparing(FileCoverage::filePath)
                : Comparator.comparing(FileCoverage::filePath);
        if ("DESCENDING".equals(in.sortOrderAsString())) {
            order = order.reversed();
        }
        List<FileCoverage> coverages = backend.codeCoverages(in.reportArn()).stream()
                .filter(c -> c.lineCoveragePercentage() >= min && c.lineCoveragePercentage() <= max)
                .sorted(order).toList();
        Page<FileCoverage> page = Page.of(coverages, Optional.ofNullable(in.nextToken()),
                maxResults(in.maxResults()));
        return DescribeCodeCoveragesResponse.builder()
                .codeCoverages(page.items().stream().map(c -> CodeCoverage.builder().id(c.id())
                        .reportARN(c.reportArn()).filePath(c.filePath())
                        .lineCoveragePercentage(c.lineCoveragePercentage()).linesCovered(c.linesCovered())
                        .linesMissed(c.linesMissed()).branchCoveragePercentage(c.branchCoveragePercentage())
                        .branchesCovered(c.branchesCovered()).branchesMissed(c.branchesMissed())
                        .expired(c.expired()).build()).toList())
                .nextToken(page.nextToken().orElse(null)).build();
    }

    private software.amazon.awssdk.services.codebuild.model.ReportGroup reportGroup(ReportGroup group) {
        return software.amazon.awssdk.services.codebuild.model.ReportGroup.builder().arn(group.arn())
                .name(group.name()).type(group.type().name()).exportConfig(exportConfig(group.exportConfig()))
                .created(group.created()).lastModified(group.lastModified()).status("ACTIVE")
                .tags(group.tags().entrySet().stream().map(e -> Tag.builder().key(e.getKey()).value(e.getValue())
                        .build()).toList())
                .build();
    }

    private software.amazon.awssdk.services.codebuild.model.Report report(Report report) {
        software.amazon.awssdk.services.codebuild.model.Report.Builder b =
                software.amazon.awssdk.services.codebuild.model.Report.builder().arn(report.arn())
                        .type(report.type().name()).name(report.name()).reportGroupArn(report.reportGroupArn())
                        .executionId(report.executionId()).status(report.status()).created(report.created())
                        .expired(report.expired()).truncated(report.truncated())
                        .exportConfig(backend.reportGroup(report.reportGroupArn())
                                .map(g -> exportConfig(g.exportConfig())).orElse(null));
        report.testSummaryIfAny().ifPresent(t -> b.testSummary(TestReportSummary.builder().total(t.total())
                .statusCounts(t.statusCounts()).durationInNanoSeconds(t.durationInNanoSeconds()).build()));
        report.coverageSummaryIfAny().ifPresent(c -> b.codeCoverageSummary(CodeCoverageReportSummary.builder()
                .lineCoveragePercentage(c.lineCoveragePercentage()).linesCovered(c.linesCovered())
                .linesMissed(c.linesMissed()).branchCoveragePercentage(c.branchCoveragePercentage())
                .branchesCovered(c.branchesCovered()).branchesMissed(c.branchesMissed()).build()));
        return b.build();
    }

    private static ReportExportConfig exportConfig(String json) {
        try {
            return ModelJson.read(json, ReportExportConfig::builder);
        } catch (IOException | RuntimeException e) {
            return ReportExportConfig.builder().exportConfigType("NO_EXPORT").build();
        }
    }

    private static int maxResults(Integer requested) {
        if (requested == null) {
            return ID_PAGE;
        }
        if (requested < 1 || requested > 100) {
            throw AwsException.badRequest("InvalidInputException", "1 validation error detected: Value '" + requested
                    + "' at 'maxResults' failed to satisfy constraint: Member must have value between 1 and 100");
        }
        return requested;
    }

    private static void checkBatch(int size, String member) {
        if (size > MAX_BATCH) {
            throw AwsException.badRequest("InvalidInputException", "1 validation error detected: Value at '" + member
                    + "' failed to satisfy constraint: Member must have length less than or equal to " + MAX_BATCH);
        }
    }
}
