package dev.stepsolver.solver.classic;

import dev.stepsolver.solver.Limits;
import dev.stepsolver.solver.SolverException;
import dev.stepsolver.solver.algebra.IntegerMath;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * The factor pairs the original listed for a coefficient n: {@code (a, n/a)} for every integer
 * {@code a ≠ 0} from {@code -M-1} up to {@code M} (M = ⌈√|n|⌉, computed in floating point as
 * the original did) that divides n. Found through n's divisors rather than by trying every a,
 * so a twelve-digit constant costs microseconds.
 */
final class ClassicFactorPairs {

    private ClassicFactorPairs() {
    }

    static List<long[]> of(ClassicNumber n) throws SolverException {
        if (n.hasRoot() || n.isFraction()) {
            return List.of();
        }
        BigDecimal value = n.decimal();
        if (value.signum() == 0 || value.stripTrailingZeros().scale() > 0) {
            return List.of(); // only integers have integer divisors (n % a is never 0 otherwise)
        }
        BigDecimal magnitude = value.abs();
        if (magnitude.compareTo(BigDecimal.valueOf(Limits.CLASSIC_MAX_FACTOR_CONSTANT)) > 0) {
            throw new SolverException("Constant term too large for the classic factor search: at most "
                    + Limits.CLASSIC_MAX_FACTOR_CONSTANT + " in magnitude (the modern style has no such limit)");
        }
        long c = value.longValueExact();
        long abs = Math.abs(c);
        long m = (long) Math.ceil(Math.sqrt((double) abs));
        long[] divisors = IntegerMath.divisors(abs);
        List<long[]> pairs = new ArrayList<>();
        for (int i = divisors.length - 1; i >= 0; i--) {
            long d = divisors[i];
            if (d <= m + 1) {
                pairs.add(new long[] {-d, c / -d});
            }
        }
        for (long d : divisors) {
            if (d > m) {
                break;
            }
            pairs.add(new long[] {d, c / d});
        }
        return pairs;
    }

    /** Python's {@code str} of a list of int tuples: {@code [(-1, 1), (1, -1)]}. */
    static String text(List<long[]> pairs) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < pairs.size(); i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append('(').append(pairs.get(i)[0]).append(", ").append(pairs.get(i)[1]).append(')');
        }
        return sb.append(']').toString();
    }

    /** {@code (a, b)}. */
    static String text(long[] pair) {
        return "(" + pair[0] + ", " + pair[1] + ")";
    }
}
