package dev.stepsolver.emulator.codebuild;

import java.io.IOException;
import java.math.BigDecimal;
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
 * Test cases from JUnit XML ({@code <testsuites>}/{@code <testsuite>}/{@code <testcase>} with
 * {@code <failure>}, {@code <error>}, {@code <skipped>}), as Surefire and most tools write it.
 */
final class JUnitXml {

    static final int MAX_MESSAGE_CHARS = 4096;

    private JUnitXml() {
    }

    /** One parsed test case. */
    record Case(String suite, String prefix, String name, String status, long durationNanos, String message) {
    }

    /**
     * Reads at most {@code limit} cases from {@code file}.
     *
     * @throws SAXException when the file is not well-formed XML
     */
    static List<Case> read(Path file, int limit) throws IOException, SAXException {
        Handler handler = new Handler(limit);
        SafeXml.parse(file, handler);
        return handler.cases;
    }

    private static final class Handler extends DefaultHandler {
        private final int limit;
        private final List<Case> cases = new ArrayList<>();
        private final Deque<String> suites = new ArrayDeque<>();
        private String prefix;
        private String name;
        private long duration;
        private String status;
        private final StringBuilder message = new StringBuilder();
        private boolean inOutcome;

        Handler(int limit) {
            this.limit = limit;
        }

        @Override
        public void startElement(String uri, String localName, String qName, Attributes attributes) {
            switch (qName) {
                case "testsuite" -> suites.push(value(attributes, "name", ""));
                case "testcase" -> {
                    prefix = value(attributes, "classname", "");
                    name = value(attributes, "name", "");
                    duration = nanos(value(attributes, "time", "0"));
                    status = "SUCCEEDED";
                    message.setLength(0);
                }
                case "failure", "error", "skipped" -> {
                    if (name != null) {
                        // a failure outranks a skip when a tool writes both
                        if (!"FAILED".equals(status) && !"ERROR".equals(status)) {
                            status = switch (qName) {
                                case "failure" -> "FAILED";
                                case "error" -> "ERROR";
                                default -> "SKIPPED";
                            };
                        }
                        append(value(attributes, "message", ""));
                        append("\n");
                        inOutcome = true;
                    }
                }
                default -> {
                }
            }
        }

        @Override
        public void characters(char[] ch, int start, int length) {
            if (inOutcome) {
                append(new String(ch, start, length));
            }
        }

        @Override
        public void endElement(String uri, String localName, String qName) {
            switch (qName) {
                case "testsuite" -> {
                    if (!suites.isEmpty()) {
                        suites.pop();
                    }
                }
                case "failure", "error", "skipped" -> inOutcome = false;
                case "testcase" -> {
                    if (name != null && cases.size() < limit) {
                        String text = message.toString().strip();
                        cases.add(new Case(suites.isEmpty() ? "" : suites.peek(), prefix, name, status, duration,
                                text.isEmpty() ? null : text));
                    }
                    name = null;
                }
                default -> {
                }
            }
        }

        private void append(String text) {
            int room = MAX_MESSAGE_CHARS - message.length();
            if (room > 0) {
                message.append(text, 0, Math.min(room, text.length()));
            }
        }

        @Override
        public void error(SAXParseException e) throws SAXException {
            throw e;
        }

        private static String value(Attributes attributes, String name, String fallback) {
            String value = attributes.getValue(name);
            return value == null ? fallback : value;
        }

        private static long nanos(String seconds) {
            try {
                return new BigDecimal(seconds.replace(",", "").trim()).movePointRight(9).longValue();
            } catch (NumberFormatException | ArithmeticException e) {
                return 0;
            }
        }
    }
}
