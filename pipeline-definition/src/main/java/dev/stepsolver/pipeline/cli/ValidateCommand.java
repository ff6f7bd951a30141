package dev.stepsolver.pipeline.cli;

import dev.stepsolver.pipeline.model.DeploymentModel;
import dev.stepsolver.pipeline.validate.ActionVariables;
import dev.stepsolver.pipeline.validate.Problem;
import dev.stepsolver.pipeline.validate.TemplateRules;
import dev.stepsolver.pipeline.validate.Validation;
import dev.stepsolver.pipeline.synth.CanonicalJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "validate", mixinStandardHelpOptions = true,
        description = {"Checks the model's template and pipeline (or the given files) and the repository's buildspecs and AppSpec.",
                "Exit 0 when valid, 1 with one line per problem otherwise."})
final class ValidateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ModelOption model;

    @Option(names = "--repo-root", defaultValue = ".", description = "Repository holding buildspec.yml, the integration buildspec and appspec.yml (default: ${DEFAULT-VALUE}).")
    Path repoRoot;

    @Option(names = "--skip-repository", description = "Do not check the buildspecs and the AppSpec.")
    boolean skipRepository;

    @Option(names = "--template", description = "Check this template.json instead of the synthesized one.")
    Optional<Path> template = Optional.empty();

    @Option(names = "--pipeline-json", description = "Check this pipeline.json instead of the synthesized one.")
    Optional<Path> pipelineJson = Optional.empty();

    @Override
    public Integer call() throws Exception {
        DeploymentModel m = model.load();
        List<Problem> problems = new ArrayList<>();
        if (template.isEmpty() && pipelineJson.isEmpty()) {
            problems.addAll(Validation.model(m));
        }
        Set<String> outputs = new HashSet<>();
        if (template.isPresent()) {
            var tree = CanonicalJson.parse(Files.readString(template.get()));
            problems.addAll(TemplateRules.check(tree));
            tree.path("Outputs").fieldNames().forEachRemaining(outputs::add);
        }
        if (pipelineJson.isPresent()) {
            problems.addAll(Validation.pipeline(Files.readString(pipelineJson.get()), ActionVariables.forModel(m, outputs)));
        }
        if (!skipRepository) {
            problems.addAll(Validation.repository(m, repoRoot));
        }
        var out = spec.commandLine().getOut();
        problems.forEach(p -> out.println(p));
        if (problems.isEmpty()) {
            out.println("valid");
            return 0;
        }
        out.println(problems.size() + " problem(s)");
        return 1;
    }
}
