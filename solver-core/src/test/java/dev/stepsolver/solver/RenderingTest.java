package dev.stepsolver.solver;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** TEXT, LATEX and JSON renderings of a solution. */
class RenderingTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void jsonCarriesTheEquationClassificationSolutionsAndTextSteps() throws SolverException, IOException {
        Solution s = Solver.solve("x^2 - 2x - 1 = 0", Options.modern());
        JsonNode json = MAPPER.readTree(s.toJson());
        assertThat(json.get("equation").asText()).isEqualTo("x^2 - 2x - 1 = 0");
        assertThat(json.get("classification").asText()).isEqualTo("polynomial");
        assertThat(json.get("degree").asInt()).isEqualTo(2);
        JsonNode second = json.get("solutions").get(1);
        assertThat(second.get("exact").asText()).isEqualTo("1 + √2");
        assertThat(second.get("value").asDouble()).isEqualTo(1 + Math.sqrt(2));
        assertThat(second.get("multiplicity").asInt()).isEqualTo(1);
        assertThat(second.has("approximate")).isFalse();
        assertThat(MAPPER.convertValue(json.get("steps"), String[].class)).containsExactlyElementsOf(s.lines(Format.TEXT));
    }

    @Test
    void classicJsonStepsAreTheContractArray() throws SolverException, IOException {
        Solution s = Solver.solve("7x - 2 = 19");
        JsonNode json = MAPPER.readTree(s.render(Format.JSON));
        assertThat(json.get("steps").get(1).asText()).isEqualTo("\nAdd 2 on both sides of the equal sign:");
        assertThat(json.get("solutions").get(0).get("exact").asText()).isEqualTo("3");
    }

    @Test
    void complexSolutionsHaveRealAndImaginaryParts() throws SolverException, IOException {
        Solution s = Solver.solve("x^2 + 2x + 5 = 0", Options.modern().withDomain(Domain.COMPLEX));
        JsonNode root = MAPPER.readTree(s.toJson()).get("solutions").get(1);
        assertThat(root.get("exact").asText()).isEqualTo("-1 + 2i");
        assertThat(root.get("re").asDouble()).isEqualTo(-1.0);
        assertThat(root.get("im").asDouble()).isEqualTo(2.0);
    }

    @Test
    void numericSolutionsSayTheyAreApproximateAndHowClose() throws SolverException, IOException {
        Solution s = Solver.solve("x^3 - 3x + 1 = 0", Options.modern());
        JsonNode root = MAPPER.readTree(s.toJson()).get("solutions").get(0);
        assertThat(root.get("approximate").asBoolean()).isTrue();
        assertThat(root.get("error").asDouble()).isPositive().isLessThan(1e-11);
    }

    @Test
    void identitiesAndContradictionsHaveNoDegreeAndNoSolutions() throws SolverException, IOException {
        JsonNode json = MAPPER.readTree(Solver.solve("x = x", Options.modern()).toJson());
        assertThat(json.get("classification").asText()).isEqualTo("identity");
        assertThat(json.has("degree")).isFalse();
        assertThat(json.get("solutions")).isEmpty();
    }

    @Test
    void textRenderingJoinsTheLines() throws SolverException {
        Solution s = Solver.solve("7x - 2 = 19");
        assertThat(s.render(Format.TEXT)).isEqualTo(String.join("\n", s.lines(Format.TEXT)));
    }

    @Test
    void latexTypesetsPowersRootsAndFractions() throws SolverException {
        Solution s = Solver.solve("x^2 + x - 1 = 0", Options.modern());
        assertThat(s.lines(Format.LATEX)).contains(
                "\\text{Solution:}\\ x = -\\frac{1}{2} \\pm \\sqrt{5}/2",
                "\\text{Quadratic formula for}\\ x^{2} + x - 1 = 0\\ \\text{with}\\ a = 1, b = 1, c = -1\\text{:}\\ "
                        + "x = (-b \\pm \\sqrt{\\Delta})/(2a)",
                "\\text{Equation:}\\ x^{2} + x - 1 = 0");
    }

    @Test
    void latexTypesetsTheClassicLinesToo() throws SolverException {
        Solution s = Solver.solve("x^2+1=0");
        assertThat(s.lines(Format.LATEX)).contains(
                "\\textbf{Solution does not exist: Cannot compute}\\ \\sqrt{-1}",
                "x^{2} + 1 = 0",
                "\\textbf{Generate factors of the coefficient of the}\\ x^{2}\\textbf{:}");
        assertThat(s.lines(Format.LATEX)).hasSameSizeAs(s.lines(Format.TEXT));
    }

    @Test
    void latexEscapesSpecialCharactersInProse() {
        Step.Line line = Step.Line.prose("50% of {x} & $y_1");
        Solution s = new Solution("", Options.modern(), Classification.identity(), java.util.List.of(),
                java.util.List.of(new Step(StepKind.IDENTITY, java.util.List.of(line))));
        assertThat(s.lines(Format.LATEX)).containsExactly("\\text{50\\% of \\{x\\} \\& \\$y\\_1}");
    }
}
