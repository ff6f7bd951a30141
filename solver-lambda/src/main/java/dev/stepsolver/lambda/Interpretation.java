package dev.stepsolver.lambda;

import java.util.Objects;

/** What a request asks for, once read: a preflight, an equation to solve, or a rejection. */
sealed interface Interpretation {

    /** Bytes of input the request carried (body after decoding, or the query equation). */
    int inputLength();

    /** A CORS preflight. */
    record Preflight() implements Interpretation {
        @Override
        public int inputLength() {
            return 0;
        }
    }

    /** An equation to solve. */
    record Solve(SolveRequest request, int inputLength) implements Interpretation {
        public Solve {
            Objects.requireNonNull(request, "request");
        }
    }

    /**
     * A request answered without solving.
     *
     * @param outcome  the error kind, which fixes the status
     * @param message  what the caller is told
     * @param reply    the form of the error body
     * @param equation the equation, as far as it was read ("" when there is none)
     */
    record Rejected(Outcome outcome, String message, SolveRequest.Reply reply, String equation, int inputLength)
            implements Interpretation {
        public Rejected {
            Objects.requireNonNull(outcome, "outcome");
            Objects.requireNonNull(message, "message");
            Objects.requireNonNull(reply, "reply");
            Objects.requireNonNull(equation, "equation");
        }
    }
}
