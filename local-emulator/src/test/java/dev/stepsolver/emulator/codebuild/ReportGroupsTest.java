package dev.stepsolver.emulator.codebuild;

import static dev.stepsolver.emulator.codebuild.CodeBuildFixtures.awaitComplete;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stepsolver.emulator.LocalEmulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.codebuild.CodeBuildClient;
import software.amazon.awssdk.services.codebuild.model.BatchGetReportGroupsResponse;
import software.amazon.awssdk.services.codebuild.model.InvalidInputException;
import software.amazon.awssdk.services.codebuild.model.ReportExportConfigType;
import software.amazon.awssdk.services.codebuild.model.ReportGroup;
import software.amazon.awssdk.services.codebuild.model.ReportType;
import software.amazon.awssdk.services.codebuild.model.ResourceAlreadyExistsException;
import software.amazon.awssdk.services.codebuild.model.SourceType;

class ReportGroupsTest {

    private static final String PASSING_TESTS = """
            version: 0.2
            phases:
              build:
                commands:
                  - mkdir -p reports
                  - echo '<testsuite name="s"><testcase classname="c" name="ok"/></testsuite>' > reports/TEST-s.xml
            reports:
              %s:
                files:
                  - reports/*.xml
            """;

    private static LocalEmulator emulator;
    private static CodeBuildClient codeBuild;

    @BeforeAll
    static void start() {
        emulator = LocalEmulator.builder().port(0).build().start();
        codeBuild = CodeBuildFixtures.codeBuild(emulator.endpoint());
        codeBuild.createProject(CodeBuildFixtures.project("reporting", "x/y")
                .source(s -> s.type(SourceType.NO_SOURCE).buildspec(PASSING_TESTS.formatted("tests"))).build());
    }

    @AfterAll
    static void stop() {
        codeBuild.close();
        emulator.close();
    }

    private static ReportGroup create(String name) {
        return codeBuild.createReportGroup(r -> r.name(name).type(ReportType.TEST)
                .exportConfig(e -> e.exportConfigType(ReportExportConfigType.NO_EXPORT))
                .tags(t -> t.key("team").value("solver"))).reportGroup();
    }

    @Test
    void aCreatedReportGroupCanBeReadBackByArn() {
        ReportGroup created = create("created-group");

        BatchGetReportGroupsResponse response = codeBuild.batchGetReportGroups(r -> r.reportGroupArns(created.arn(),
                "arn:aws:codebuild:us-east-1:000000000000:report-group/missing"));

        assertThat(created.arn()).isEqualTo("arn:aws:codebuild:us-east-1:000000000000:report-group/created-group");
        assertThat(response.reportGroups()).singleElement().satisfies(g -> {
            assertThat(g.typeAsString()).isEqualTo("TEST");
            assertThat(g.exportConfig().exportConfigTypeAsString()).isEqualTo("NO_EXPORT");
            assertThat(g.tags()).singleElement().satisfies(t -> assertThat(t.value()).isEqualTo("solver"));
        });
        assertThat(response.reportGroupsNotFound()).containsExactly(
                "arn:aws:codebuild:us-east-1:000000000000:report-group/missing");
    }

    @Test
    void creatingAReportGroupTwiceFailsWithResourceAlreadyExists() {
        create("twice-group");

        assertThatThrownBy(() -> create("twice-group")).isInstanceOf(ResourceAlreadyExistsException.class);
    }

    @Test
    void listReportGroupsNamesEveryGroup() {
        ReportGroup listed = create("listed-group");

        assertThat(codeBuild.listReportGroups(r -> { }).reportGroups()).contains(listed.arn());
    }

    @Test
    void aBuildReportsIntoAnExistingGroupNamedAfterItsProjectAndKey() {
        ReportGroup group = create("reporting-tests");
        String id = codeBuild.startBuild(r -> r.projectName("reporting")).build().id();

        String reportArn = awaitComplete(codeBuild, id).reportArns().get(0);

        assertThat(codeBuild.listReportsForReportGroup(r -> r.reportGroupArn(group.arn())).reports())
                .containsExactly(reportArn);
        assertThat(codeBuild.batchGetReports(r -> r.reportArns(reportArn)).reports()).singleElement()
                .satisfies(report -> assertThat(report.statusAsString()).isEqualTo("SUCCEEDED"));
    }

    @Test
    void aBuildReportsIntoAGroupGivenByArn() {
        ReportGroup group = create("by-arn");
        String id = codeBuild.startBuild(r -> r.projectName("reporting")
                .buildspecOverride(PASSING_TESTS.formatted(group.arn()))).build().id();

        String reportArn = awaitComplete(codeBuild, id).reportArns().get(0);

        assertThat(reportArn).startsWith("arn:aws:codebuild:us-east-1:000000000000:report/by-arn:");
    }

    @Test
    void aGroupWithReportsIsDeletedOnlyWithItsReports() {
        ReportGroup group = create("reporting-kept");
        String id = codeBuild.startBuild(r -> r.projectName("reporting")
                .buildspecOverride(PASSING_TESTS.formatted("kept"))).build().id();
        String reportArn = awaitComplete(codeBuild, id).reportArns().get(0);

        assertThatThrownBy(() -> codeBuild.deleteReportGroup(r -> r.arn(group.arn())))
                .isInstanceOf(InvalidInputException.class);
        codeBuild.deleteReportGroup(r -> r.arn(group.arn()).deleteReports(true));

        assertThat(codeBuild.batchGetReportGroups(r -> r.reportGroupArns(group.arn())).reportGroups()).isEmpty();
        assertThat(codeBuild.batchGetReports(r -> r.reportArns(reportArn)).reportsNotFound())
                .containsExactly(reportArn);
    }
}
