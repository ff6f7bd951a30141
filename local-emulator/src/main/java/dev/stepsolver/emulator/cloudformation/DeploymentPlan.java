package dev.stepsolver.emulator.cloudformation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * What one deployment of a template with given parameter values does: the conditions' values, the
 * resources whose condition holds, each with the resources it depends on (DependsOn, and every Ref,
 * Fn::GetAtt and Fn::Sub variable on the branches Fn::If takes), in an order that creates
 * dependencies first, and the outputs to produce.
 */
record DeploymentPlan(Template template, Map<String, StackParameter> parameters, Map<String, Boolean> conditions,
        List<PlannedResource> resources, List<Template.OutputDeclaration> outputs, StackIdentity identity) {

    /** Who the stack is, for pseudo parameters. */
    record StackIdentity(String stackName, String stackId, String region, String accountId) {
    }

    /** A resource to deploy and the logical ids it depends on. */
    record PlannedResource(Template.ResourceDeclaration declaration, List<String> dependsOn) {
        String logicalId() {
            return declaration.logicalId();
        }
    }

    /**
     * @throws dev.stepsolver.emulator.protocol.AwsException ValidationError for a reference to a resource
     *     the conditions leave out, an attribute the type does not have, or a dependency cycle
     */
    static DeploymentPlan of(Template template, Map<String, StackParameter> parameters, StackIdentity identity,
            ResourceProviders providers) {
        ParameterScope scope = new ParameterScope(template, parameters, identity);
        Map<String, Boolean> conditions = Conditions.evaluate(template.conditions(),
                new Intrinsics(scope, template.mappings()));
        Map<String, Template.ResourceDeclaration> active = new LinkedHashMap<>();
        for (Template.ResourceDeclaration resource : template.resources().values()) {
            if (resource.condition().map(conditions::get).orElse(true)) {
                active.put(resource.logicalId(), resource);
            }
        }
        Map<String, List<String>> dependencies = new LinkedHashMap<>();
        for (Template.ResourceDeclaration resource : active.values()) {
            Set<String> depends = new LinkedHashSet<>();
            for (String name : resource.dependsOn()) {
                requireActive(active, name, "Resources");
                depends.add(name);
            }
            for (Expressions.Reference reference : Expressions.references(resource.properties(),
                    Optional.of(conditions), false)) {
                resourceDependency(template, active, providers, reference, "Resources").ifPresent(depends::add);
            }
            depends.remove(resource.logicalId());
            dependencies.put(resource.logicalId(), List.copyOf(depends));
        }
        List<Template.OutputDeclaration> outputs = new ArrayList<>();
        for (Template.OutputDeclaration output : template.outputs().values()) {
            if (!output.condition().map(conditions::get).orElse(true)) {
                continue;
            }
            List<Expressions.Reference> references = new ArrayList<>(Expressions.references(output.value(),
                    Optional.of(conditions), false));
            output.exportName().ifPresent(name -> references.addAll(Expressions.references(name,
                    Optional.of(conditions), false)));
            for (Expressions.Reference reference : references) {
                resourceDependency(template, active, providers, reference, "Outputs");
            }
            outputs.add(output);
        }
        List<PlannedResource> ordered = new ArrayList<>();
        for (String id : order(dependencies)) {
            ordered.add(new PlannedResource(active.get(id), dependencies.get(id)));
        }
        return new DeploymentPlan(template, parameters, conditions, ordered, outputs, identity);
    }

    /** The resource a reference depends on, after checking it exists in this deployment. */
    private static Optional<String> resourceDependency(Template template, Map<String, Template.ResourceDeclaration> active,
            ResourceProviders providers, Expressions.Reference reference, String block) {
        return switch (reference.kind()) {
            case REF -> {
                if (template.resources().containsKey(reference.name())) {
                    requireActive(active, reference.name(), block);
                    yield Optional.of(reference.name());
                }
                yield Optional.empty();
            }
            case GET_ATT -> {
                requireActive(active, reference.name(), block);
                String type = active.get(reference.name()).type();
                reference.attribute().ifPresent(attribute -> providers.find(type).ifPresent(provider -> {
                    if (!provider.attributeNames().contains(attribute)) {
                        throw Errors.validation("Template error: resource " + reference.name()
                                + " does not support attribute type " + attribute + " in Fn::GetAtt");
                    }
                }));
                yield Optional.of(reference.name());
            }
            case CONDITION -> Optional.empty();
        };
    }

    private static void requireActive(Map<String, Template.ResourceDeclaration> active, String name, String block) {
        if (!active.containsKey(name)) {
            throw Errors.validation("Template format error: Unresolved resource dependencies [" + name + "] in the "
                    + block + " block of the template");
        }
    }

    /** Dependencies first, template order among the ready ones. */
    private static List<String> order(Map<String, List<String>> dependencies) {
        Map<String, Integer> position = new HashMap<>();
        Map<String, Integer> waitingOn = new HashMap<>();
        Map<String, List<String>> dependents = new HashMap<>();
        int index = 0;
        for (Map.Entry<String, List<String>> entry : dependencies.entrySet()) {
            position.put(entry.getKey(), index++);
            waitingOn.put(entry.getKey(), entry.getValue().size());
            for (String dependency : entry.getValue()) {
                dependents.computeIfAbsent(dependency, key -> new ArrayList<>()).add(entry.getKey());
            }
        }
        PriorityQueue<String> ready = new PriorityQueue<>((a, b) -> Integer.compare(position.get(a), position.get(b)));
        waitingOn.forEach((id, count) -> {
            if (count == 0) {
                ready.add(id);
            }
        });
        List<String> ordered = new ArrayList<>();
        while (!ready.isEmpty()) {
            String next = ready.poll();
            ordered.add(next);
            for (String dependent : dependents.getOrDefault(next, List.of())) {
                if (waitingOn.merge(dependent, -1, Integer::sum) == 0) {
                    ready.add(dependent);
                }
            }
        }
        if (ordered.size() < dependencies.size()) {
            List<String> cycle = dependencies.keySet().stream().filter(id -> !ordered.contains(id)).toList();
            throw Errors.validation("Circular dependency between resources: " + cycle);
        }
        return ordered;
    }

    /** The logical ids in deployment order. */
    List<String> order() {
        return resources.stream().map(PlannedResource::logicalId).toList();
    }

    /**
     * Parameters and pseudo parameters: what conditions, and everything before resources, may refer to.
     */
    static class ParameterScope implements Intrinsics.Scope {
        private final Template template;
        private final Map<String, StackParameter> parameters;
        private final StackIdentity identity;

        ParameterScope(Template template, Map<String, StackParameter> parameters, StackIdentity identity) {
            this.template = template;
            this.parameters = parameters;
            this.identity = identity;
        }

        @Override
        public JsonNode ref(String name) {
            JsonNodeFactory nodes = JsonNodeFactory.instance;
            StackParameter parameter = parameters.get(name);
            if (parameter != null) {
                return Parameters.refValue(template.parameters().get(name), parameter);
            }
            return switch (name) {
                case "AWS::AccountId" -> nodes.textNode(identity.accountId());
                case "AWS::Region" -> nodes.textNode(identity.region());
                case "AWS::StackName" -> nodes.textNode(identity.stackName());
                case "AWS::StackId" -> nodes.textNode(identity.stackId());
                case "AWS::Partition" -> nodes.textNode("aws");
                case "AWS::URLSuffix" -> nodes.textNode("amazonaws.com");
                case "AWS::NotificationARNs" -> nodes.arrayNode();
                default -> resource(name);
            };
        }

        /** A resource's physical id; none exist before resources are deployed. */
        protected JsonNode resource(String name) {
            throw Errors.validation("Template format error: Unresolved dependencies [" + name + "]. Cannot reference"
                    + " resources in the Conditions block of the template");
        }

        @Override
        public JsonNode getAtt(String resource, String attribute) {
            throw Errors.validation("Template format error: Unresolved dependencies [" + resource + "]. Cannot"
                    + " reference resources in the Conditions block of the template");
        }

        @Override
        public boolean condition(String name) {
            throw Errors.validation("Template format error: Fn::If cannot be used in the Conditions block of the"
                    + " template");
        }

        @Override
        public String importValue(String exportName) {
            throw Errors.validation("Template format error: Fn::ImportValue cannot be used in the Conditions block"
                    + " of the template");
        }

        @Override
        public String region() {
            return identity.region();
        }
    }
}
