package dev.stepsolver.emulator.cloudformation;

import java.util.ArrayList;
import java.util.List;

/**
 * The string of an {@code Fn::Sub}: literal text and {@code ${Name}} / {@code ${Resource.Attribute}}
 * variables; {@code ${!Text}} is the literal {@code ${Text}}.
 */
record SubTemplate(List<Part> parts) {

    /** A piece of the string. */
    sealed interface Part {
    }

    record Literal(String text) implements Part {
    }

    /** {@code ${text}}: a name, or {@code Resource.Attribute}. */
    record Variable(String text) implements Part {
        /** The part before the first dot (a resource for {@code ${Resource.Attribute}}). */
        String head() {
            int dot = text.indexOf('.');
            return dot < 0 ? text : text.substring(0, dot);
        }

        /** The part after the first dot, empty when there is none. */
        String attribute() {
            int dot = text.indexOf('.');
            return dot < 0 ? "" : text.substring(dot + 1);
        }

        boolean isAttribute() {
            return text.indexOf('.') > 0;
        }
    }

    SubTemplate {
        parts = List.copyOf(parts);
    }

    static SubTemplate parse(String source) {
        List<Part> parts = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        int i = 0;
        while (i < source.length()) {
            int open = source.indexOf("${", i);
            if (open < 0) {
                literal.append(source, i, source.length());
                break;
            }
            int close = source.indexOf('}', open + 2);
            if (close < 0) {
                literal.append(source, i, source.length());
                break;
            }
            literal.append(source, i, open);
            String inside = source.substring(open + 2, close);
            if (inside.startsWith("!")) {
                literal.append("${").append(inside.substring(1)).append('}');
            } else {
                if (!literal.isEmpty()) {
                    parts.add(new Literal(literal.toString()));
                    literal.setLength(0);
                }
                String name = inside.strip();
                parts.add(new Variable(name));
            }
            i = close + 1;
        }
        if (!literal.isEmpty()) {
            parts.add(new Literal(literal.toString()));
        }
        return new SubTemplate(parts);
    }

    List<Variable> variables() {
        return parts.stream().filter(Variable.class::isInstance).map(Variable.class::cast).toList();
    }
}
