package dev.stepsolver.solver.bench;

import java.util.List;

/** The equations the benchmarks solve: the contract's five and a mixed corpus. */
final class Corpus {

    private Corpus() {
    }

    /** The five equations of contract/TestCases.json. */
    static final List<String> CONTRACT = List.of(
            "7x - 2 = 19",
            "21( 4x + 3 ) + 6x - 9 = - 12( - 12x + 10 ) + 12",
            "x^2-1=0",
            "x^2+1=0",
            "x^3+2x^2-x-2=0");

    /**
     * Linear, quadratic and cubic equations in equal parts, written in the classic grammar (which
     * the modern style reads too): integer, fractional, irrational and complex roots.
     */
    static final List<String> MIXED = List.of(
            // linear
            "3x + 4 = 19",
            "5x - 7 = 2x + 8",
            "2( x + 3 ) = 14",
            "- 4x + 9 = 1",
            "12x - 5 = 3x + 40",
            "7( 2x - 1 ) - 3( x + 2 ) = 9",
            "x + 1 = 3x - 11",
            "9x = 4",
            // quadratic
            "x^2 - 5x + 6 = 0",
            "x^2 + 2x - 15 = 0",
            "2x^2 - 8 = 0",
            "x^2 - 4x + 4 = 0",
            "x^2 + 3x = 0",
            "x^2 - 2x - 1 = 0",
            "x^2 + x + 1 = 0",
            "3x^2 - 5x - 2 = 0",
            // cubic
            "x^3 - 6x^2 + 11x - 6 = 0",
            "x^3 - 7x + 6 = 0",
            "x^3 + 2x^2 - x - 2 = 0",
            "x^3 - x^2 - 4x + 4 = 0",
            "x^3 - 3x^2 + 3x - 1 = 0",
            "2x^3 - 3x^2 - 3x + 2 = 0",
            "x^3 - 2x^2 - 5x + 6 = 0",
            "x^3 + x^2 - 2x = 0");
}
