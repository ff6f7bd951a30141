package dev.stepsolver.pipeline.validate;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks a CloudFormation template: references point at something, no IAM statement allows
 * every action on every resource, no CodeBuild project runs privileged, the API key is never
 * a literal (API Gateway generates it).
 */
public final class TemplateRules {

    public static final String REF_TARGETS = "ref-targets";
    public static final String GETATT_TARGETS = "getatt-targets";
    public static final String SUB_TARGETS = "sub-targets";
    public static final String DEPENDS_ON_TARGETS = "depends-on-targets";
    public static final String CONDITION_TARGETS = "condition-targets";
    public static final String NO_STAR_ON_STAR = "no-star-action-on-star-resource";
    public static final String NO_PRIVILEGED_BUILDS = "no-privileged-codebuild";
    public static final String API_KEY_NOT_LITERAL = "api-key-not-literal";

    private static final Set<String> PSEUDO_PARAMETERS = Set.of("AWS::AccountId", "AWS::NotificationARNs",
            "AWS::NoValue", "AWS::Partition", "AWS::Region", "AWS::StackId", "AWS::StackName", "AWS::URLSuffix");
    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^!}][^}]*)}");

    private final JsonNode template;
    private final Set<String> resources = new HashSet<>();
    private final Set<String> parameters = new HashSet<>();
    private final Set<String> conditions = new HashSet<>();
    private final List<Problem> problems = new ArrayList<>();

    private TemplateRules(JsonNode template) {
        this.template = template;
        template.path("Resources").fieldNames().forEachRemaining(resources::add);
        template.path("Parameters").fieldNames().forEachRemaining(parameters::add);
        template.path("Conditions").fieldNames().forEachRemaining(conditions::add);
    }

    public static List<Problem> check(JsonNode template) {
        TemplateRules rules = new TemplateRules(template);
        rules.run();
        return List.copyOf(rules.problems);
    }

    private void problem(String rule, String where, String message) {
        problems.add(new Problem(rule, where, message));
    }

    private void run() {
        if (!template.path("Resources").isObject() || template.path("Resources").isEmpty()) {
            problem(REF_TARGETS, "template", "has no Resources");
            return;
        }
        for (Map.Entry<String, JsonNode> r : template.path("Resources").properties()) {
            String where = "resource '" + r.getKey() + "'";
            JsonNode resource = r.getValue();
            walk(resource.path("Properties"), where, Set.of());
            JsonNode dependsOn = resource.path("DependsOn");
            List<String> targets = new ArrayList<>();
            if (dependsOn.isTextual()) {
                targets.add(dependsOn.asText());
            }
            dependsOn.forEach(d -> targets.add(d.asText()));
            for (String target : targets) {
                if (!resources.contains(target)) {
                    problem(DEPENDS_ON_TARGETS, where, "DependsOn '" + target + "' is not a resource of the template");
                }
            }
            if (resource.has("Condition") && !conditions.contains(resource.get("Condition").asText())) {
                problem(CONDITION_TARGETS, where, "Condition '" + resource.get("Condition").asText() + "' is not defined");
            }
            String type = resource.path("Type").asText();
            switch (type) {
                case "AWS::IAM::Role" -> resource.path("Properties").path("Policies")
                        .forEach(p -> checkPolicy(p.path("PolicyDocument"), where));
                case "AWS::IAM::Policy", "AWS::IAM::ManagedPolicy", "AWS::IAM::RolePolicy" ->
                        checkPolicy(resource.path("Properties").path("PolicyDocument"), where);
                case "AWS::CodeBuild::Project" -> {
                    JsonNode privileged = resource.path("Properties").path("Environment").path("PrivilegedMode");
                    if (!privileged.isMissingNode() && !(privileged.isBoolean() && !privileged.asBoolean())) {
                        problem(NO_PRIVILEGED_BUILDS, where, "PrivilegedMode must be false: Jib builds images without a Docker daemon");
                    }
                }
                case "AWS::ApiGateway::ApiKey" -> {
                    if (resource.path("Properties").has("Value")) {
                        problem(API_KEY_NOT_LITERAL, where,
                                "must not set Value: API Gateway generates the key and SSM keeps it as a SecureString");
                    }
                }
                default -> {
                    // other types have no rule of their own
                }
            }
        }
        template.path("Outputs").properties().forEach(o -> {
            walk(o.getValue().path("Value"), "output '" + o.getKey() + "'", Set.of());
            if (o.getValue().has("Condition") && !conditions.contains(o.getValue().get("Condition").asText())) {
                problem(CONDITION_TARGETS, "output '" + o.getKey() + "'", "Condition '"
                        + o.getValue().get("Condition").asText() + "' is not defined");
            }
        });
        template.path("Conditions").properties().forEach(c -> walk(c.getValue(), "condition '" + c.getKey() + "'", Set.of()));
    }

    /** Visits every intrinsic under {@code node}; {@code locals} are Fn::Sub's own variables. */
    private void walk(JsonNode node, String where, Set<String> locals) {
        if (node.isArray()) {
            node.forEach(child -> walk(child, where, locals));
            return;
        }
        if (!node.isObject()) {
            return;
        }
        if (node.size() == 1) {
            String fn = node.fieldNames().next();
            JsonNode arg = node.get(fn);
            switch (fn) {
                case "Ref" -> {
                    String target = arg.asText();
                    if (!resources.contains(target) && !parameters.contains(target) && !PSEUDO_PARAMETERS.contains(target)) {
                        problem(REF_TARGETS, where, "Ref '" + target + "' is neither a parameter, a resource nor a pseudo parameter");
                    }
                    return;
                }
                case "Fn::GetAtt" -> {
                    String target = arg.isArray() ? arg.path(0).asText() : arg.asText().split("\\.", 2)[0];
                    if (!resources.contains(target)) {
                        problem(GETATT_TARGETS, where, "Fn::GetAtt target '" + target + "' is not a resource of the template");
                    }
                    return;
                }
                case "Fn::Sub" -> {
                    String text = arg.isArray() ? arg.path(0).asText() : arg.asText();
                    Set<String> subLocals = new HashSet<>(locals);
                    if (arg.isArray()) {
                        arg.path(1).fieldNames().forEachRemaining(subLocals::add);
                        walk(arg.path(1), where, locals);
                    }
                    Matcher m = SUB_VARIABLE.matcher(text);
                    while (m.find()) {
                        String name = m.group(1);
                        String target = name.contains(".") ? name.substring(0, name.indexOf('.')) : name;
                        boolean known = subLocals.contains(name) || resources.contains(target)
                                || (!name.contains(".") && (parameters.contains(name) || PSEUDO_PARAMETERS.contains(name)));
                        if (!known) {
                            problem(SUB_TARGETS, where, "Fn::Sub variable '${" + name + "}' names nothing in the template");
                        }
                    }
                    return;
                }
                case "Fn::If" -> {
                    String condition = arg.path(0).asText();
                    if (!conditions.contains(condition)) {
                        problem(CONDITION_TARGETS, where, "Fn::If condition '" + condition + "' is not defined");
                    }
                    walk(arg.path(1), where, locals);
                    walk(arg.path(2), where, locals);
                    return;
                }
                case "Condition" -> {
                    if (arg.isTextual() && !conditions.contains(arg.asText())) {
                        problem(CONDITION_TARGETS, where, "Condition '" + arg.asText() + "' is not defined");
                    }
                    return;
                }
                default -> {
                    // not an intrinsic: fall through to the children
                }
            }
        }
        node.properties().forEach(e -> walk(e.getValue(), where, locals));
    }

    private void checkPolicy(JsonNode document, String where) {
        for (JsonNode statement : asList(document.path("Statement"))) {
            if (!"Allow".equals(statement.path("Effect").asText())) {
                continue;
            }
            boolean allActions = asList(statement.path("Action")).stream().anyMatch(a -> a.isTextual()
                    && (a.asText().equals("*") || a.asText().equals("*:*")));
            boolean allResources = asList(statement.path("Resource")).stream().anyMatch(r -> r.isTextual()
                    && r.asText().equals("*"));
            if (allActions && allResources) {
                problem(NO_STAR_ON_STAR, where, "an IAM statement allows every action (\"*\") on every resource (\"*\")");
            }
            if (statement.has("NotAction") || statement.has("NotResource")) {
                problem(NO_STAR_ON_STAR, where, "an IAM statement uses NotAction/NotResource, which grants by exclusion");
            }
        }
    }

    private static List<JsonNode> asList(JsonNode node) {
        List<JsonNode> list = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(list::add);
        } else if (!node.isMissingNode()) {
            list.add(node);
        }
        return list;
    }
}
