package dev.stepsolver.emulator.cloudformation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A template read and checked for structure: its parameters, conditions, resources and outputs,
 * with every name an expression refers to known to exist.
 */
record Template(ObjectNode root, Optional<String> description, Map<String, ParameterDeclaration> parameters,
        ObjectNode mappings, Map<String, JsonNode> conditions, Map<String, ResourceDeclaration> resources,
        Map<String, OutputDeclaration> outputs) {

    static final Set<String> PSEUDO_PARAMETERS = Set.of("AWS::AccountId", "AWS::NotificationARNs", "AWS::NoValue",
            "AWS::Partition", "AWS::Region", "AWS::StackId", "AWS::StackName", "AWS::URLSuffix");
    private static final Set<String> SECTIONS = Set.of("AWSTemplateFormatVersion", "Description", "Metadata",
            "Parameters", "Mappings", "Conditions", "Transform", "Resources", "Outputs", "Rules");
    private static final Set<String> RESOURCE_ATTRIBUTES = Set.of("Type", "Properties", "DependsOn", "Condition",
            "DeletionPolicy", "UpdateReplacePolicy", "Metadata", "CreationPolicy", "UpdatePolicy");
    private static final Set<String> OUTPUT_ATTRIBUTES = Set.of("Value", "Description", "Export", "Condition");
    private static final Set<String> PARAMETER_ATTRIBUTES = Set.of("Type", "Default", "AllowedValues",
            "AllowedPattern", "NoEcho", "Description", "MinLength", "MaxLength", "MinValue", "MaxValue",
            "ConstraintDescription");
    private static final Pattern LOGICAL_ID = Pattern.compile("[A-Za-z0-9]{1,255}");
    private static final Pattern RESOURCE_TYPE = Pattern.compile("(AWS|Alexa)::[A-Za-z0-9]+::[A-Za-z0-9:]+|Custom::[A-Za-z0-9_@-]{1,60}");
    private static final int MAX_RESOURCES = 500;
    private static final int MAX_PARAMETERS = 200;
    private static final int MAX_OUTPUTS = 200;

    /** What the template declares about one parameter. */
    record ParameterDeclaration(String name, String type, Optional<String> defaultValue, List<String> allowedValues,
            Optional<String> allowedPattern, boolean noEcho, Optional<String> description, Optional<Integer> minLength,
            Optional<Integer> maxLength, Optional<BigDecimal> minValue, Optional<BigDecimal> maxValue) {

        boolean isList() {
            return type.equals("CommaDelimitedList") || type.startsWith("List<")
                    || type.equals("AWS::SSM::Parameter::Value<List<String>>")
                    || type.equals("AWS::SSM::Parameter::Value<CommaDelimitedList>");
        }

        boolean fromParameterStore() {
            return type.startsWith("AWS::SSM::Parameter::Value<");
        }
    }

    /** One resource as declared, its properties still unresolved. */
    record ResourceDeclaration(String logicalId, String type, ObjectNode properties, List<String> dependsOn,
            Optional<String> condition, DeletionPolicy deletionPolicy, DeletionPolicy updateReplacePolicy,
            JsonNode metadata) {
    }

    /** One output as declared. */
    record OutputDeclaration(String name, JsonNode value, Optional<String> description, Optional<JsonNode> exportName,
            Optional<String> condition) {
    }

    /** What happens to a resource's physical resource when the stack stops managing it. */
    enum DeletionPolicy {
        Delete, Retain, RetainExceptOnCreate, Snapshot;

        boolean retainsOnDelete() {
            return this == Retain || this == RetainExceptOnCreate;
        }

        boolean retainsOnCreateRollback() {
            return this == Retain;
        }
    }

    /**
     * Reads and checks a template body.
     *
     * @throws dev.stepsolver.emulator.protocol.AwsException ValidationError for a template AWS would refuse
     */
    static Template parse(String body) {
        return of(TemplateReader.read(body));
    }

    static Template of(ObjectNode root) {
        List<String> unknown = new ArrayList<>();
        root.fieldNames().forEachRemaining(name -> {
            if (!SECTIONS.contains(name)) {
                unknown.add(name);
            }
        });
        if (!unknown.isEmpty()) {
            throw Errors.validation("Template format error: Invalid template property or properties " + unknown);
        }
        JsonNode version = root.get("AWSTemplateFormatVersion");
        if (version != null && !"2010-09-09".equals(version.asText())) {
            throw Errors.validation("Template format error: Unsupported template version " + version.asText()
                    + " (the only version is 2010-09-09)");
        }
        if (root.has("Rules")) {
            throw Errors.validation("Template format error: Rules are not supported by this emulator");
        }
        if (root.has("Transform")) {
            throw Errors.validation("Template format error: Transform " + root.get("Transform")
                    + " is not supported by this emulator");
        }
        Optional<String> description = Optional.ofNullable(root.get("Description")).map(JsonNode::asText);
        if (description.isPresent() && description.get().length() > 1024) {
            throw Errors.validation("Template format error: The Description is longer than 1024 characters");
        }
        Map<String, ParameterDeclaration> parameters = parameters(section(root, "Parameters"));
        ObjectNode mappings = section(root, "Mappings");
        Map<String, JsonNode> conditions = new LinkedHashMap<>();
        section(root, "Conditions").properties().forEach(e -> conditions.put(e.getKey(), e.getValue()));
        Map<String, ResourceDeclaration> resources = resources(root.get("Resources"));
        Map<String, OutputDeclaration> outputs = outputs(section(root, "Outputs"));
        Template template = new Template(root, description, parameters, mappings, conditions, resources, outputs);
        template.checkReferences();
        return template;
    }

    private static ObjectNode section(ObjectNode root, String name) {
        JsonNode node = root.get(name);
        if (node == null || node.isNull()) {
            return JsonNodeFactory.instance.objectNode();
        }
        if (!node.isObject()) {
            throw Errors.validation("Template format error: " + name + " must be an object");
        }
        return (ObjectNode) node;
    }

    private static Map<String, ParameterDeclaration> parameters(ObjectNode section) {
        if (section.size() > MAX_PARAMETERS) {
            throw Errors.validation("Template format error: Parameters exceed the limit of " + MAX_PARAMETERS);
        }
        Map<String, ParameterDeclaration> parameters = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : section.properties()) {
            String name = entry.getKey();
            JsonNode node = entry.getValue();
            if (!LOGICAL_ID.matcher(name).matches()) {
                throw Errors.validation("Template format error: Parameter name " + name + " is non alphanumeric.");
            }
            if (!node.isObject() || !node.path("Type").isTextual()) {
                throw Errors.validation("Template format error: Every Parameters object must contain a Type member.");
            }
            node.fieldNames().forEachRemaining(attribute -> {
                if (!PARAMETER_ATTRIBUTES.contains(attribute)) {
                    throw Errors.validation("Template format error: Invalid template parameter property '"
                            + attribute + "'");
                }
            });
            String type = node.get("Type").asText();
            if (!knownParameterType(type)) {
                throw Errors.validation("Template format error: Unrecognized parameter type: " + type);
            }
            List<String> allowed = new ArrayList<>();
            JsonNode allowedValues = node.get("AllowedValues");
            if (allowedValues != null) {
                if (!allowedValues.isArray()) {
                    throw Errors.validation("Template format error: Every AllowedValues of parameter " + name
                            + " must be a list");
                }
                allowedValues.forEach(value -> allowed.add(value.asText()));
            }
            parameters.put(name, new ParameterDeclaration(name, type, text(node, "Default"), allowed,
                    text(node, "AllowedPattern"), "true".equalsIgnoreCase(node.path("NoEcho").asText()),
                    text(node, "Description"), integer(node, name, "MinLength"), integer(node, name, "MaxLength"),
                    decimal(node, name, "MinValue"), decimal(node, name, "MaxValue")));
        }
        return parameters;
    }

    private static boolean knownParameterType(String type) {
        return switch (type) {
            case "String", "Number", "List<Number>", "CommaDelimitedList", "AWS::SSM::Parameter::Name",
                    "AWS::SSM::Parameter::Value<String>", "AWS::SSM::Parameter::Value<List<String>>",
                    "AWS::SSM::Parameter::Value<CommaDelimitedList>" -> true;
            // AWS-specific types (AWS::EC2::VPC::Id...) are strings whose existence AWS checks; kept as strings
            default -> type.matches("AWS::[A-Za-z0-9]+::[A-Za-z0-9:]+|List<AWS::[A-Za-z0-9]+::[A-Za-z0-9:]+>");
        };
    }

    private static Optional<String> text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() || value.isContainerNode() ? Optional.empty()
                : Optional.of(value.asText());
    }

    private static Optional<Integer> integer(JsonNode node, String parameter, String field) {
        return decimal(node, parameter, field).map(value -> {
            try {
                return value.intValueExact();
            } catch (ArithmeticException e) {
                throw Errors.validation("Template format error: " + field + " of parameter " + parameter
                        + " must be an integer");
            }
        });
    }

    private static Optional<BigDecimal> decimal(JsonNode node, String parameter, String field) {
        return text(node, field).map(value -> {
            try {
                return new BigDecimal(value.strip());
            } catch (NumberFormatException e) {
                throw Errors.validation("Template format error: " + field + " of parameter " + parameter
                        + " must be a number");
            }
        });
    }

    private static Map<String, ResourceDeclaration> resources(JsonNode section) {
        if (section == null || !section.isObject() || section.isEmpty()) {
            throw Errors.validation("Template format error: At least one Resources member must be defined.");
        }
        if (section.size() > MAX_RESOURCES) {
            throw Errors.validation("Template format error: Number of resources, " + section.size()
                    + ", is greater than maximum allowed, " + MAX_RESOURCES);
        }
        Map<String, ResourceDeclaration> resources = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : section.properties()) {
            String id = entry.getKey();
            JsonNode node = entry.getValue();
            if (!LOGICAL_ID.matcher(id).matches()) {
                throw Errors.validation("Template format error: Resource name " + id + " is non alphanumeric.");
            }
            if (!node.isObject() || !node.path("Type").isTextual()) {
                throw Errors.validation("Template format error: Every Resources object must contain a Type member.");
            }
            node.fieldNames().forEachRemaining(attribute -> {
                if (!RESOURCE_ATTRIBUTES.contains(attribute)) {
                    throw Errors.validation("Template format error: Invalid template resource property '"
                            + attribute + "'");
                }
            });
            String type = node.get("Type").asText();
            if (!RESOURCE_TYPE.matcher(type).matches()) {
                throw Errors.validation("Template format error: Unrecognized resource types: [" + type + "]");
            }
            JsonNode properties = node.get("Properties");
            if (properties != null && !properties.isNull() && !properties.isObject()) {
                throw Errors.validation("Template format error: [/Resources/" + id
                        + "/Properties] Every Properties member must be an object");
            }
            List<String> dependsOn = new ArrayList<>();
            JsonNode depends = node.get("DependsOn");
            if (depends != null) {
                if (depends.isTextual()) {
                    dependsOn.add(depends.asText());
                } else if (depends.isArray()) {
                    for (JsonNode item : depends) {
                        if (!item.isTextual()) {
                            throw Errors.validation("Template format error: DependsOn of " + id
                                    + " must be a string or a list of strings");
                        }
                        dependsOn.add(item.asText());
                    }
                } else {
                    throw Errors.validation("Template format error: DependsOn of " + id
                            + " must be a string or a list of strings");
                }
            }
            Optional<String> condition = Optional.ofNullable(node.get("Condition")).map(c -> {
                if (!c.isTextual()) {
                    throw Errors.validation("Template format error: The Condition of resource " + id
                            + " must be a string");
                }
                return c.asText();
            });
            resources.put(id, new ResourceDeclaration(id, type,
                    properties == null || properties.isNull() ? JsonNodeFactory.instance.objectNode()
                            : (ObjectNode) properties,
                    dependsOn, condition, policy(node, id, "DeletionPolicy"), policy(node, id, "UpdateReplacePolicy"),
                    node.get("Metadata")));
        }
        return resources;
    }

    private static DeletionPolicy policy(JsonNode resource, String id, String attribute) {
        JsonNode value = resource.get(attribute);
        if (value == null) {
            return DeletionPolicy.Delete;
        }
        try {
            return DeletionPolicy.valueOf(value.asText());
        } catch (IllegalArgumentException e) {
            throw Errors.validation("Template format error: Unrecognized " + attribute + " " + value.asText()
                    + " for resource " + id);
        }
    }

    private static Map<String, OutputDeclaration> outputs(ObjectNode section) {
        if (section.size() > MAX_OUTPUTS) {
            throw Errors.validation("Template format error: Outputs exceed the limit of " + MAX_OUTPUTS);
        }
        Map<String, OutputDeclaration> outputs = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : section.properties()) {
            String name = entry.getKey();
            JsonNode node = entry.getValue();
            if (!LOGICAL_ID.matcher(name).matches()) {
                throw Errors.validation("Template format error: Output name " + name + " is non alphanumeric.");
            }
            if (!node.isObject() || !node.has("Value")) {
                throw Errors.validation("Template format error: Every Outputs member must contain a Value object");
            }
            node.fieldNames().forEachRemaining(attribute -> {
                if (!OUTPUT_ATTRIBUTES.contains(attribute)) {
                    throw Errors.validation("Template format error: Invalid template output property '"
                            + attribute + "'");
                }
            });
            JsonNode export = node.get("Export");
            if (export != null && (!export.isObject() || !export.has("Name"))) {
                throw Errors.validation("Template format error: Output " + name
                        + " is malformed. The Export member must contain a Name");
            }
            outputs.put(name, new OutputDeclaration(name, node.get("Value"), text(node, "Description"),
                    Optional.ofNullable(export).map(e -> e.get("Name")),
                    Optional.ofNullable(node.get("Condition")).map(JsonNode::asText)));
        }
        return outputs;
    }

    /** Every Ref, Fn::GetAtt, Fn::Sub variable, DependsOn and condition name names something declared. */
    private void checkReferences() {
        for (Map.Entry<String, JsonNode> condition : conditions.entrySet()) {
            for (Expressions.Reference reference : Expressions.references(condition.getValue(), Optional.empty(),
                    true)) {
                switch (reference.kind()) {
                    case REF -> {
                        if (resources.containsKey(reference.name())) {
                            throw Errors.validation("Template format error: Unresolved dependencies ["
                                    + reference.name() + "]. Cannot reference resources in the Conditions block of"
                                    + " the template");
                        }
                        checkRef(reference.name(), "Conditions");
                    }
                    case GET_ATT -> throw Errors.validation("Template format error: Unresolved dependencies ["
                            + reference.name() + "]. Cannot reference resources in the Conditions block of the"
                            + " template");
                    case CONDITION -> checkCondition(reference.name());
                }
            }
        }
        for (ResourceDeclaration resource : resources.values()) {
            resource.condition().ifPresent(this::checkCondition);
            for (String dependency : resource.dependsOn()) {
                if (!resources.containsKey(dependency)) {
                    throw Errors.validation("Template format error: Unresolved resource dependencies [" + dependency
                            + "] in the Resources block of the template");
                }
            }
            checkExpressions(resource.properties(), "Resources");
        }
        for (OutputDeclaration output : outputs.values()) {
            output.condition().ifPresent(this::checkCondition);
            checkExpressions(output.value(), "Outputs");
            output.exportName().ifPresent(name -> checkExpressions(name, "Outputs"));
        }
    }

    private void checkExpressions(JsonNode node, String block) {
        for (Expressions.Reference reference : Expressions.references(node, Optional.empty(), false)) {
            switch (reference.kind()) {
                case REF -> checkRef(reference.name(), block);
                case GET_ATT -> {
                    if (!resources.containsKey(reference.name())) {
                        throw Errors.validation("Template error: instance of Fn::GetAtt references undefined"
                                + " resource " + reference.name());
                    }
                }
                case CONDITION -> checkCondition(reference.name());
            }
        }
    }

    private void checkRef(String name, String block) {
        if (!parameters.containsKey(name) && !resources.containsKey(name) && !PSEUDO_PARAMETERS.contains(name)) {
            throw Errors.validation("Template format error: Unresolved resource dependencies [" + name + "] in the "
                    + block + " block of the template");
        }
    }

    private void checkCondition(String name) {
        if (!conditions.containsKey(name)) {
            throw Errors.validation("Template format error: Unresolved condition dependency " + name
                    + " in the template");
        }
    }

    /** The resource types of the template, in order of first appearance. */
    Set<String> resourceTypes() {
        Set<String> types = new LinkedHashSet<>();
        resources.values().forEach(r -> types.add(r.type()));
        return types;
    }

    /**
     * The IAM capability the template needs: NAMED when an IAM resource has a custom name,
     * plain IAM for other IAM resources, none otherwise.
     */
    Optional<String> requiredCapability() {
        boolean iam = false;
        for (ResourceDeclaration resource : resources.values()) {
            String nameProperty = switch (resource.type()) {
                case "AWS::IAM::Role" -> "RoleName";
                case "AWS::IAM::ManagedPolicy" -> "ManagedPolicyName";
                case "AWS::IAM::User" -> "UserName";
                case "AWS::IAM::Group" -> "GroupName";
                case "AWS::IAM::InstanceProfile" -> "InstanceProfileName";
                case "AWS::IAM::Policy", "AWS::IAM::AccessKey", "AWS::IAM::UserToGroupAddition" -> "";
                default -> null;
            };
            if (nameProperty == null) {
                continue;
            }
            if (!nameProperty.isEmpty() && resource.properties().has(nameProperty)) {
                return Optional.of("CAPABILITY_NAMED_IAM");
            }
            iam = true;
        }
        return iam ? Optional.of("CAPABILITY_IAM") : Optional.empty();
    }

    /** The IAM resource types behind {@link #requiredCapability()}. */
    List<String> iamResourceTypes() {
        return resources.values().stream().map(ResourceDeclaration::type).filter(t -> t.startsWith("AWS::IAM::"))
                .distinct().toList();
    }
}
