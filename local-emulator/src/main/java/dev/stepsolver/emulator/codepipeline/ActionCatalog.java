package dev.stepsolver.emulator.codepipeline;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The action types CodePipeline knows: those the emulator runs (a registered {@link ActionProvider})
 * and AWS types it accepts in declarations but cannot run yet (their spec only): an execution reaching
 * one of those fails that action with a message saying so.
 */
final class ActionCatalog {

    /** An action type: its spec and, when the emulator runs it, its provider. */
    record Entry(ActionTypeSpec spec, Optional<ActionProvider> provider) {
    }

    /**
     * AWS action types the project's pipeline declares whose services the emulator does not run as
     * pipeline actions yet. Their keys and counts follow the AWS action reference.
     */
    static final List<ActionTypeSpec> KNOWN_WITHOUT_PROVIDER = List.of(
            ActionTypeSpec.aws("CloudFormation", Set.of("Deploy"), Set.of("ActionMode", "StackName"),
                    Set.of("TemplatePath", "TemplateConfiguration", "Capabilities", "RoleArn", "ParameterOverrides",
                            "OutputFileName", "ChangeSetName"), 0, 10, 0, 1, false));

    private final List<Entry> entries = new CopyOnWriteArrayList<>();

    ActionCatalog() {
        KNOWN_WITHOUT_PROVIDER.forEach(spec -> entries.add(new Entry(spec, Optional.empty())));
    }

    /** Adds a provider; it replaces a spec-only entry (or an earlier provider) of the same type. */
    synchronized void register(ActionProvider provider) {
        ActionTypeSpec spec = provider.spec();
        entries.removeIf(e -> e.spec().owner().equals(spec.owner()) && e.spec().provider().equals(spec.provider())
                && e.spec().version().equals(spec.version()));
        entries.add(new Entry(spec, Optional.of(provider)));
    }

    Optional<Entry> find(String category, String owner, String provider, String version) {
        return entries.stream().filter(e -> e.spec().matches(category, owner, provider, version)).findFirst();
    }
}
