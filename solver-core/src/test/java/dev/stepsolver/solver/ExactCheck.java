package dev.stepsolver.solver;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Test-side exact arithmetic, independent of the solver's own: fractions, numbers
 * {@code a + b√d}, and complex numbers over them; plus a reader for the solver's exact root
 * strings ({@code "-1/2 + √5/2"}, {@code "1 - (√3/2)i"}).
 */
final class ExactCheck {

    private ExactCheck() {
    }

    /** A fraction in lowest terms. */
    record Frac(BigInteger n, BigInteger d) {
        static final Frac ZERO = new Frac(BigInteger.ZERO, BigInteger.ONE);

        static Frac of(BigInteger n, BigInteger d) {
            if (d.signum() < 0) {
                n = n.negate();
                d = d.negate();
            }
            BigInteger g = n.gcd(d);
            return g.signum() == 0 ? ZERO : new Frac(n.divide(g), d.divide(g));
        }

        static Frac of(long n, long d) {
            return of(BigInteger.valueOf(n), BigInteger.valueOf(d));
        }

        static Frac parse(String s) {
            int slash = s.indexOf('/');
            return slash < 0 ? of(new BigInteger(s), BigInteger.ONE)
                    : of(new BigInteger(s.substring(0, slash)), new BigInteger(s.substring(slash + 1)));
        }

        static Frac of(BigDecimal v) {
            return v.scale() <= 0 ? of(v.toBigIntegerExact(), BigInteger.ONE)
                    : of(v.unscaledValue(), BigInteger.TEN.pow(v.scale()));
        }

        Frac add(Frac o) {
            return of(n.multiply(o.d).add(o.n.multiply(d)), d.multiply(o.d));
        }

        Frac multiply(Frac o) {
            return of(n.multiply(o.n), d.multiply(o.d));
        }

        Frac negate() {
            return new Frac(n.negate(), d);
        }

        int signum() {
            return n.signum();
        }

        /** As the equation text writes it: {@code 3}, {@code -3/4}. */
        String text() {
            return d.equals(BigInteger.ONE) ? n.toString() : n + "/" + d;
        }
    }

    /** {@code a + b√d} for a fixed non-square {@code d} (or {@code b = 0}). */
    record Surd(Frac a, Frac b, BigInteger d) {
        static Surd rational(Frac a, BigInteger d) {
            return new Surd(a, Frac.ZERO, d);
        }

        Surd add(Surd o) {
            return new Surd(a.add(o.a), b.add(o.b), d);
        }

        Surd multiply(Surd o) {
            Frac dd = Frac.of(d, BigInteger.ONE);
            return new Surd(a.multiply(o.a).add(b.multiply(o.b).multiply(dd)), a.multiply(o.b).add(b.multiply(o.a)), d);
        }

        boolean isZero() {
            return a.signum() == 0 && b.signum() == 0;
        }
    }

    /** {@code re + im·i} with surd parts over the same radicand. */
    record Complex(Surd re, Surd im) {
        Complex add(Complex o) {
            return new Complex(re.add(o.re), im.add(o.im));
        }

        Complex multiply(Complex o) {
            Surd minusOne = Surd.rational(Frac.of(-1, 1), re.d());
            return new Complex(re.multiply(o.re).add(im.multiply(o.im).multiply(minusOne)),
                    re.multiply(o.im).add(im.multiply(o.re)));
        }

        boolean isZero() {
            return re.isZero() && im.isZero();
        }
    }

    /** P(x) for coefficients in ascending order, exactly. */
    static Complex evaluate(List<Frac> ascending, Complex x) {
        BigInteger d = x.re().d();
        Complex acc = new Complex(Surd.rational(Frac.ZERO, d), Surd.rational(Frac.ZERO, d));
        for (int i = ascending.size() - 1; i >= 0; i--) {
            acc = acc.multiply(x).add(new Complex(Surd.rational(ascending.get(i), d), Surd.rational(Frac.ZERO, d)));
        }
        return acc;
    }

    private static final String FRAC = "-?\\d+(?:/\\d+)?";
    private static final Pattern REAL_SURD = Pattern.compile("(?:(" + FRAC + ") ([+-]) )?(-)?(\\d*)√(\\d+)(?:/(\\d+))?");
    private static final Pattern IMAGINARY = Pattern.compile(
            "(?:(" + FRAC + ") ([+-]) )?(-)?(?:(\\d*)i|\\((\\d+)/(\\d+)\\)i|\\((\\d*)√(\\d+)(?:/(\\d+))?\\)i)");

    /** True when the solver's exact string is a form this reader understands. */
    static boolean readable(String exact) {
        return exact.matches(FRAC) || REAL_SURD.matcher(exact).matches() || IMAGINARY.matcher(exact).matches();
    }

    /** Reads {@code "3/4"}, {@code "1 + √2"}, {@code "-2√3/5"}, {@code "-1/2 - (√3/2)i"}, {@code "2i"}. */
    static Complex parse(String exact) {
        if (exact.matches(FRAC)) {
            return new Complex(Surd.rational(Frac.parse(exact), BigInteger.ONE), Surd.rational(Frac.ZERO, BigInteger.ONE));
        }
        Matcher m = REAL_SURD.matcher(exact);
        if (m.matches()) {
            BigInteger d = new BigInteger(m.group(5));
            Frac a = m.group(1) == null ? Frac.ZERO : Frac.parse(m.group(1));
            Frac b = Frac.of(m.group(4).isEmpty() ? BigInteger.ONE : new BigInteger(m.group(4)),
                    m.group(6) == null ? BigInteger.ONE : new BigInteger(m.group(6)));
            boolean negative = "-".equals(m.group(2)) ^ "-".equals(m.group(3));
            return new Complex(new Surd(a, negative ? b.negate() : b, d), Surd.rational(Frac.ZERO, d));
        }
        m = IMAGINARY.matcher(exact);
        if (!m.matches()) {
            throw new IllegalArgumentException("unreadable root " + exact);
        }
        Frac re = m.group(1) == null ? Frac.ZERO : Frac.parse(m.group(1));
        boolean negative = "-".equals(m.group(2)) ^ "-".equals(m.group(3));
        BigInteger d = BigInteger.ONE;
        Surd im;
        if (m.group(8) != null) {
            d = new BigInteger(m.group(8));
            Frac b = Frac.of(m.group(7).isEmpty() ? BigInteger.ONE : new BigInteger(m.group(7)),
                    m.group(9) == null ? BigInteger.ONE : new BigInteger(m.group(9)));
            im = new Surd(Frac.ZERO, negative ? b.negate() : b, d);
        } else {
            Frac b = m.group(5) != null ? Frac.of(new BigInteger(m.group(5)), new BigInteger(m.group(6)))
                    : Frac.of(m.group(4).isEmpty() ? BigInteger.ONE : new BigInteger(m.group(4)), BigInteger.ONE);
            im = Surd.rational(negative ? b.negate() : b, d);
        }
        return new Complex(Surd.rational(re, d), im);
    }

    /** Sign of P at an exact decimal point. */
    static int signAt(List<Frac> ascending, BigDecimal x) {
        Frac fx = Frac.of(x);
        Frac acc = Frac.ZERO;
        for (int i = ascending.size() - 1; i >= 0; i--) {
            acc = acc.multiply(fx).add(ascending.get(i));
        }
        return acc.signum();
    }
}
