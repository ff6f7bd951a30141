package dev.stepsolver.lambda;

import dev.stepsolver.solver.Format;
import dev.stepsolver.solver.Options;
import java.util.Objects;

/**
 * One equation to solve, and how to answer.
 *
 * @param equation the equation as the caller wrote it
 * @param options  style and domain
 * @param format   how the steps are written in a JSON reply
 * @param reply    the classic string array, or the JSON object
 */
public record SolveRequest(String equation, Options options, Format format, Reply reply) {

    /** How the caller wants the answer. */
    public enum Reply {
        /** The classic contract: a JSON array of step strings, 400 {@code Equation: <input>\n\n<message>}. */
        CLASSIC,
        /** A JSON request gets a JSON object: steps, solutions, classification; errors as JSON too. */
        JSON
    }

    public SolveRequest {
        Objects.requireNonNull(equation, "equation");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(reply, "reply");
    }

    /** The classic request: plain text in, string array out. */
    public static SolveRequest classic(String equation) {
        return new SolveRequest(equation, Options.classic(), Format.TEXT, Reply.CLASSIC);
    }
}
