package dev.stepsolver.solver.render;

import dev.stepsolver.solver.Classification;
import dev.stepsolver.solver.ComplexRoot;
import dev.stepsolver.solver.RealRoot;
import dev.stepsolver.solver.Root;
import dev.stepsolver.solver.Solution;

/** The JSON form of a {@link Solution} (see {@link Solution#toJson()}). */
public final class JsonRenderer {

    private JsonRenderer() {
    }

    public static String json(Solution s) {
        Json json = new Json().beginObject();
        json.key("equation").value(s.equation());
        Classification c = s.classification();
        json.key("classification").value(c.kind().label());
        if (c.kind() == Classification.Kind.POLYNOMIAL || c.kind() == Classification.Kind.NO_REAL_SOLUTION) {
            json.key("degree").value(c.degree());
        }
        json.key("solutions").beginArray();
        for (Root root : s.roots()) {
            json.beginObject().key("exact").value(root.exact());
            switch (root) {
                case RealRoot r -> json.key("value").value(r.value());
                case ComplexRoot z -> json.key("re").value(z.re()).key("im").value(z.im());
            }
            json.key("multiplicity").value(root.multiplicity());
            if (root.approximate()) {
                json.key("approximate").value(true).key("error").value(root.errorBound());
            }
            json.endObject();
        }
        json.endArray();
        json.key("steps").beginArray();
        for (String line : TextRenderer.lines(s)) {
            json.value(line);
        }
        json.endArray();
        return json.endObject().toString();
    }
}
