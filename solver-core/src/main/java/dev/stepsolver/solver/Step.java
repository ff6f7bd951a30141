package dev.stepsolver.solver;

import java.util.List;
import java.util.Objects;

/**
 * One transformation of the equation, as lines of prose and mathematics.
 *
 * <p>A {@link Line} is a sequence of {@link Fragment}s: {@link Prose} (words) and {@link Formula}
 * (formulas in plain text, such as {@code x^2 - 1 = 0} or {@code 1 ± √2}). Renderers join the
 * fragments' text for {@link Format#TEXT} and typeset the {@code Formula} fragments for
 * {@link Format#LATEX}. A heading line introduces what follows (the classic text puts a
 * newline before it).
 *
 * @param kind  what the step does
 * @param lines its lines, at least one
 */
public record Step(StepKind kind, List<Line> lines) {

    public Step {
        Objects.requireNonNull(kind, "kind");
        lines = List.copyOf(lines);
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("a step has at least one line");
        }
    }

    public static Step of(StepKind kind, Line... lines) {
        return new Step(kind, List.of(lines));
    }

    /** A piece of a line. */
    public sealed interface Fragment permits Prose, Formula {
        /** The plain text of the fragment. */
        String text();
    }

    /** Words. */
    public record Prose(String text) implements Fragment {
        public Prose {
            Objects.requireNonNull(text, "text");
        }
    }

    /** A formula written in plain text ({@code x^2}, {@code √2}, {@code ±}, {@code ∛}). */
    public record Formula(String text) implements Fragment {
        public Formula {
            Objects.requireNonNull(text, "text");
        }
    }

    /**
     * One line of a step.
     *
     * @param heading   true when the line introduces the lines after it
     * @param fragments the pieces of the line
     */
    public record Line(boolean heading, List<Fragment> fragments) {

        public Line {
            fragments = List.copyOf(fragments);
        }

        /** A heading made of the given pieces. */
        public static Line heading(Fragment... fragments) {
            return new Line(true, List.of(fragments));
        }

        /** A heading that is prose only. */
        public static Line heading(String prose) {
            return new Line(true, List.of(new Prose(prose)));
        }

        /** A plain line made of the given pieces. */
        public static Line of(Fragment... fragments) {
            return new Line(false, List.of(fragments));
        }

        /** A line that is one formula. */
        public static Line math(String formula) {
            return new Line(false, List.of(new Formula(formula)));
        }

        /** A line that is prose only. */
        public static Line prose(String prose) {
            return new Line(false, List.of(new Prose(prose)));
        }

        /** The fragments' text joined. */
        public String text() {
            if (fragments.size() == 1) {
                return fragments.get(0).text();
            }
            int length = 0;
            for (Fragment f : fragments) {
                length += f.text().length();
            }
            StringBuilder sb = new StringBuilder(length);
            for (Fragment f : fragments) {
                sb.append(f.text());
            }
            return sb.toString();
        }
    }
}
