package dev.stepsolver.solver.modern;

import dev.stepsolver.solver.Limits;
import dev.stepsolver.solver.SolverException;
import dev.stepsolver.solver.algebra.Polynomial;
import dev.stepsolver.solver.algebra.Rational;

/**
 * The modern grammar, parsed straight into exact polynomials:
 * <pre>
 * equation := expr ('=' expr)?
 * expr     := term (('+' | '-') term)*
 * term     := unary (('*' | '/' | juxtaposition) unary)*
 * unary    := ('+' | '-')* power
 * power    := primary ('^' integer | superscript digits)*
 * primary  := number | letter | '(' expr ')'
 * </pre>
 * Numbers may be decimals ({@code 2.5}, {@code .5}); {@code −}, {@code ×}, {@code ·},
 * {@code ÷} and superscripts ({@code x²}) are accepted; any single letter is the variable.
 * Recursion happens only at parentheses, after checking {@link Limits#MAX_NESTING_DEPTH}.
 */
final class ModernParser {

    /** The two sides of a parsed equation, and how they were typed. */
    record Parsed(Polynomial lhs, Polynomial rhs, char variable, String lhsText, String rhsText) {
    }

    private final String s;
    private int pos;
    private int depth;
    private char variable;
    private int variablePos = -1;

    private ModernParser(String s) {
        this.s = s;
    }

    static Parsed parse(String input) throws SolverException {
        ModernParser p = new ModernParser(input);
        p.skipSpace();
        if (p.pos >= input.length()) {
            throw new SolverException("The equation is empty", 0);
        }
        int lhsStart = p.pos;
        Polynomial lhs = p.expression();
        int lhsEnd = p.pos;
        Polynomial rhs = Polynomial.ZERO;
        String rhsText = "0";
        if (p.pos < input.length() && input.charAt(p.pos) == '=') {
            p.pos++;
            p.skipSpace();
            int rhsStart = p.pos;
            rhs = p.expression();
            rhsText = input.substring(rhsStart, p.pos).strip();
            if (p.pos < input.length() && input.charAt(p.pos) == '=') {
                throw new SolverException("More than one '=' in the equation", p.pos);
            }
        }
        if (p.pos < input.length()) {
            char c = input.charAt(p.pos);
            if (c == ')') {
                throw new SolverException("Closing parenthesis without an opening one", p.pos);
            }
            throw new SolverException("Unexpected '" + c + "'", p.pos);
        }
        char v = p.variablePos < 0 ? 'x' : p.variable;
        return new Parsed(lhs, rhs, v, input.substring(lhsStart, lhsEnd).strip(), rhsText);
    }

    private static boolean isSpace(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c);
    }

    private void skipSpace() {
        while (pos < s.length() && isSpace(s.charAt(pos))) {
            pos++;
        }
    }

    private boolean atEnd() {
        return pos >= s.length();
    }

    private char peek() {
        return s.charAt(pos);
    }

    private static boolean isMinus(char c) {
        return c == '-' || c == '−';
    }

    private Polynomial expression() throws SolverException {
        Polynomial acc = term();
        while (true) {
            skipSpace();
            if (atEnd()) {
                return acc;
            }
            char c = peek();
            if (c == '+' || isMinus(c)) {
                int at = pos;
                pos++;
                Polynomial t = term();
                acc = checked(c == '+' ? acc.add(t) : acc.subtract(t), at);
            } else {
                return acc;
            }
        }
    }

    private Polynomial term() throws SolverException {
        Polynomial acc = unary();
        while (true) {
            skipSpace();
            if (atEnd()) {
                return acc;
            }
            char c = peek();
            int at = pos;
            if (c == '*' || c == '×' || c == '·' || c == '⋅') {
                pos++;
                acc = checked(acc.multiply(unary()), at);
            } else if (c == '/' || c == '÷') {
                pos++;
                Polynomial divisor = unary();
                if (divisor.degree() > 0) {
                    throw new SolverException("Can only divide by a number, not by an expression containing "
                            + variable, at);
                }
                if (divisor.isZero()) {
                    throw new SolverException("Division by zero", at);
                }
                acc = checked(acc.scale(divisor.coefficient(0).reciprocal()), at);
            } else if (startsPrimary(c)) {
                if (isDigit(c) || c == '.') {
                    throw new SolverException("Two numbers in a row: write an operator between them", at);
                }
                acc = checked(acc.multiply(unary()), at); // juxtaposition: 2x, 2(x + 1), (x - 1)(x + 1)
            } else {
                return acc;
            }
        }
    }

    private static boolean startsPrimary(char c) {
        return isDigit(c) || c == '.' || c == '(' || Character.isLetter(c);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private Polynomial unary() throws SolverException {
        boolean negative = false;
        while (true) {
            skipSpace();
            if (atEnd()) {
                throw new SolverException("Missing a number, variable or parenthesis at the end", pos);
            }
            char c = peek();
            if (isMinus(c)) {
                negative = !negative;
                pos++;
            } else if (c == '+') {
                pos++;
            } else {
                break;
            }
        }
        Polynomial p = power();
        return negative ? p.negate() : p;
    }

    private Polynomial power() throws SolverException {
        int start = pos;
        Polynomial base = primary();
        boolean powered = false;
        while (!atEnd()) {
            int save = pos;
            skipSpace();
            if (atEnd()) {
                break;
            }
            char c = peek();
            int exponent;
            int at = pos;
            if (c == '^') {
                pos++;
                exponent = exponentLiteral();
            } else if (superscript(c) >= 0) {
                exponent = 0;
                int digits = 0;
                while (!atEnd() && superscript(peek()) >= 0) {
                    if (++digits > 3) {
                        throw new SolverException("Exponent too large: at most " + Limits.MAX_EXPONENT, at);
                    }
                    exponent = exponent * 10 + superscript(peek());
                    pos++;
                }
                checkExponent(exponent, at);
            } else {
                pos = save;
                break;
            }
            if (powered) {
                throw new SolverException("Chained exponents are ambiguous: use parentheses, (x^2)^3", at);
            }
            powered = true;
            base = raise(base, exponent, start);
        }
        return base;
    }

    private static int superscript(char c) {
        return switch (c) {
            case '⁰' -> 0;
            case '¹' -> 1;
            case '²' -> 2;
            case '³' -> 3;
            case '⁴' -> 4;
            case '⁵' -> 5;
            case '⁶' -> 6;
            case '⁷' -> 7;
            case '⁸' -> 8;
            case '⁹' -> 9;
            default -> -1;
        };
    }

    private int exponentLiteral() throws SolverException {
        skipSpace();
        boolean parenthesised = !atEnd() && peek() == '(';
        if (parenthesised) {
            pos++;
            skipSpace();
        }
        if (!atEnd() && peek() == '+') {
            pos++;
        }
        int at = pos;
        if (atEnd() || !isDigit(peek())) {
            throw new SolverException("An exponent must be a whole number, 0 or more", at);
        }
        while (!atEnd() && peek() == '0' && pos + 1 < s.length() && isDigit(s.charAt(pos + 1))) {
            pos++;
        }
        int digitsStart = pos;
        while (!atEnd() && isDigit(peek())) {
            pos++;
        }
        if (pos - digitsStart > 4) {
            throw new SolverException("Exponent too large: at most " + Limits.MAX_EXPONENT, at);
        }
        int exponent = Integer.parseInt(s, digitsStart, pos, 10);
        checkExponent(exponent, at);
        if (!atEnd() && peek() == '.') {
            throw new SolverException("An exponent must be a whole number, 0 or more", at);
        }
        if (parenthesised) {
            skipSpace();
            if (atEnd() || peek() != ')') {
                throw new SolverException("An exponent must be a whole number, 0 or more", at);
            }
            pos++;
        }
        return exponent;
    }

    private static void checkExponent(int exponent, int at) throws SolverException {
        if (exponent > Limits.MAX_EXPONENT) {
            throw new SolverException("Exponent too large: at most " + Limits.MAX_EXPONENT, at);
        }
    }

    private Polynomial raise(Polynomial base, int exponent, int at) throws SolverException {
        if ((long) Math.max(base.degree(), 0) * exponent > Limits.MAX_DEGREE) {
            throw new SolverException("Degree too high: at most " + Limits.MAX_DEGREE, at);
        }
        Polynomial result = Polynomial.ONE;
        for (int i = 0; i < exponent; i++) {
            result = checked(result.multiply(base), at);
        }
        return result;
    }

    private Polynomial primary() throws SolverException {
        skipSpace();
        if (atEnd()) {
            throw new SolverException("Missing a number, variable or parenthesis at the end", pos);
        }
        char c = peek();
        if (c == '(') {
            int open = pos;
            if (++depth > Limits.MAX_NESTING_DEPTH) {
                throw new SolverException("Too many nested parentheses: at most " + Limits.MAX_NESTING_DEPTH, open);
            }
            pos++;
            skipSpace();
            if (!atEnd() && peek() == ')') {
                throw new SolverException("Empty parentheses", open);
            }
            Polynomial inner = expression();
            skipSpace();
            if (atEnd() || peek() != ')') {
                if (!atEnd() && peek() == '=') {
                    throw new SolverException("Missing closing parenthesis", open);
                }
                throw atEnd() ? new SolverException("Missing closing parenthesis", open)
                        : new SolverException("Unexpected '" + peek() + "'", pos);
            }
            pos++;
            depth--;
            return inner;
        }
        if (isDigit(c) || c == '.') {
            return number();
        }
        if (Character.isLetter(c)) {
            if (variablePos < 0) {
                variable = c;
                variablePos = pos;
            } else if (c != variable) {
                throw new SolverException("Only one variable is allowed: found " + variable + " and " + c, pos);
            }
            pos++;
            if (!atEnd() && (isDigit(peek()) || peek() == '.')) {
                throw new SolverException("A number right after a variable is ambiguous: write 2" + c + " or "
                        + c + "*2", pos);
            }
            return Polynomial.X;
        }
        if (c == '=') {
            throw new SolverException("Missing an expression before '='", pos);
        }
        if (c == ')') {
            throw new SolverException("Missing an expression before ')'", pos);
        }
        throw new SolverException("Unexpected '" + c + "'", pos);
    }

    private Polynomial number() throws SolverException {
        int start = pos;
        int digits = 0;
        while (!atEnd() && isDigit(peek())) {
            pos++;
            digits++;
        }
        if (!atEnd() && peek() == '.') {
            pos++;
            int decimals = 0;
            while (!atEnd() && isDigit(peek())) {
                pos++;
                decimals++;
            }
            if (decimals == 0) {
                throw new SolverException("A decimal point must be followed by digits", pos - 1);
            }
            digits += decimals;
        }
        if (digits > Limits.MAX_NUMBER_DIGITS) {
            throw new SolverException("Number too long: at most " + Limits.MAX_NUMBER_DIGITS + " digits", start);
        }
        if (!atEnd() && peek() == '.') {
            throw new SolverException("A number has at most one decimal point", pos);
        }
        if (digits <= 18) {
            // Fits in a long: read the digits directly, without BigDecimal.
            long unscaled = 0;
            int scale = 0;
            boolean afterPoint = false;
            for (int i = start; i < pos; i++) {
                char c = s.charAt(i);
                if (c == '.') {
                    afterPoint = true;
                } else {
                    unscaled = unscaled * 10 + (c - '0');
                    if (afterPoint) {
                        scale++;
                    }
                }
            }
            long denominator = 1;
            for (int i = 0; i < scale; i++) {
                denominator *= 10;
            }
            return Polynomial.constant(Rational.of(unscaled, denominator));
        }
        return Polynomial.constant(Rational.ofDecimal(s.substring(start, pos)));
    }

    private static Polynomial checked(Polynomial p, int at) throws SolverException {
        if (p.degree() > Limits.MAX_DEGREE) {
            throw new SolverException("Degree too high: at most " + Limits.MAX_DEGREE, at);
        }
        if (p.exceedsDigits(Limits.MAX_COEFFICIENT_DIGITS)) {
            throw new SolverException("Coefficient too large: at most " + Limits.MAX_COEFFICIENT_DIGITS + " digits", at);
        }
        return p;
    }
}
