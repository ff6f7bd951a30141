package dev.stepsolver.emulator.codebuild;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.xml.sax.Attributes;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Line and branch counters from a JaCoCo XML report: the report's totals and each source file's
 * ({@code <package name="dev/x"><sourcefile name="A.java"><counter type="LINE" .../>}).
 */
final class JacocoXml {

    private JacocoXml() {
    }

    /** Covered and missed lines and branches. */
    record Counts(int linesCovered, int linesMissed, int branchesCovered, int branchesMissed) {
        static final Counts ZERO = new Counts(0, 0, 0, 0);

        Counts plus(Counts other) {
            return new Counts(linesCovered + other.linesCovered, linesMissed + other.linesMissed,
                    branchesCovered + other.branchesCovered, branchesMissed + other.branchesMissed);
        }

        double linePercentage() {
            return percentage(linesCovered, linesMissed);
        }

        double branchPercentage() {
            return percentage(branchesCovered, branchesMissed);
        }

        private static double percentage(int covered, int missed) {
            int total = covered + missed;
            return total == 0 ? 0.0 : Math.round(covered * 10000.0 / total) / 100.0;
        }
    }

    /** One source file's counts; {@code path} is {@code package/File.java}. */
    record FileCounts(String path, Counts counts) {
    }

    /** A whole report. */
    record Coverage(Counts total, List<FileCounts> files) {
    }

    static Coverage read(Path file, int limit) throws IOException, SAXException {
        Handler handler = new Handler(limit);
        SafeXml.parse(file, handler);
        return new Coverage(handler.total, handler.files);
    }

    private static final class Handler extends DefaultHandler {
        private final int limit;
        private final Deque<String> elements = new ArrayDeque<>();
        private final List<FileCounts> files = new ArrayList<>();
        private Counts total = Counts.ZERO;
        private String packageName = "";
        private String sourceFile;
        private Counts fileCounts = Counts.ZERO;

        Handler(int limit) {
            this.limit = limit;
        }

        @Override
        public void startElement(String uri, String localName, String qName, Attributes attributes) {
            String parent = elements.peek();
            switch (qName) {
                case "package" -> packageName = valueOf(attributes, "name");
                case "sourcefile" -> {
                    if ("package".equals(parent)) {
                        sourceFile = valueOf(attributes, "name");
                        fileCounts = Counts.ZERO;
                    }
                }
                case "counter" -> {
                    Counts counts = counts(attributes);
                    if ("report".equals(parent)) {
                        total = total.plus(counts);
                    } else if ("sourcefile".equals(parent) && sourceFile != null) {
                        fileCounts = fileCounts.plus(counts);
                    }
                }
                default -> {
                }
            }
            elements.push(qName);
        }

        @Override
        public void endElement(String uri, String localName, String qName) {
            elements.pop();
            if ("sourcefile".equals(qName) && sourceFile != null) {
                if (files.size() < limit) {
                    String path = packageName.isEmpty() ? sourceFile : packageName + "/" + sourceFile;
                    files.add(new FileCounts(path, fileCounts));
                }
                sourceFile = null;
            }
        }

        @Override
        public void error(SAXParseException e) throws SAXException {
            throw e;
        }

        private static Counts counts(Attributes attributes) {
            int missed = number(attributes.getValue("missed"));
            int covered = number(attributes.getValue("covered"));
            return switch (valueOf(attributes, "type")) {
                case "LINE" -> new Counts(covered, missed, 0, 0);
                case "BRANCH" -> new Counts(0, 0, covered, missed);
                default -> Counts.ZERO;
            };
        }

        private static String valueOf(Attributes attributes, String name) {
            String value = attributes.getValue(name);
            return value == null ? "" : value;
        }

        private static int number(String text) {
            try {
                return text == null ? 0 : Math.max(0, Integer.parseInt(text.trim()));
            } catch (NumberFormatException e) {
                return 0;
            }
        }
    }
}
