package dev.stepsolver.solver;

import java.util.Objects;

/**
 * How to solve: the wording style and the domain of the solutions.
 *
 * @param style  {@link Style#CLASSIC} (default) or {@link Style#MODERN}
 * @param domain {@link Domain#REAL} (default) or {@link Domain#COMPLEX}
 */
public record Options(Style style, Domain domain) {

    public Options {
        Objects.requireNonNull(style, "style");
        Objects.requireNonNull(domain, "domain");
    }

    /** The original service's behaviour: classic wording, real solutions. */
    public static Options classic() {
        return new Options(Style.CLASSIC, Domain.REAL);
    }

    /** Modern wording and input, real solutions. */
    public static Options modern() {
        return new Options(Style.MODERN, Domain.REAL);
    }

    public Options withStyle(Style newStyle) {
        return new Options(newStyle, domain);
    }

    public Options withDomain(Domain newDomain) {
        return new Options(style, newDomain);
    }
}
