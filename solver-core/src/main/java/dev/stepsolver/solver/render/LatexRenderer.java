package dev.stepsolver.solver.render;

import dev.stepsolver.solver.Solution;
import dev.stepsolver.solver.Step;
import java.util.ArrayList;
import java.util.List;

/**
 * One LaTeX math-mode string per text line: prose goes in {@code \text{…}} (headings in
 * {@code \textbf{…}}), formulas are typeset: {@code x^12} becomes {@code x^{12}}, {@code √8}
 * {@code \sqrt{8}}, {@code ∛(1 + √2)} {@code \sqrt[3]{1 + \sqrt{2}}}, {@code 1/3}
 * {@code \frac{1}{3}}, {@code ±} {@code \pm}.
 */
public final class LatexRenderer {

    private LatexRenderer() {
    }

    public static List<String> lines(Solution solution) {
        List<String> out = new ArrayList<>();
        for (Step step : solution.steps()) {
            for (Step.Line line : step.lines()) {
                out.add(line(line));
            }
        }
        return out;
    }

    static String line(Step.Line line) {
        StringBuilder sb = new StringBuilder();
        for (Step.Fragment f : line.fragments()) {
            switch (f) {
                case Step.Prose p -> prose(sb, p.text(), line.heading());
                case Step.Formula m -> math(sb, m.text());
            }
        }
        return sb.toString();
    }

    private static void prose(StringBuilder sb, String text, boolean bold) {
        String trimmed = text.strip();
        if (trimmed.isEmpty()) {
            sb.append(text.length() >= 2 ? "\\quad " : "\\ ");
            return;
        }
        if (Character.isWhitespace(text.charAt(0))) {
            sb.append("\\ ");
        }
        sb.append(bold ? "\\textbf{" : "\\text{");
        for (int i = 0; i < trimmed.length(); i++) {
            char c = trimmed.charAt(i);
            switch (c) {
                case '\\' -> sb.append("\\textbackslash{}");
                case '{', '}', '$', '&', '#', '%', '_' -> sb.append('\\').append(c);
                case '^' -> sb.append("\\^{}");
                case '~' -> sb.append("\\~{}");
                case '\n', '\r', '\t' -> sb.append(' ');
                default -> sb.append(c);
            }
        }
        sb.append('}');
        if (Character.isWhitespace(text.charAt(text.length() - 1))) {
            sb.append("\\ ");
        }
    }

    /** Typesets a formula written in the solver's plain-text notation. */
    public static String math(String text) {
        StringBuilder sb = new StringBuilder();
        math(sb, text);
        return sb.toString();
    }

    private static void math(StringBuilder sb, String t) {
        new MathWriter(t, sb).run(0, t.length());
    }

    private static final class MathWriter {
        private final String t;
        private final StringBuilder sb;

        MathWriter(String t, StringBuilder sb) {
            this.t = t;
            this.sb = sb;
        }

        void run(int from, int to) {
            int i = from;
            while (i < to) {
                char c = t.charAt(i);
                if (isNumberChar(c)) {
                    int end = numberEnd(i, to);
                    // a/b between two plain numbers is a fraction
                    if (end < to - 1 && t.charAt(end) == '/' && isDigit(t.charAt(end + 1))) {
                        int end2 = numberEnd(end + 1, to);
                        sb.append("\\frac{").append(t, i, end).append("}{").append(t, end + 1, end2).append('}');
                        i = end2;
                    } else {
                        sb.append(t, i, end);
                        i = end;
                    }
                } else if (c == '^' && i + 1 < to && isDigit(t.charAt(i + 1))) {
                    int end = numberEnd(i + 1, to);
                    sb.append("^{").append(t, i + 1, end).append('}');
                    i = end;
                } else if (c == '√' || c == '∛') {
                    sb.append(c == '√' ? "\\sqrt{" : "\\sqrt[3]{");
                    i = argument(i + 1, to);
                    sb.append('}');
                } else if (c == ' ') {
                    int end = i;
                    while (end < to && t.charAt(end) == ' ') {
                        end++;
                    }
                    sb.append(end - i >= 2 ? "\\quad " : " ");
                    i = end;
                } else if (Character.isLetter(c) && c != 'Δ') {
                    int end = i;
                    while (end < to && Character.isLetter(t.charAt(end))) {
                        end++;
                    }
                    if (t.startsWith("sqrt(", i)) {
                        sb.append("\\sqrt{");
                        i = argument(i + 4, to);
                        sb.append('}');
                        continue;
                    } else if (end - i >= 3 || t.substring(i, end).equals(t.substring(i, end).toUpperCase(java.util.Locale.ROOT)) && end - i >= 2) {
                        sb.append("\\text{").append(t, i, end).append('}'); // a word such as OR
                    } else {
                        sb.append(t, i, end); // variables, or a product such as ac
                    }
                    i = end;
                } else {
                    String command = switch (c) {
                        case '±' -> "\\pm";
                        case '∓' -> "\\mp";
                        case '·' -> "\\cdot";
                        case '≈' -> "\\approx";
                        case 'Δ' -> "\\Delta";
                        case '→' -> "\\to";
                        case '≠' -> "\\neq";
                        case '\\' -> "\\backslash";
                        case '~' -> "\\sim";
                        default -> null;
                    };
                    if (command != null) {
                        sb.append(command);
                        if (i + 1 < to && Character.isLetterOrDigit(t.charAt(i + 1))) {
                            sb.append(' ');
                        }
                    } else {
                        switch (c) {
                            case '−' -> sb.append('-');
                            case '²' -> sb.append("^{2}");
                            case '³' -> sb.append("^{3}");
                            case '{', '}', '$', '&', '#', '%', '_' -> sb.append('\\').append(c);
                            case '\n', '\r', '\t' -> sb.append(' ');
                            default -> sb.append(c);
                        }
                    }
                    i++;
                }
            }
        }

        // The argument of a root: a parenthesised group (parentheses dropped) or a number.
        private int argument(int i, int to) {
            if (i < to && t.charAt(i) == '(') {
                int depth = 0;
                int j = i;
                for (; j < to; j++) {
                    char c = t.charAt(j);
                    if (c == '(') {
                        depth++;
                    } else if (c == ')' && --depth == 0) {
                        break;
                    }
                }
                run(i + 1, Math.min(j, to));
                return Math.min(j + 1, to);
            }
            if (i < to && !isNumberChar(t.charAt(i)) && t.charAt(i) != '-') {
                run(i, i + 1); // a single symbol such as Δ
                return i + 1;
            }
            int end = i < to && t.charAt(i) == '-' ? i + 1 : i;
            end = numberEnd(end, to);
            sb.append(t, i, end);
            return end;
        }

        private int numberEnd(int i, int to) {
            int j = i;
            while (j < to && isNumberChar(t.charAt(j))) {
                j++;
            }
            return j;
        }

        private static boolean isDigit(char c) {
            return c >= '0' && c <= '9';
        }

        private static boolean isNumberChar(char c) {
            return isDigit(c) || c == '.';
        }
    }
}
