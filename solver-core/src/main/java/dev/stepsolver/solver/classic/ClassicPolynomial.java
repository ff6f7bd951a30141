package dev.stepsolver.solver.classic;

import dev.stepsolver.solver.algebra.Polynomial;
import dev.stepsolver.solver.algebra.Rational;
import java.util.Arrays;

/**
 * A polynomial in x as the original service kept it: a map from exponent to coefficient in
 * which a term, once created, stays even when its coefficient becomes zero (its decimal
 * exponent still shapes later sums), printed from the highest power down as in CLASSIC.md.
 */
final class ClassicPolynomial {

    // terms[e] is the coefficient of x^e, or null when the original had no entry for e.
    private final ClassicNumber[] terms;
    private String text; // printed form, computed once (the same polynomial is printed in several lines)

    private ClassicPolynomial(ClassicNumber[] terms) {
        this.terms = terms;
    }

    /** {@code coefficient · x^exponent} as the only term. */
    static ClassicPolynomial monomial(ClassicNumber coefficient, int exponent) {
        ClassicNumber[] t = new ClassicNumber[exponent + 1];
        t[exponent] = coefficient;
        return new ClassicPolynomial(t);
    }

    static ClassicPolynomial constant(ClassicNumber value) {
        return monomial(value, 0);
    }

    static ClassicPolynomial zero() {
        return constant(ClassicNumber.ZERO);
    }

    /** {@code p·x - r}, built the way the original built candidate factors. */
    static ClassicPolynomial linear(ClassicNumber p, ClassicNumber minusR) {
        ClassicNumber[] t = {minusR, p};
        return new ClassicPolynomial(t);
    }

    ClassicNumber coefficient(int exponent) {
        if (exponent < 0 || exponent >= terms.length) {
            return ClassicNumber.ZERO;
        }
        ClassicNumber c = terms[exponent];
        return c == null ? ClassicNumber.ZERO : c;
    }

    /** The highest power with a non-zero coefficient; 0 for the zero polynomial. */
    int degree() {
        for (int e = terms.length - 1; e > 0; e--) {
            if (terms[e] != null && !terms[e].isZero()) {
                return e;
            }
        }
        return 0;
    }

    boolean isZeroValue() {
        for (ClassicNumber c : terms) {
            if (c != null && !c.isZero()) {
                return false;
            }
        }
        return true;
    }

    boolean valueEquals(ClassicPolynomial o) {
        int n = Math.max(terms.length, o.terms.length);
        for (int e = 0; e < n; e++) {
            if (!coefficient(e).valueEquals(o.coefficient(e))) {
                return false;
            }
        }
        return true;
    }

    ClassicPolynomial add(ClassicPolynomial o) {
        ClassicNumber[] t = Arrays.copyOf(terms, Math.max(terms.length, o.terms.length));
        for (int e = 0; e < o.terms.length; e++) {
            if (o.terms[e] != null) {
                t[e] = (t[e] == null ? ClassicNumber.ZERO : t[e]).add(o.terms[e]);
            }
        }
        return simplified(t);
    }

    ClassicPolynomial subtract(ClassicPolynomial o) {
        ClassicNumber[] t = Arrays.copyOf(terms, Math.max(terms.length, o.terms.length));
        for (int e = 0; e < o.terms.length; e++) {
            if (o.terms[e] != null) {
                t[e] = (t[e] == null ? ClassicNumber.ZERO : t[e]).subtract(o.terms[e]);
            }
        }
        return simplified(t);
    }

    /** Every present term times a number. */
    ClassicPolynomial scale(ClassicNumber k) {
        ClassicNumber[] t = new ClassicNumber[terms.length];
        for (int e = 0; e < terms.length; e++) {
            if (terms[e] != null) {
                t[e] = terms[e].multiply(k);
            }
        }
        return simplified(t);
    }

    /** Every present term divided by a number; the constant term is always present afterwards. */
    ClassicPolynomial divide(ClassicNumber k) {
        ClassicNumber[] t = new ClassicNumber[terms.length];
        t[0] = ClassicNumber.ZERO;
        for (int e = 0; e < terms.length; e++) {
            if (terms[e] != null) {
                t[e] = terms[e].divide(k);
            }
        }
        return simplified(t);
    }

    /** Product of every pair of present terms, summed into a polynomial that starts at 0. */
    ClassicPolynomial multiply(ClassicPolynomial o) {
        ClassicNumber[] t = new ClassicNumber[terms.length + o.terms.length - 1];
        t[0] = ClassicNumber.ZERO;
        for (int i = 0; i < terms.length; i++) {
            if (terms[i] == null) {
                continue;
            }
            for (int j = 0; j < o.terms.length; j++) {
                if (o.terms[j] == null) {
                    continue;
                }
                ClassicNumber p = terms[i].multiply(o.terms[j]);
                t[i + j] = t[i + j] == null ? ClassicNumber.ZERO.add(p) : t[i + j].add(p);
            }
        }
        return simplified(t);
    }

    /** {@code this / x}: every power one lower; the constant term (zero) is dropped. */
    ClassicPolynomial divideByX() {
        if (terms.length == 1) {
            return zero();
        }
        ClassicNumber[] t = Arrays.copyOfRange(terms, 1, terms.length);
        if (t[0] == null) {
            t[0] = ClassicNumber.ZERO;
        }
        return simplified(t);
    }

    ClassicNumber evaluate(ClassicNumber x) {
        ClassicNumber acc = ClassicNumber.ZERO;
        for (int e = terms.length - 1; e >= 0; e--) {
            acc = acc.multiply(x).add(coefficient(e));
        }
        return acc;
    }

    /**
     * Division by a factor {@code x - r}, step by step as the original did it, so the quotient's
     * coefficients carry the same decimal exponents.
     */
    ClassicPolynomial divideByFactor(ClassicPolynomial factor) {
        ClassicNumber lead = factor.coefficient(1);
        ClassicPolynomial quotient = zero();
        ClassicPolynomial dividend = this;
        while (!dividend.isZeroValue()) {
            int order = dividend.degree();
            ClassicNumber q = dividend.coefficient(order).divide(lead);
            ClassicPolynomial term = monomial(q, order - 1);
            quotient = quotient.add(term);
            ClassicPolynomial product = factor.multiplyByTerm(q, order - 1);
            dividend = dividend.add(product.scale(ClassicNumber.MINUS_ONE));
        }
        return quotient;
    }

    // factor (a polynomial) times the monomial q·x^k, term by term.
    private ClassicPolynomial multiplyByTerm(ClassicNumber q, int k) {
        ClassicNumber[] t = new ClassicNumber[terms.length + k];
        for (int e = 0; e < terms.length; e++) {
            if (terms[e] != null) {
                t[e + k] = q.multiply(terms[e]);
            }
        }
        return new ClassicPolynomial(t);
    }

    // Drops the highest zero terms while more than one term remains, as the original did.
    private static ClassicPolynomial simplified(ClassicNumber[] t) {
        int n = t.length;
        while (n > 1 && (t[n - 1] == null || (t[n - 1].isZero() && presentBelow(t, n - 1)))) {
            n--;
        }
        return new ClassicPolynomial(n == t.length ? t : Arrays.copyOf(t, n));
    }

    private static boolean presentBelow(ClassicNumber[] t, int n) {
        for (int e = 0; e < n; e++) {
            if (t[e] != null) {
                return true;
            }
        }
        return false;
    }

    /** The exact polynomial (no root parts may be present). */
    Polynomial toPolynomial() {
        Rational[] r = new Rational[terms.length];
        for (int e = 0; e < terms.length; e++) {
            r[e] = terms[e] == null ? Rational.ZERO : terms[e].rational();
        }
        return Polynomial.of(r);
    }

    int maxDigits() {
        int m = 0;
        for (ClassicNumber c : terms) {
            if (c != null && !c.hasRoot()) {
                m = Math.max(m, c.rational().digits());
            }
        }
        return m;
    }

    /** A single term as the original printed it: {@code x}, {@code - x}, {@code 144x}, {@code - 108}, {@code 0}. */
    static String termText(ClassicNumber c, int exponent) {
        StringBuilder sb = new StringBuilder();
        appendTerm(sb, c, exponent);
        return sb.toString();
    }

    private static void appendTerm(StringBuilder sb, ClassicNumber c, int exponent) {
        int sign = c.signum();
        if (sign == 0) {
            sb.append('0');
            return;
        }
        if (c.hasRoot()) {
            sb.append(c.text());
            return;
        }
        if (sign > 0) {
            if (!(c.isOne() && exponent != 0)) {
                appendCoefficient(sb, c, exponent);
            }
        } else {
            sb.append("- ");
            if (!(c.isMinusOne() && exponent != 0)) {
                if (c.isFraction() && exponent > 0) {
                    sb.append('(').append(c.magnitudeText()).append(')');
                } else {
                    sb.append(c.magnitudeText());
                }
            }
        }
        if (exponent == 1) {
            sb.append('x');
        } else if (exponent > 1) {
            sb.append("x^").append(exponent);
        }
    }

    // Fractions (values the original could only print as long decimals) get parentheses before x.
    private static void appendCoefficient(StringBuilder sb, ClassicNumber c, int exponent) {
        if (c.isFraction() && exponent > 0) {
            sb.append('(').append(c.text()).append(')');
        } else {
            sb.append(c.text());
        }
    }

    /** {@code x^3 + 2x^2 - x - 2}; {@code 0} when every coefficient is zero. */
    @Override
    public String toString() {
        String t = text;
        if (t == null) {
            t = print();
            text = t;
        }
        return t;
    }

    private String print() {
        StringBuilder sb = new StringBuilder(8 * terms.length + 8);
        boolean first = true;
        for (int e = terms.length - 1; e >= 0; e--) {
            ClassicNumber c = terms[e];
            if (c == null) {
                continue;
            }
            int sign = c.signum();
            if (sign == 0) {
                continue;
            }
            if (!first) {
                sb.append(sign > 0 ? " + " : " ");
            }
            appendTerm(sb, c, e);
            first = false;
        }
        return first ? "0" : sb.toString();
    }
}
