package dev.stepsolver.solver;

import dev.stepsolver.solver.render.JsonRenderer;
import dev.stepsolver.solver.render.LatexRenderer;
import dev.stepsolver.solver.render.TextRenderer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The answer to one equation: how it was classified, its roots, and the steps that lead there.
 *
 * @param equation       the input, as given
 * @param options        the style and domain it was solved with
 * @param classification identity, contradiction, polynomial of degree n, no real solution
 * @param roots          the solutions: real ones ascending, then complex ones (complex domain
 *                       only); empty for identities, contradictions and "no real solution"
 * @param steps          the structured steps in the chosen style
 */
public record Solution(String equation, Options options, Classification classification, List<Root> roots,
                       List<Step> steps) {

    public Solution {
        Objects.requireNonNull(equation, "equation");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(classification, "classification");
        roots = List.copyOf(roots);
        steps = List.copyOf(steps);
    }

    /** The real roots only. */
    public List<RealRoot> realRoots() {
        List<RealRoot> out = new ArrayList<>();
        for (Root r : roots) {
            if (r instanceof RealRoot real) {
                out.add(real);
            }
        }
        return out;
    }

    /**
     * The steps as lines: for {@link Format#TEXT} plain text (in the classic style exactly the
     * original API's string array), for {@link Format#LATEX} one LaTeX math-mode string per line,
     * for {@link Format#JSON} a single element, the JSON object of {@link #toJson()}.
     */
    public List<String> lines(Format format) {
        return switch (format) {
            case TEXT -> TextRenderer.lines(this);
            case LATEX -> LatexRenderer.lines(this);
            case JSON -> List.of(JsonRenderer.json(this));
        };
    }

    /** The lines of {@link #lines(Format)} joined by newlines, or the JSON object. */
    public String render(Format format) {
        return format == Format.JSON ? JsonRenderer.json(this) : String.join("\n", lines(format));
    }

    /**
     * {@code {"equation": "...", "classification": "...", "degree": n, "solutions": [...],
     * "steps": [...]}} where the steps are the text lines and each solution is
     * {@code {"exact": "1 + √2", "value": 2.414…, "multiplicity": 1}} (real) or
     * {@code {"exact": "…", "re": …, "im": …, "multiplicity": 1}} (complex), with
     * {@code "approximate": true, "error": …} added for numeric roots.
     */
    public String toJson() {
        return JsonRenderer.json(this);
    }
}
