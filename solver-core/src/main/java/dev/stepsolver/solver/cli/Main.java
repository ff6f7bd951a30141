package dev.stepsolver.solver.cli;

import dev.stepsolver.solver.Domain;
import dev.stepsolver.solver.Format;
import dev.stepsolver.solver.Limits;
import dev.stepsolver.solver.Options;
import dev.stepsolver.solver.Solution;
import dev.stepsolver.solver.Solver;
import dev.stepsolver.solver.SolverException;
import dev.stepsolver.solver.Style;
import dev.stepsolver.solver.render.Json;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The command line (JDK only, so arguments are read by hand):
 * <pre>
 * java -jar solver-core.jar [--style classic|modern] [--format text|json|latex] [--domain real|complex] "EQUATION"
 * java -jar solver-core.jar [options] --batch &lt; equations.txt
 * </pre>
 * Exit status: 0 solved, 2 the solver refused the equation (message on stderr), 64 bad usage.
 * {@code --batch} reads one equation per line and writes one JSON object per line:
 * {@code {"equation": …, "steps": […]}} or {@code {"equation": …, "error": …}}; with
 * {@code --format json} the object is the whole solution.
 */
public final class Main {

    static final int OK = 0;
    static final int SOLVER_ERROR = 2;
    static final int USAGE = 64;

    static final String USAGE_LINE = "Usage: java -jar solver-core.jar [--style classic|modern] [--format text|json|latex]"
            + " [--domain real|complex] (\"EQUATION\" | --batch)";

    private Main() {
    }

    public static void main(String[] args) {
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
        System.exit(run(args, System.in, out, err));
    }

    /** Runs the command line against the given streams and returns the exit status. */
    public static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
        Style style = Style.CLASSIC;
        Format format = Format.TEXT;
        Domain domain = Domain.REAL;
        boolean batch = false;
        String equation = null;
        boolean optionsEnded = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!optionsEnded && arg.startsWith("--")) {
                if (arg.equals("--")) {
                    optionsEnded = true;
                    continue;
                }
                if (arg.equals("--help")) {
                    out.println(USAGE_LINE);
                    return OK;
                }
                if (arg.equals("--batch")) {
                    batch = true;
                    continue;
                }
                String name = arg;
                String value;
                int eq = arg.indexOf('=');
                if (eq > 0) {
                    name = arg.substring(0, eq);
                    value = arg.substring(eq + 1);
                } else if (i + 1 < args.length) {
                    value = args[++i];
                } else {
                    return usage(err, "missing value for " + arg);
                }
                String v = value.toLowerCase(Locale.ROOT);
                switch (name) {
                    case "--style" -> {
                        if (!v.equals("classic") && !v.equals("modern")) {
                            return usage(err, "--style must be classic or modern, not " + value);
                        }
                        style = v.equals("classic") ? Style.CLASSIC : Style.MODERN;
                    }
                    case "--format" -> {
                        switch (v) {
                            case "text" -> format = Format.TEXT;
                            case "json" -> format = Format.JSON;
                            case "latex" -> format = Format.LATEX;
                            default -> {
                                return usage(err, "--format must be text, json or latex, not " + value);
                            }
                        }
                    }
                    case "--domain" -> {
                        if (!v.equals("real") && !v.equals("complex")) {
                            return usage(err, "--domain must be real or complex, not " + value);
                        }
                        domain = v.equals("real") ? Domain.REAL : Domain.COMPLEX;
                    }
                    default -> {
                        return usage(err, "unknown option " + name);
                    }
                }
            } else if (equation == null) {
                equation = arg;
            } else {
                return usage(err, "only one equation may be given (quote it)");
            }
        }
        Options options = new Options(style, domain);
        if (batch) {
            if (equation != null) {
                return usage(err, "--batch reads equations from standard input; do not give one as an argument");
            }
            return batch(in, out, err, options, format);
        }
        if (equation == null) {
            return usage(err, "no equation given");
        }
        try {
            Solution solution = Solver.solve(equation, options);
            if (format == Format.JSON) {
                out.println(solution.toJson());
            } else {
                for (String line : solution.lines(format)) {
                    out.println(line);
                }
            }
            return OK;
        } catch (SolverException e) {
            err.println(message(e));
            return SOLVER_ERROR;
        }
    }

    private static int usage(PrintStream err, String problem) {
        err.println("error: " + problem);
        err.println(USAGE_LINE);
        return USAGE;
    }

    private static String message(SolverException e) {
        return e.position().isPresent() ? e.getMessage() + " (at character " + e.position().getAsInt() + ")"
                : e.getMessage();
    }

    private static int batch(InputStream in, PrintStream out, PrintStream err, Options options, Format format) {
        Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8);
        StringBuilder line = new StringBuilder();
        boolean tooLong = false;
        boolean pending = false;
        try {
            int c;
            while ((c = reader.read()) != -1) {
                if (c == '\n') {
                    answer(out, line, tooLong, options, format);
                    line.setLength(0);
                    tooLong = false;
                    pending = false;
                    continue;
                }
                pending = true;
                // A line longer than any equation may be is dropped as it streams in, not buffered.
                if (line.length() <= Limits.MAX_INPUT_LENGTH) {
                    line.append((char) c);
                } else {
                    tooLong = true;
                }
            }
            if (pending) {
                answer(out, line, tooLong, options, format);
            }
            out.flush();
            return OK;
        } catch (IOException e) {
            err.println("error: could not read standard input: " + e.getMessage());
            return SOLVER_ERROR;
        }
    }

    private static void answer(PrintStream out, StringBuilder raw, boolean tooLong, Options options, Format format) {
        int end = raw.length();
        if (end > 0 && raw.charAt(end - 1) == '\r') {
            end--;
        }
        String equation = raw.substring(0, end);
        Json json = new Json();
        if (tooLong) {
            json.beginObject().key("equation").value(equation.substring(0, Math.min(equation.length(), 80)) + "…")
                    .key("error").value("Input too long: at most " + Limits.MAX_INPUT_LENGTH + " characters")
                    .endObject();
            out.println(json);
            return;
        }
        try {
            Solution solution = Solver.solve(equation, options);
            if (format == Format.JSON) {
                out.println(solution.toJson());
                return;
            }
            json.beginObject().key("equation").value(equation).key("steps").beginArray();
            for (String step : solution.lines(format)) {
                json.value(step);
            }
            json.endArray().endObject();
        } catch (SolverException e) {
            json.beginObject().key("equation").value(equation).key("error").value(e.getMessage());
            if (e.position().isPresent()) {
                json.key("position").value(e.position().getAsInt());
            }
            json.endObject();
        }
        out.println(json);
    }
}
