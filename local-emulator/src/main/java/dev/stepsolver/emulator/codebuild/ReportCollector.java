package dev.stepsolver.emulator.codebuild;

import dev.stepsolver.emulator.codebuild.Buildspec.ReportSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.xml.sax.SAXException;

/** Turns a buildspec report's files into a report in its report group. */
final class ReportCollector {

    /** Cases or files kept per report; beyond it the report is marked truncated. */
    static final int MAX_ENTRIES = 100_000;

    private final ReportStore reports;

    ReportCollector(ReportStore reports) {
        this.reports = reports;
    }

    /**
     * Reads the report {@code key}'s files and stores the report; notes what happens on {@code log}.
     * A report never fails the build (as in AWS): problems are logged and leave it INCOMPLETE.
     */
    Optional<Report> collect(String project, String buildArn, String key, ReportSpec spec, Path sourceDirectory,
            Consumer<String> log) throws IOException {
        if (!spec.format().supported()) {
            log.accept("Skipping report " + key + ": the emulator does not read " + spec.format() + " files"
                    + " (it reads JUNITXML and JACOCOXML)");
            return Optional.empty();
        }
        Path root = sourceDirectory.toAbsolutePath().normalize();
        Path base = root.resolve(spec.baseDirectory().orElse("")).normalize();
        List<String> files;
        try {
            files = base.startsWith(root) ? FileGlobs.select(base, spec.files(), List.of()) : List.of();
        } catch (FileGlobs.TooManyFilesException e) {
            log.accept("Skipping report " + key + ": " + e.getMessage());
            return Optional.empty();
        }
        if (files.isEmpty()) {
            log.accept("Skipping report " + key + ": no matching report paths found");
            return Optional.empty();
        }
        ReportType type = spec.format().type();
        Optional<ReportGroup> found = reports.groupForBuild(project, key, type);
        if (found.isEmpty()) {
            log.accept("Skipping report " + key + ": report group " + key + " does not exist");
            return Optional.empty();
        }
        ReportGroup group = found.get();
        if (group.type() != type) {
            log.accept("Skipping report " + key + ": report group " + group.name() + " holds " + group.type()
                    + " reports, not " + type);
            return Optional.empty();
        }
        String reportArn = reports.newReportArn(group);
        Instant expires = reports.expiry();
        boolean incomplete = false;
        boolean truncated = false;
        Report report;
        if (type == ReportType.TEST) {
            List<TestCase> cases = new ArrayList<>();
            for (String file : files) {
                try {
                    List<JUnitXml.Case> parsed = JUnitXml.read(base.resolve(file), MAX_ENTRIES - cases.size());
                    String rawPath = root.relativize(base.resolve(file)).toString();
                    for (JUnitXml.Case c : parsed) {
                        cases.add(new TestCase(reportArn, rawPath, c.prefix(), c.name(), c.status(), c.durationNanos(),
                                c.message(), c.suite(), expires));
                    }
                    truncated |= cases.size() >= MAX_ENTRIES;
                } catch (SAXException e) {
                    incomplete = true;
                    log.accept("Report " + key + ": " + file + " is not valid JUnit XML: " + e.getMessage());
                }
            }
            Map<String, Integer> counts = new LinkedHashMap<>();
            long duration = 0;
            for (TestCase c : cases) {
                counts.merge(c.status(), 1, Integer::sum);
                duration += c.durationInNanoSeconds();
            }
            boolean failed = counts.containsKey("FAILED") || counts.containsKey("ERROR");
            String status = incomplete ? "INCOMPLETE" : failed ? "FAILED" : "SUCCEEDED";
            report = reports.addReport(group, buildArn, type, status,
                    Optional.of(new Report.TestSummary(cases.size(), counts, duration)), Optional.empty(),
                    cases, List.of(), truncated, reportArn);
            log.accept("Report " + key + ": " + cases.size() + " test cases " + counts + " into " + group.name());
        } else {
            JacocoXml.Counts total = JacocoXml.Counts.ZERO;
            List<FileCoverage> coverages = new ArrayList<>();
            for (String file : files) {
                try {
                    JacocoXml.Coverage coverage = JacocoXml.read(base.resolve(file), MAX_ENTRIES - coverages.size());
                    total = total.plus(coverage.total());
                    for (JacocoXml.FileCounts f : coverage.files()) {
                        JacocoXml.Counts c = f.counts();
                        coverages.add(new FileCoverage(UUID.randomUUID().toString(), reportArn, f.path(),
                                c.linePercentage(), c.linesCovered(), c.linesMissed(), c.branchPercentage(),
                                c.branchesCovered(), c.branchesMissed(), expires));
                    }
                    truncated |= coverages.size() >= MAX_ENTRIES;
                } catch (SAXException e) {
                    incomplete = true;
                    log.accept("Report " + key + ": " + file + " is not valid JaCoCo XML: " + e.getMessage());
                }
            }
            Report.CoverageSummary summary = new Report.CoverageSummary(total.linePercentage(), total.linesCovered(),
                    total.linesMissed(), total.branchPercentage(), total.branchesCovered(), total.branchesMissed());
            report = reports.addReport(group, buildArn, type, incomplete ? "INCOMPLETE" : "SUCCEEDED",
                    Optional.empty(), Optional.of(summary), List.of(), coverages, truncated,
                    reportArn);
            log.accept("Report " + key + ": line coverage " + summary.lineCoveragePercentage() + "%, branch coverage "
                    + summary.branchCoveragePercentage() + "% over " + coverages.size() + " files into "
                    + group.name());
        }
        return Optional.of(report);
    }
}
