package dev.stepsolver.solver.render;

import dev.stepsolver.solver.Solution;
import dev.stepsolver.solver.Step;
import dev.stepsolver.solver.Style;
import java.util.ArrayList;
import java.util.List;

/**
 * Plain text lines. The classic style puts a newline before every heading, as the original
 * API's strings did ({@code "\nSimplify both sides:"}); the modern style prints lines as they are.
 */
public final class TextRenderer {

    private TextRenderer() {
    }

    // "\n" and the fragments in one pass (no intermediate string).
    private static String heading(Step.Line line) {
        List<Step.Fragment> fragments = line.fragments();
        int length = 1;
        for (Step.Fragment f : fragments) {
            length += f.text().length();
        }
        StringBuilder sb = new StringBuilder(length).append('\n');
        for (Step.Fragment f : fragments) {
            sb.append(f.text());
        }
        return sb.toString();
    }

    public static List<String> lines(Solution solution) {
        boolean classic = solution.options().style() == Style.CLASSIC;
        List<String> out = new ArrayList<>(solution.steps().size() * 2);
        for (Step step : solution.steps()) {
            for (Step.Line line : step.lines()) {
                out.add(classic && line.heading() ? heading(line) : line.text());
            }
        }
        return out;
    }
}
