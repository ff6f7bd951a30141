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

    public static List<String> lines(Solution solution) {
        boolean classic = solution.options().style() == Style.CLASSIC;
        List<String> out = new ArrayList<>();
        for (Step step : solution.steps()) {
            for (Step.Line line : step.lines()) {
                String text = line.text();
                out.add(classic && line.heading() ? "\n" + text : text);
            }
        }
        return out;
    }
}
