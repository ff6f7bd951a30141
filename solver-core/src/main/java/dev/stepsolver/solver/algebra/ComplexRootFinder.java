package dev.stepsolver.solver.algebra;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * All complex roots of a square-free integer polynomial in double precision (Aberth–Ehrlich
 * iteration, then Newton polishing), each with an a-posteriori error bound: a disc of radius
 * {@code n·|p(z)| / |p'(z)|} around an approximation z always contains a root of p, and the
 * bound below accounts for rounding in evaluating p and p'.
 */
public final class ComplexRootFinder {

    private static final int MAX_ITERATIONS = 500;
    private static final double UNIT_ROUNDOFF = 0x1p-53;

    /** One approximate root: real part, imaginary part, certified error radius. */
    public record Approximation(double re, double im, double error) {
    }

    private ComplexRootFinder() {
    }

    public static List<Approximation> roots(BigInteger[] integerCoefficients) {
        double[] a = IntPoly.toDoubles(integerCoefficients);
        int n = a.length - 1;
        double[] re = new double[n];
        double[] im = new double[n];
        // Start on a circle whose radius is the geometric mean of the roots' magnitudes.
        double radius = Math.pow(Math.abs(a[0] / a[n]), 1.0 / n);
        if (!(radius > 0) || Double.isInfinite(radius)) {
            radius = 1;
        }
        for (int k = 0; k < n; k++) {
            double angle = 2 * Math.PI * k / n + 0.4;
            re[k] = radius * Math.cos(angle);
            im[k] = radius * Math.sin(angle);
        }
        double[] pv = new double[2];
        double[] dv = new double[2];
        for (int iter = 0; iter < MAX_ITERATIONS; iter++) {
            double maxStep = 0;
            for (int k = 0; k < n; k++) {
                evaluate(a, re[k], im[k], pv, dv);
                // w = p/p'
                double[] w = divide(pv[0], pv[1], dv[0], dv[1]);
                double sRe = 0;
                double sIm = 0;
                for (int j = 0; j < n; j++) {
                    if (j != k) {
                        double[] inv = divide(1, 0, re[k] - re[j], im[k] - im[j]);
                        sRe += inv[0];
                        sIm += inv[1];
                    }
                }
                // z -= w / (1 - w·s)
                double denRe = 1 - (w[0] * sRe - w[1] * sIm);
                double denIm = -(w[0] * sIm + w[1] * sRe);
                double[] step = divide(w[0], w[1], denRe, denIm);
                if (Double.isFinite(step[0]) && Double.isFinite(step[1])) {
                    re[k] -= step[0];
                    im[k] -= step[1];
                    maxStep = Math.max(maxStep, Math.hypot(step[0], step[1]) / Math.max(1, Math.hypot(re[k], im[k])));
                }
            }
            if (maxStep < 1e-16) {
                break;
            }
        }
        List<Approximation> out = new ArrayList<>(n);
        for (int k = 0; k < n; k++) {
            double zr = re[k];
            double zi = im[k];
            for (int t = 0; t < 3; t++) { // Newton polishing
                evaluate(a, zr, zi, pv, dv);
                double[] w = divide(pv[0], pv[1], dv[0], dv[1]);
                if (!Double.isFinite(w[0]) || !Double.isFinite(w[1])) {
                    break;
                }
                zr -= w[0];
                zi -= w[1];
            }
            out.add(new Approximation(zr, zi, errorRadius(a, zr, zi)));
        }
        return out;
    }

    // p(z) and p'(z) by Horner.
    private static void evaluate(double[] a, double zr, double zi, double[] p, double[] d) {
        int n = a.length - 1;
        double pr = a[n];
        double pi = 0;
        double dr = 0;
        double di = 0;
        for (int i = n - 1; i >= 0; i--) {
            double ndr = dr * zr - di * zi + pr;
            double ndi = dr * zi + di * zr + pi;
            dr = ndr;
            di = ndi;
            double npr = pr * zr - pi * zi + a[i];
            double npi = pr * zi + pi * zr;
            pr = npr;
            pi = npi;
        }
        p[0] = pr;
        p[1] = pi;
        d[0] = dr;
        d[1] = di;
    }

    private static double[] divide(double ar, double ai, double br, double bi) {
        double den = br * br + bi * bi;
        return new double[] {(ar * br + ai * bi) / den, (ai * br - ar * bi) / den};
    }

    // n·(|p(z)| + rounding bound) / (|p'(z)| - rounding bound); infinite when p' is too small.
    static double errorRadius(double[] a, double zr, double zi) {
        int n = a.length - 1;
        double[] pv = new double[2];
        double[] dv = new double[2];
        evaluate(a, zr, zi, pv, dv);
        double abs = Math.hypot(zr, zi);
        double sumP = 0;
        double sumD = 0;
        double power = 1;
        for (int i = 0; i <= n; i++) {
            sumP += Math.abs(a[i]) * power;
            if (i < n) {
                sumD += Math.abs(a[i + 1]) * (i + 1) * power;
            }
            power *= abs;
        }
        // Rounding of coefficients to doubles and of Horner's 2n complex operations.
        double gamma = (4 * n + 4) * UNIT_ROUNDOFF / (1 - (4 * n + 4) * UNIT_ROUNDOFF);
        double upper = Math.hypot(pv[0], pv[1]) + gamma * sumP;
        double lower = Math.hypot(dv[0], dv[1]) - gamma * sumD;
        if (!(lower > 0)) {
            return Double.POSITIVE_INFINITY;
        }
        return n * upper / lower * (1 + 1e-12);
    }
}
