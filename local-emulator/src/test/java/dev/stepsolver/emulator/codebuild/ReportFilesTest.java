package dev.stepsolver.emulator.codebuild;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xml.sax.SAXException;

/** JUnit XML and JaCoCo XML as builds write them, read safely. */
class ReportFilesTest {

    @TempDir
    Path dir;

    private Path write(String name, String xml) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, xml);
        return file;
    }

    @Test
    void junitCasesCarryTheirSuiteClassStatusDurationAndMessage() throws Exception {
        Path file = write("TEST-a.xml", """
                <testsuites>
                  <testsuite name="suite-a">
                    <testcase classname="a.A" name="passes" time="1.5"/>
                    <testcase classname="a.A" name="fails" time="0.25"><failure message="boom">trace</failure></testcase>
                  </testsuite>
                </testsuites>
                """);

        List<JUnitXml.Case> cases = JUnitXml.read(file, 100);

        assertThat(cases).containsExactly(new JUnitXml.Case("suite-a", "a.A", "passes", "SUCCEEDED", 1_500_000_000L,
                null), new JUnitXml.Case("suite-a", "a.A", "fails", "FAILED", 250_000_000L, "boom\ntrace"));
    }

    @Test
    void junitReadingStopsAtTheLimit() throws Exception {
        Path file = write("TEST-many.xml", "<testsuite name='s'>" + "<testcase classname='c' name='n'/>".repeat(10)
                + "</testsuite>");

        assertThat(JUnitXml.read(file, 3)).hasSize(3);
    }

    @Test
    void externalEntitiesAreNeverResolved() throws Exception {
        Path secret = write("secret.txt", "TOP-SECRET");
        Path file = write("TEST-xxe.xml", "<?xml version=\"1.0\"?>\n<!DOCTYPE testsuite [<!ENTITY leak SYSTEM \""
                + secret.toUri() + "\">]>\n<testsuite name=\"s\"><testcase classname=\"c\" name=\"n\">"
                + "<failure message=\"m\">&leak;</failure></testcase></testsuite>");

        List<JUnitXml.Case> cases;
        try {
            cases = JUnitXml.read(file, 10);
        } catch (SAXException refused) {
            return;
        }
        assertThat(cases).allSatisfy(c -> assertThat(String.valueOf(c.message())).doesNotContain("TOP-SECRET"));
    }

    @Test
    void malformedXmlIsAnError() throws Exception {
        Path file = write("TEST-bad.xml", "<testsuite><testcase name='x'></testsuite>");

        assertThatThrownBy(() -> JUnitXml.read(file, 10)).isInstanceOf(SAXException.class);
    }

    @Test
    void jacocoGivesReportTotalsAndEachSourceFilesLinesAndBranches() throws Exception {
        Path file = write("jacoco.xml", "<?xml version=\"1.0\"?><!DOCTYPE report PUBLIC \"-//JACOCO//DTD Report 1.1//EN\""
                + " \"report.dtd\"><report name=\"r\"><package name=\"p\"><class name=\"p/A\"><counter type=\"LINE\""
                + " missed=\"9\" covered=\"9\"/></class><sourcefile name=\"A.java\"><counter type=\"LINE\" missed=\"1\""
                + " covered=\"3\"/><counter type=\"BRANCH\" missed=\"0\" covered=\"2\"/></sourcefile>"
                + "<counter type=\"LINE\" missed=\"1\" covered=\"3\"/></package><counter type=\"LINE\" missed=\"1\""
                + " covered=\"3\"/><counter type=\"BRANCH\" missed=\"0\" covered=\"2\"/></report>");

        JacocoXml.Coverage coverage = JacocoXml.read(file, 100);

        assertThat(coverage.total()).isEqualTo(new JacocoXml.Counts(3, 1, 2, 0));
        assertThat(coverage.total().linePercentage()).isEqualTo(75.0);
        assertThat(coverage.files()).containsExactly(new JacocoXml.FileCounts("p/A.java",
                new JacocoXml.Counts(3, 1, 2, 0)));
    }
}
