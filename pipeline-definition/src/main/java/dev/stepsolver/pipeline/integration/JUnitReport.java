package dev.stepsolver.pipeline.integration;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/** Writes the results as JUnit XML, the format CodeBuild report groups read (JUNITXML). */
public final class JUnitReport {

    private JUnitReport() {
    }

    public static void write(Path file, String suiteName, List<CaseResult> results) throws IOException {
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        long failures = results.stream().filter(r -> !r.passed()).count();
        Duration total = results.stream().map(CaseResult::elapsed).reduce(Duration.ZERO, Duration::plus);
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeCharacters("\n");
            xml.writeStartElement("testsuite");
            xml.writeAttribute("name", suiteName);
            xml.writeAttribute("tests", String.valueOf(results.size()));
            xml.writeAttribute("failures", String.valueOf(failures));
            xml.writeAttribute("errors", "0");
            xml.writeAttribute("skipped", "0");
            xml.writeAttribute("time", seconds(total));
            for (CaseResult r : results) {
                xml.writeCharacters("\n  ");
                xml.writeStartElement("testcase");
                xml.writeAttribute("classname", suiteName);
                xml.writeAttribute("name", r.testCase().description());
                xml.writeAttribute("time", seconds(r.elapsed()));
                if (r.failure().isPresent()) {
                    xml.writeCharacters("\n    ");
                    xml.writeStartElement("failure");
                    xml.writeAttribute("message", r.failure().get());
                    xml.writeAttribute("type", "ContractMismatch");
                    xml.writeCharacters("equation: " + r.testCase().equation() + "\n" + r.failure().get()
                            + "\nattempts: " + r.attempts());
                    xml.writeEndElement();
                    xml.writeCharacters("\n  ");
                }
                xml.writeEndElement();
            }
            xml.writeCharacters("\n");
            xml.writeEndElement();
            xml.writeCharacters("\n");
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.3f", d.toMillis() / 1000.0);
    }
}
