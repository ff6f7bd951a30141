package dev.stepsolver.solver.classic;

import dev.stepsolver.solver.Limits;
import dev.stepsolver.solver.SolverException;
import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The original service's tokenizer: {@code +}, {@code -}, non-negative integers, terms
 * {@code [digits]x[^digits]} and parenthesised groups, with free whitespace. It is iterative,
 * with an explicit stack of open groups, so nesting costs heap (bounded by
 * {@link Limits#MAX_NESTING_DEPTH}) rather than call stack.
 */
final class ClassicLexer {

    static final String BRACKET_ERROR = "Could not find matching closing bracket";
    static final String INPUT_ERROR = "Ill-formatted input";

    /** A token of a side. */
    sealed interface Item permits Op, Num, Term, Group {
        /** Where the token starts in the whole input. */
        int position();
    }

    /** {@code +} or {@code -}. */
    record Op(char symbol, int position) implements Item {
    }

    /** A non-negative integer as typed. */
    record Num(BigInteger value, String text, int position) implements Item {
    }

    /** {@code [digits]x[^digits]} as typed. */
    record Term(BigInteger coefficient, int exponent, String text, int position) implements Item {
    }

    /** A parenthesised group. */
    record Group(List<Item> items, int position) implements Item {
    }

    private ClassicLexer() {
    }

    /** Python's {@code str.isspace()} (which its {@code \s} and {@code strip()} use). */
    static boolean isSpace(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '\u0085';
    }

    /**
     * Tokens of {@code input[from, to)} after stripping surrounding whitespace.
     */
    static List<Item> lex(String input, int from, int to) throws SolverException {
        List<Item> top = new ArrayList<>();
        Deque<List<Item>> open = new ArrayDeque<>();
        Deque<Integer> openAt = new ArrayDeque<>();
        List<Item> current = top;
        int i = from;
        while (true) {
            while (i < to && isSpace(input.charAt(i))) {
                i++;
            }
            if (i >= to) {
                if (!open.isEmpty()) {
                    throw new SolverException(BRACKET_ERROR, openAt.peek());
                }
                return top;
            }
            char c = input.charAt(i);
            if (c == '(') {
                if (open.size() >= Limits.MAX_NESTING_DEPTH) {
                    throw new SolverException("Too many nested brackets: at most " + Limits.MAX_NESTING_DEPTH, i);
                }
                open.push(current);
                openAt.push(i);
                current = new ArrayList<>();
                i++;
            } else if (c == ')') {
                if (open.isEmpty()) {
                    throw new SolverException(INPUT_ERROR, i);
                }
                Group g = new Group(List.copyOf(current), openAt.pop());
                current = open.pop();
                current.add(g);
                i++;
            } else if (c == '+' || c == '-') {
                current.add(new Op(c, i));
                i++;
            } else if (isDigit(c) || c == 'x') {
                int start = i;
                while (i < to && isDigit(input.charAt(i))) {
                    i++;
                }
                checkDigits(start, i);
                if (i < to && input.charAt(i) == 'x') {
                    BigInteger coefficient = i == start ? BigInteger.ONE : new BigInteger(input.substring(start, i));
                    i++;
                    int exponent = 1;
                    if (i + 1 < to && input.charAt(i) == '^' && isDigit(input.charAt(i + 1))) {
                        int expStart = i + 1;
                        i = expStart;
                        while (i < to && isDigit(input.charAt(i))) {
                            i++;
                        }
                        exponent = exponent(input, expStart, i);
                    }
                    current.add(new Term(coefficient, exponent, input.substring(start, i), start));
                } else {
                    String digits = input.substring(start, i);
                    current.add(new Num(new BigInteger(digits), digits, start));
                }
            } else {
                throw new SolverException(INPUT_ERROR, i);
            }
        }
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static void checkDigits(int start, int end) throws SolverException {
        if (end - start > Limits.MAX_NUMBER_DIGITS) {
            throw new SolverException("Number too long: at most " + Limits.MAX_NUMBER_DIGITS + " digits", start);
        }
    }

    private static int exponent(String input, int start, int end) throws SolverException {
        int i = start;
        while (i < end - 1 && input.charAt(i) == '0') {
            i++;
        }
        if (end - i > 4 || Integer.parseInt(input, i, end, 10) > Limits.MAX_EXPONENT) {
            throw new SolverException("Exponent too large: at most " + Limits.MAX_EXPONENT, start);
        }
        return Integer.parseInt(input, i, end, 10);
    }

    /** The side echoed token by token, a group as {@code ( … )}. */
    static String echo(List<Item> items) {
        StringBuilder sb = new StringBuilder();
        appendEcho(sb, items);
        return sb.toString();
    }

    private static void appendEcho(StringBuilder sb, List<Item> items) {
        boolean first = true;
        for (Item item : items) {
            if (!first) {
                sb.append(' ');
            }
            first = false;
            switch (item) {
                case Op op -> sb.append(op.symbol());
                case Num num -> sb.append(num.text());
                case Term term -> sb.append(term.text());
                case Group group -> {
                    sb.append("( ");
                    appendEcho(sb, group.items());
                    sb.append(" )");
                }
            }
        }
    }
}
