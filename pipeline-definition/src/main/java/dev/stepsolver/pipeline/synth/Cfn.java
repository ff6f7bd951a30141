package dev.stepsolver.pipeline.synth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.List;

/** CloudFormation intrinsic functions and IAM documents as Jackson trees. */
final class Cfn {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private Cfn() {
    }

    static ObjectNode obj() {
        return F.objectNode();
    }

    static ArrayNode arr(JsonNode... items) {
        ArrayNode a = F.arrayNode();
        for (JsonNode item : items) {
            a.add(item);
        }
        return a;
    }

    static ArrayNode strings(List<String> items) {
        ArrayNode a = F.arrayNode();
        items.forEach(a::add);
        return a;
    }

    static TextNode text(String value) {
        return F.textNode(value);
    }

    static ObjectNode ref(String id) {
        return obj().put("Ref", id);
    }

    static ObjectNode getAtt(String id, String attribute) {
        ObjectNode node = obj();
        node.putArray("Fn::GetAtt").add(id).add(attribute);
        return node;
    }

    static ObjectNode sub(String template) {
        return obj().put("Fn::Sub", template);
    }

    static ObjectNode join(JsonNode... parts) {
        ObjectNode node = obj();
        ArrayNode args = node.putArray("Fn::Join");
        args.add("");
        args.add(arr(parts));
        return node;
    }

    static ObjectNode equalsEmpty(String parameter) {
        ObjectNode equals = obj();
        equals.putArray("Fn::Equals").add(ref(parameter)).add("");
        ObjectNode not = obj();
        not.putArray("Fn::Not").add(equals);
        return not;
    }

    static ObjectNode ifThen(String condition, JsonNode then, JsonNode otherwise) {
        ObjectNode node = obj();
        node.putArray("Fn::If").add(condition).add(then).add(otherwise);
        return node;
    }

    /** A name that may use pseudo parameters: Fn::Sub when it does, a plain string when not. */
    static JsonNode name(String value) {
        return value.contains("${") ? sub(value) : text(value);
    }

    /** An ARN in the stack's partition, region and account: {@code arn:…:service:region:account:rest}. */
    static ObjectNode arn(String service, String rest) {
        return sub("arn:${AWS::Partition}:" + service + ":${AWS::Region}:${AWS::AccountId}:" + rest);
    }

    static ObjectNode statement(List<String> actions, JsonNode... resources) {
        ObjectNode s = obj();
        s.put("Effect", "Allow");
        s.set("Action", strings(actions));
        s.set("Resource", arr(resources));
        return s;
    }

    static ObjectNode assumeRole(String servicePrincipal) {
        ObjectNode doc = obj().put("Version", "2012-10-17");
        ObjectNode s = doc.putArray("Statement").addObject();
        s.put("Effect", "Allow");
        s.putObject("Principal").putArray("Service").add(servicePrincipal);
        s.putArray("Action").add("sts:AssumeRole");
        return doc;
    }

    static ObjectNode policyDocument(List<ObjectNode> statements) {
        ObjectNode doc = obj().put("Version", "2012-10-17");
        ArrayNode list = doc.putArray("Statement");
        statements.forEach(list::add);
        return doc;
    }
}
