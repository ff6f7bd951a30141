package dev.stepsolver.emulator.codebuild;

import dev.stepsolver.emulator.protocol.AwsException;
import dev.stepsolver.emulator.state.PersistentCollection;
import dev.stepsolver.emulator.state.StateStore;
import dev.stepsolver.emulator.time.EmulatorClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/** Report groups, their reports, and the reports' test cases and file coverages, written through. */
final class ReportStore {

    /** How long AWS keeps a report's raw data. */
    static final Duration RETENTION = Duration.ofDays(30);
    private static final Pattern GROUP_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9\\-_]{1,127}");

    /** A report's cases or coverages (kept apart from the report: they can be many). */
    record ReportDetails(List<TestCase> testCases, List<FileCoverage> coverages) {
        ReportDetails {
            testCases = List.copyOf(testCases);
            coverages = List.copyOf(coverages);
        }
    }

    private final EmulatorClock clock;
    private final String region;
    private final String accountId;
    private final PersistentCollection<ReportGroup> groupStore;
    private final PersistentCollection<Report> reportStore;
    private final PersistentCollection<ReportDetails> detailStore;
    private final Map<String, ReportGroup> groups = new ConcurrentHashMap<>();
    private final Map<String, Report> reports = new ConcurrentHashMap<>();
    private final Map<String, ReportDetails> details = new ConcurrentHashMap<>();

    ReportStore(EmulatorClock clock, StateStore state, String region, String accountId) {
        this.clock = clock;
        this.region = region;
        this.accountId = accountId;
        this.groupStore = state.collection("codebuild.report-groups", ReportGroup.class);
        this.reportStore = state.collection("codebuild.reports", Report.class);
        this.detailStore = state.collection("codebuild.report-details", ReportDetails.class);
        groupStore.loadAll().values().forEach(g -> groups.put(g.arn(), g));
        reportStore.loadAll().values().forEach(r -> reports.put(r.arn(), r));
        details.putAll(detailStore.loadAll());
    }

    String groupArn(String name) {
        return "arn:aws:codebuild:" + region + ":" + accountId + ":report-group/" + name;
    }

    synchronized ReportGroup createGroup(String name, ReportType type, String exportConfig, Map<String, String> tags) {
        if (!GROUP_NAME.matcher(name).matches()) {
            throw invalidInput("Invalid report group name: " + name + " (2 to 128 letters, digits, '-' or '_',"
                    + " starting with a letter or digit)");
        }
        String arn = groupArn(name);
        if (groups.containsKey(arn)) {
            throw new AwsException("ResourceAlreadyExistsException", "Report group " + arn + " already exists", 400);
        }
        Instant now = clock.now();
        ReportGroup group = new ReportGroup(arn, name, type, exportConfig, now, now, tags);
        groupStore.put(arn, group);
        groups.put(arn, group);
        return group;
    }

    /** A group by name or ARN. */
    Optional<ReportGroup> group(String nameOrArn) {
        return Optional.ofNullable(groups.get(nameOrArn.startsWith("arn:") ? nameOrArn : groupArn(nameOrArn)));
    }

    List<ReportGroup> groups() {
        return List.copyOf(groups.values());
    }

    synchronized void deleteGroup(String arn, boolean deleteReports) {
        ReportGroup group = group(arn).orElseThrow(() -> new AwsException("ResourceNotFoundException",
                "Report group " + arn + " does not exist", 400));
        List<Report> owned = reportsOf(group.arn());
        if (!owned.isEmpty() && !deleteReports) {
            throw invalidInput("Cannot delete report group " + group.arn() + " because it contains reports;"
                    + " set deleteReports to delete them with it");
        }
        for (Report report : owned) {
            reportStore.remove(report.arn());
            detailStore.remove(report.arn());
            reports.remove(report.arn());
            details.remove(report.arn());
        }
        groupStore.remove(group.arn());
        groups.remove(group.arn());
    }

    /**
     * The group a buildspec report {@code key} of {@code project} goes to: the group whose ARN the
     * key is, or the group {@code project-key}, created on demand as AWS does.
     */
    synchronized Optional<ReportGroup> groupForBuild(String project, String key, ReportType type) {
        if (key.startsWith("arn:")) {
            return group(key);
        }
        String name = project + "-" + key;
        Optional<ReportGroup> existing = group(name);
        if (existing.isPresent()) {
            return existing;
        }
        return Optional.of(createGroup(name, type, "{\"exportConfigType\":\"NO_EXPORT\"}", Map.of()));
    }

    /** Stores a new report and its cases or coverages. */
    synchronized Report addReport(ReportGroup group, String buildArn, ReportType type, String status,
            Optional<Report.TestSummary> tests, Optional<Report.CoverageSummary> coverage, List<TestCase> cases,
            List<FileCoverage> coverages, boolean truncated, String reportArn) {
        Instant now = clock.now();
        String name = reportArn.substring(reportArn.indexOf(":report/") + ":report/".length());
        Report report = new Report(reportArn, type, name, group.arn(), buildArn, status, now, now.plus(RETENTION),
                tests.orElse(null), coverage.orElse(null), truncated);
        ReportDetails detail = new ReportDetails(cases, coverages);
        detailStore.put(reportArn, detail);
        reportStore.put(reportArn, report);
        details.put(reportArn, detail);
        reports.put(reportArn, report);
        ReportGroup touched = new ReportGroup(group.arn(), group.name(), group.type(), group.exportConfig(),
                group.created(), now, group.tags());
        groupStore.put(group.arn(), touched);
        groups.put(group.arn(), touched);
        return report;
    }

    /** When raw data of a report made now expires. */
    Instant expiry() {
        return clock.now().plus(RETENTION);
    }

    /** A new report's ARN in {@code group}. */
    String newReportArn(ReportGroup group) {
        return "arn:aws:codebuild:" + region + ":" + accountId + ":report/" + group.name() + ":" + UUID.randomUUID();
    }

    Optional<Report> report(String arn) {
        return Optional.ofNullable(reports.get(arn));
    }

    /** A group's reports, newest first. */
    List<Report> reportsOf(String groupArn) {
        List<Report> result = new ArrayList<>();
        for (Report report : reports.values()) {
            if (report.reportGroupArn().equals(groupArn)) {
                result.add(report);
            }
        }
        result.sort(Comparator.comparing(Report::created).reversed().thenComparing(Report::arn));
        return result;
    }

    List<TestCase> testCases(String reportArn) {
        return requireDetails(reportArn).testCases();
    }

    List<FileCoverage> coverages(String reportArn) {
        return requireDetails(reportArn).coverages();
    }

    private ReportDetails requireDetails(String reportArn) {
        if (!reports.containsKey(reportArn)) {
            throw new AwsException("ResourceNotFoundException", "Report " + reportArn + " does not exist", 400);
        }
        return details.getOrDefault(reportArn, new ReportDetails(List.of(), List.of()));
    }

    private static AwsException invalidInput(String message) {
        return AwsException.badRequest("InvalidInputException", message);
    }
}
