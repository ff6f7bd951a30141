package dev.stepsolver.emulator.cloudwatch;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;

/**
 * A small, bounded metric-math language: numbers, query ids, {@code + - * / ^}, parentheses,
 * arrays {@code [a, b]} and the functions ABS, CEIL, FLOOR, SUM, AVG, MIN, MAX and FILL, with
 * CloudWatch's semantics (series combine where both have a point; SUM of one series is a scalar,
 * of an array a series).
 */
public final class MetricMath {

    static final int MAX_LENGTH = 1024;
    static final int MAX_DEPTH = 32;
    static final int MAX_TOKENS = 512;

    private MetricMath() {
    }

    /** A syntax or evaluation error, with what is wrong and where. */
    public static final class MathException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        MathException(String message) {
            super(message, null, false, false);
        }
    }

    /** A parsed expression. */
    public sealed interface Expr permits Num, Ref, Neg, Binary, Call, Array {
    }

    record Num(double value) implements Expr {
    }

    record Ref(String id) implements Expr {
    }

    record Neg(Expr operand) implements Expr {
    }

    record Binary(char operator, Expr left, Expr right) implements Expr {
    }

    record Call(String function, List<Expr> arguments) implements Expr {
    }

    record Array(List<Expr> elements) implements Expr {
    }

    /** The query ids an expression refers to. */
    public static Set<String> references(Expr expr) {
        Set<String> ids = new LinkedHashSet<>();
        collect(expr, ids);
        return ids;
    }

    private static void collect(Expr expr, Set<String> ids) {
        switch (expr) {
            case Num num -> { }
            case Ref ref -> ids.add(ref.id());
            case Neg neg -> collect(neg.operand(), ids);
            case Binary binary -> {
                collect(binary.left(), ids);
                collect(binary.right(), ids);
            }
            case Call call -> call.arguments().forEach(argument -> collect(argument, ids));
            case Array array -> array.elements().forEach(element -> collect(element, ids));
        }
    }

    // ---------------------------------------------------------------- parsing

    public static Expr parse(String text) {
        if (text == null || text.isBlank()) {
            throw new MathException("The expression is empty.");
        }
        if (text.length() > MAX_LENGTH) {
            throw new MathException("The expression is longer than " + MAX_LENGTH + " characters.");
        }
        Parser parser = new Parser(tokenize(text));
        Expr expr = parser.additive(0);
        if (parser.position < parser.tokens.size()) {
            throw new MathException("Syntax error: unexpected '" + parser.tokens.get(parser.position).text
                    + "' at position " + parser.tokens.get(parser.position).offset + ".");
        }
        return expr;
    }

    private record Token(char kind, String text, int offset) {
        // kinds: n number, i identifier, o operator/punctuation
    }

    private static List<Token> tokenize(String text) {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (Character.isDigit(c) || (c == '.' && i + 1 < text.length() && Character.isDigit(text.charAt(i + 1)))) {
                int start = i;
                while (i < text.length() && (Character.isDigit(text.charAt(i)) || text.charAt(i) == '.')) {
                    i++;
                }
                if (i < text.length() && (text.charAt(i) == 'e' || text.charAt(i) == 'E')) {
                    int exponent = i + 1;
                    if (exponent < text.length() && (text.charAt(exponent) == '+' || text.charAt(exponent) == '-')) {
                        exponent++;
                    }
                    if (exponent < text.length() && Character.isDigit(text.charAt(exponent))) {
                        i = exponent;
                        while (i < text.length() && Character.isDigit(text.charAt(i))) {
                            i++;
                        }
                    }
                }
                tokens.add(new Token('n', text.substring(start, i), start));
            } else if (Character.isLetter(c) || c == '_') {
                int start = i;
                while (i < text.length() && (Character.isLetterOrDigit(text.charAt(i)) || text.charAt(i) == '_')) {
                    i++;
                }
                tokens.add(new Token('i', text.substring(start, i), start));
            } else if ("+-*/^()[],".indexOf(c) >= 0) {
                tokens.add(new Token('o', String.valueOf(c), i));
                i++;
            } else {
                throw new MathException("Syntax error: unexpected character '" + c + "' at position " + i + ".");
            }
            if (tokens.size() > MAX_TOKENS) {
                throw new MathException("The expression has more than " + MAX_TOKENS + " tokens.");
            }
        }
        return tokens;
    }

    private static final class Parser {
        private final List<Token> tokens;
        private int position;

        Parser(List<Token> tokens) {
            this.tokens = tokens;
        }

        private boolean at(String text) {
            return position < tokens.size() && tokens.get(position).kind == 'o' && tokens.get(position).text.equals(text);
        }

        private void expect(String text) {
            if (!at(text)) {
                throw new MathException("Syntax error: expected '" + text + "' "
                        + (position < tokens.size() ? "at position " + tokens.get(position).offset : "at the end") + ".");
            }
            position++;
        }

        private static void checkDepth(int depth) {
            if (depth > MAX_DEPTH) {
                throw new MathException("The expression nests deeper than " + MAX_DEPTH + " levels.");
            }
        }

        Expr additive(int depth) {
            checkDepth(depth);
            Expr left = multiplicative(depth + 1);
            while (at("+") || at("-")) {
                char operator = tokens.get(position++).text.charAt(0);
                left = new Binary(operator, left, multiplicative(depth + 1));
            }
            return left;
        }

        Expr multiplicative(int depth) {
            checkDepth(depth);
            Expr left = power(depth + 1);
            while (at("*") || at("/")) {
                char operator = tokens.get(position++).text.charAt(0);
                left = new Binary(operator, left, power(depth + 1));
            }
            return left;
        }

        Expr power(int depth) {
            checkDepth(depth);
            Expr base = unary(depth + 1);
            if (at("^")) {
                position++;
                return new Binary('^', base, power(depth + 1));
            }
            return base;
        }

        Expr unary(int depth) {
            checkDepth(depth);
            if (at("-")) {
                position++;
                return new Neg(unary(depth + 1));
            }
            if (at("+")) {
                position++;
                return unary(depth + 1);
            }
            return primary(depth + 1);
        }

        Expr primary(int depth) {
            checkDepth(depth);
            if (position >= tokens.size()) {
                throw new MathException("Syntax error: the expression ends unexpectedly.");
            }
            Token token = tokens.get(position);
            if (token.kind == 'n') {
                position++;
                try {
                    return new Num(Double.parseDouble(token.text));
                } catch (NumberFormatException e) {
                    throw new MathException("Syntax error: '" + token.text + "' is not a number.");
                }
            }
            if (token.kind == 'i') {
                position++;
                if (at("(")) {
                    position++;
                    String function = token.text.toUpperCase(Locale.ROOT);
                    if (!FUNCTIONS.contains(function)) {
                        throw new MathException("Unsupported function " + token.text + " at position " + token.offset
                                + ".");
                    }
                    List<Expr> arguments = new ArrayList<>();
                    if (!at(")")) {
                        arguments.add(additive(depth + 1));
                        while (at(",")) {
                            position++;
                            arguments.add(additive(depth + 1));
                        }
                    }
                    expect(")");
                    return new Call(function, arguments);
                }
                return new Ref(token.text);
            }
            if (at("(")) {
                position++;
                Expr inner = additive(depth + 1);
                expect(")");
                return inner;
            }
            if (at("[")) {
                position++;
                List<Expr> elements = new ArrayList<>();
                elements.add(additive(depth + 1));
                while (at(",")) {
                    position++;
                    elements.add(additive(depth + 1));
                }
                expect("]");
                return new Array(elements);
            }
            throw new MathException("Syntax error: unexpected '" + token.text + "' at position " + token.offset + ".");
        }
    }

    private static final Set<String> FUNCTIONS = Set.of("ABS", "CEIL", "FLOOR", "SUM", "AVG", "MIN", "MAX", "FILL");

    // ---------------------------------------------------------------- evaluation

    /** A value during evaluation. */
    sealed interface Value permits Scalar, Series, SeriesArray {
    }

    record Scalar(double value) implements Value {
    }

    record Series(SortedMap<Instant, Double> points) implements Value {
    }

    record SeriesArray(List<Series> series) implements Value {
    }

    /**
     * Evaluates {@code expr} over the period timestamps {@code grid}, with {@code series} the
     * results of the queries it refers to.
     */
    public static SortedMap<Instant, Double> evaluate(Expr expr, Map<String, SortedMap<Instant, Double>> series,
            List<Instant> grid) {
        Value value = eval(expr, series, grid);
        return switch (value) {
            case Scalar scalar -> {
                SortedMap<Instant, Double> constant = new TreeMap<>();
                if (Double.isFinite(scalar.value())) {
                    grid.forEach(t -> constant.put(t, scalar.value()));
                }
                yield constant;
            }
            case Series s -> s.points();
            case SeriesArray array -> throw new MathException(
                    "The expression must return a single time series, not an array of " + array.series().size() + ".");
        };
    }

    private static Value eval(Expr expr, Map<String, SortedMap<Instant, Double>> series, List<Instant> grid) {
        return switch (expr) {
            case Num num -> new Scalar(num.value());
            case Ref ref -> {
                SortedMap<Instant, Double> points = series.get(ref.id());
                if (points == null) {
                    throw new MathException("Unknown identifier " + ref.id() + ".");
                }
                yield new Series(points);
            }
            case Neg neg -> map(eval(neg.operand(), series, grid), v -> -v);
            case Binary binary -> combine(eval(binary.left(), series, grid), eval(binary.right(), series, grid),
                    operator(binary.operator()));
            case Array array -> {
                List<Series> elements = new ArrayList<>();
                for (Expr element : array.elements()) {
                    Value value = eval(element, series, grid);
                    switch (value) {
                        case Series s -> elements.add(s);
                        case SeriesArray nested -> elements.addAll(nested.series());
                        case Scalar scalar -> throw new MathException("An array holds time series, not numbers.");
                    }
                }
                yield new SeriesArray(elements);
            }
            case Call call -> call(call, series, grid);
        };
    }

    private static DoubleBinaryOperator operator(char operator) {
        return switch (operator) {
            case '+' -> Double::sum;
            case '-' -> (a, b) -> a - b;
            case '*' -> (a, b) -> a * b;
            case '/' -> (a, b) -> a / b;
            case '^' -> Math::pow;
            default -> throw new MathException("Unknown operator " + operator + ".");
        };
    }

    private static Value map(Value value, DoubleUnaryOperator f) {
        return switch (value) {
            case Scalar scalar -> new Scalar(f.applyAsDouble(scalar.value()));
            case Series s -> new Series(mapPoints(s.points(), f));
            case SeriesArray array -> new SeriesArray(array.series().stream()
                    .map(s -> new Series(mapPoints(s.points(), f))).toList());
        };
    }

    private static SortedMap<Instant, Double> mapPoints(SortedMap<Instant, Double> points, DoubleUnaryOperator f) {
        SortedMap<Instant, Double> result = new TreeMap<>();
        points.forEach((t, v) -> {
            double mapped = f.applyAsDouble(v);
            if (Double.isFinite(mapped)) {
                result.put(t, mapped);
            }
        });
        return result;
    }

    /** Series combine at the timestamps both have; a non-finite result (x / 0) is no datapoint. */
    private static Value combine(Value left, Value right, DoubleBinaryOperator op) {
        if (left instanceof Scalar l && right instanceof Scalar r) {
            return new Scalar(op.applyAsDouble(l.value(), r.value()));
        }
        if (left instanceof Scalar l) {
            return map(right, v -> op.applyAsDouble(l.value(), v));
        }
        if (right instanceof Scalar r) {
            return map(left, v -> op.applyAsDouble(v, r.value()));
        }
        if (left instanceof Series l && right instanceof Series r) {
            SortedMap<Instant, Double> result = new TreeMap<>();
            l.points().forEach((t, v) -> {
                Double other = r.points().get(t);
                if (other != null) {
                    double combined = op.applyAsDouble(v, other);
                    if (Double.isFinite(combined)) {
                        result.put(t, combined);
                    }
                }
            });
            return new Series(result);
        }
        if (left instanceof SeriesArray array && right instanceof Series r) {
            return new SeriesArray(array.series().stream().map(s -> (Series) combine(s, r, op)).toList());
        }
        if (left instanceof Series l && right instanceof SeriesArray array) {
            return new SeriesArray(array.series().stream().map(s -> (Series) combine(l, s, op)).toList());
        }
        throw new MathException("Arithmetic between two arrays of time series is not supported.");
    }

    private static Value call(Call call, Map<String, SortedMap<Instant, Double>> series, List<Instant> grid) {
        List<Value> arguments = call.arguments().stream().map(argument -> eval(argument, series, grid)).toList();
        switch (call.function()) {
            case "ABS", "CEIL", "FLOOR" -> {
                requireArguments(call, arguments, 1);
                DoubleUnaryOperator f = switch (call.function()) {
                    case "ABS" -> Math::abs;
                    case "CEIL" -> Math::ceil;
                    default -> Math::floor;
                };
                return map(arguments.get(0), f);
            }
            case "FILL" -> {
                requireArguments(call, arguments, 2);
                if (!(arguments.get(0) instanceof Series s) || !(arguments.get(1) instanceof Scalar fill)) {
                    throw new MathException("FILL takes a time series and a number.");
                }
                SortedMap<Instant, Double> filled = new TreeMap<>(s.points());
                grid.forEach(t -> filled.putIfAbsent(t, fill.value()));
                return new Series(filled);
            }
            default -> {
                requireArguments(call, arguments, 1);
                DoubleBinaryOperator reduce = switch (call.function()) {
                    case "MIN" -> Math::min;
                    case "MAX" -> Math::max;
                    default -> Double::sum;
                };
                boolean average = call.function().equals("AVG");
                return switch (arguments.get(0)) {
                    case Scalar scalar -> scalar;
                    case Series s -> {
                        // one series reduces to a number
                        if (s.points().isEmpty()) {
                            yield new Scalar(Double.NaN);
                        }
                        double total = s.points().values().stream().mapToDouble(Double::doubleValue)
                                .reduce(reduce).orElse(Double.NaN);
                        yield new Scalar(average ? total / s.points().size() : total);
                    }
                    case SeriesArray array -> {
                        // an array reduces, timestamp by timestamp, to one series
                        SortedMap<Instant, Double> result = new TreeMap<>();
                        SortedMap<Instant, Integer> counts = new TreeMap<>();
                        for (Series s : array.series()) {
                            s.points().forEach((t, v) -> {
                                result.merge(t, v, (a, b) -> reduce.applyAsDouble(a, b));
                                counts.merge(t, 1, Integer::sum);
                            });
                        }
                        if (average) {
                            result.replaceAll((t, v) -> v / counts.get(t));
                        }
                        yield new Series(Collections.unmodifiableSortedMap(result));
                    }
                };
            }
        }
    }

    private static void requireArguments(Call call, List<Value> arguments, int count) {
        if (arguments.size() != count) {
            throw new MathException(call.function() + " takes " + count + " argument" + (count == 1 ? "" : "s")
                    + ", got " + arguments.size() + ".");
        }
    }
}
