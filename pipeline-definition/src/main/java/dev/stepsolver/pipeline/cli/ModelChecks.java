package dev.stepsolver.pipeline.cli;

import dev.stepsolver.pipeline.model.DeploymentModel;
import dev.stepsolver.pipeline.validate.Problem;
import dev.stepsolver.pipeline.validate.Validation;
import java.util.List;
import java.util.stream.Collectors;

/** Commands that synthesize refuse a model whose template or pipeline breaks a rule. */
final class ModelChecks {

    private ModelChecks() {
    }

    static void requireValid(DeploymentModel model) {
        List<Problem> problems = Validation.model(model);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("the model does not validate:\n  "
                    + problems.stream().map(Problem::toString).collect(Collectors.joining("\n  ")));
        }
    }
}
