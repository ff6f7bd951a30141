package dev.stepsolver.solver.bench;

import dev.stepsolver.solver.Format;
import dev.stepsolver.solver.Options;
import dev.stepsolver.solver.Solver;
import dev.stepsolver.solver.SolverException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Microseconds per solve, single thread: what the Lambda does for a request (solve, then the
 * text lines). One benchmark per equation so the corpus median can be taken.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class SolveBenchmark {

    /** The contract equations, classic style. */
    @State(Scope.Benchmark)
    public static class ContractEquation {
        @Param({"0", "1", "2", "3", "4"})
        public int index;
        String equation;

        @Setup
        public void pick() {
            equation = Corpus.CONTRACT.get(index);
        }
    }

    /** The mixed corpus. */
    @State(Scope.Benchmark)
    public static class MixedEquation {
        @Param({"0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "13", "14", "15", "16", "17",
                "18", "19", "20", "21", "22", "23"})
        public int index;
        String equation;

        @Setup
        public void pick() {
            equation = Corpus.MIXED.get(index);
        }
    }

    @Benchmark
    public List<String> contractClassic(ContractEquation e) throws SolverException {
        return Solver.solve(e.equation).lines(Format.TEXT);
    }

    @Benchmark
    public List<String> mixedClassic(MixedEquation e) throws SolverException {
        return Solver.solve(e.equation).lines(Format.TEXT);
    }

    @Benchmark
    public List<String> mixedModern(MixedEquation e) throws SolverException {
        return Solver.solve(e.equation, Options.modern()).lines(Format.TEXT);
    }
}
