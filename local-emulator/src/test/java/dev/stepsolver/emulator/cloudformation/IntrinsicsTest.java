package dev.stepsolver.emulator.cloudformation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.stepsolver.emulator.protocol.AwsException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The intrinsic functions on their own, against a fixed scope. */
class IntrinsicsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Names: a parameter {@code Env}, a list parameter {@code Zones}, a resource {@code Bucket} with {@code Arn}. */
    private static final Intrinsics.Scope SCOPE = new Intrinsics.Scope() {
        @Override
        public JsonNode ref(String name) {
            return switch (name) {
                case "Env" -> TextNode.valueOf("prod");
                case "Zones" -> JSON.createArrayNode().add("a").add("b");
                case "Bucket" -> TextNode.valueOf("my-bucket");
                case "AWS::Region" -> TextNode.valueOf("eu-west-1");
                default -> throw Errors.validation("unknown " + name);
            };
        }

        @Override
        public JsonNode getAtt(String resource, String attribute) {
            if (resource.equals("Bucket") && attribute.equals("Arn")) {
                return TextNode.valueOf("arn:aws:s3:::my-bucket");
            }
            throw Errors.validation("no " + resource + "." + attribute);
        }

        @Override
        public boolean condition(String name) {
            return name.equals("Yes");
        }

        @Override
        public String importValue(String exportName) {
            return "imported-" + exportName;
        }

        @Override
        public String region() {
            return "eu-west-1";
        }
    };

    private static JsonNode resolve(String expression) throws Exception {
        ObjectNode mappings = (ObjectNode) JSON.readTree("{\"Sizes\": {\"prod\": {\"Memory\": 1024}}}");
        return new Intrinsics(SCOPE, mappings).resolveRequired(JSON.readTree(expression));
    }

    @Test
    void subReplacesNamesAttributesAndLocalVariablesAndKeepsEscapedOnesLiteral() throws Exception {
        assertThat(resolve("{\"Fn::Sub\": \"${Env}/${Bucket.Arn}/${AWS::Region}/${!Literal}\"}").asText())
                .isEqualTo("prod/arn:aws:s3:::my-bucket/eu-west-1/${Literal}");
        assertThat(resolve("{\"Fn::Sub\": [\"${Name}-${Env}\", {\"Name\": {\"Ref\": \"Bucket\"}}]}").asText())
                .isEqualTo("my-bucket-prod");
    }

    @Test
    void joinSelectAndSplitWorkOnListsFromFunctions() throws Exception {
        assertThat(resolve("{\"Fn::Join\": [\",\", {\"Ref\": \"Zones\"}]}").asText()).isEqualTo("a,b");
        assertThat(resolve("{\"Fn::Select\": [\"1\", {\"Fn::Split\": [\"|\", \"x|y|z\"]}]}").asText()).isEqualTo("y");
        assertThat(resolve("{\"Fn::Split\": [\",\", \"a,,b\"]}")).hasSize(3);
    }

    @Test
    void ifChoosesByConditionAndNoValueRemovesWhatItStandsIn() throws Exception {
        JsonNode resolved = resolve("{\"A\": {\"Fn::If\": [\"Yes\", 1, 2]}, \"B\": {\"Fn::If\": [\"No\", 1,"
                + " {\"Ref\": \"AWS::NoValue\"}]}, \"C\": [\"x\", {\"Ref\": \"AWS::NoValue\"}]}");

        assertThat(resolved.toString()).isEqualTo("{\"A\":1,\"C\":[\"x\"]}");
    }

    @Test
    void getAzsBase64FindInMapAndImportValueHaveTheirValues() throws Exception {
        assertThat(resolve("{\"Fn::GetAZs\": \"\"}").toString()).isEqualTo("[\"eu-west-1a\",\"eu-west-1b\",\"eu-west-1c\"]");
        assertThat(resolve("{\"Fn::Base64\": \"hi\"}").asText()).isEqualTo("aGk=");
        assertThat(resolve("{\"Fn::FindInMap\": [\"Sizes\", {\"Ref\": \"Env\"}, \"Memory\"]}").asInt()).isEqualTo(1024);
        assertThat(resolve("{\"Fn::ImportValue\": \"Shared\"}").asText()).isEqualTo("imported-Shared");
    }

    @Test
    void malformedFunctionsFailWithCloudFormationsMessages() {
        assertThatThrownBy(() -> resolve("{\"Fn::Select\": [5, [\"a\"]]}")).isInstanceOf(AwsException.class)
                .hasMessage("Template error: Fn::Select cannot select nonexistent value at index 5");
        assertThatThrownBy(() -> resolve("{\"Fn::Join\": [\",\"]}")).hasMessageStartingWith(
                "Template error: every Fn::Join object requires two parameters");
        assertThatThrownBy(() -> resolve("{\"Fn::Frobnicate\": 1}"))
                .hasMessage("Template format error: Encountered unsupported function: Fn::Frobnicate");
        assertThatThrownBy(() -> resolve("{\"Fn::FindInMap\": [\"Sizes\", \"dev\", \"Memory\"]}"))
                .hasMessage("Template error: Unable to get mapping for Sizes::dev::Memory");
    }

    @Test
    void conditionsCombineEqualsNotAndOr() throws Exception {
        Map<String, JsonNode> declared = Map.of(
                "IsProd", JSON.readTree("{\"Fn::Equals\": [{\"Ref\": \"Env\"}, \"prod\"]}"),
                "NotProd", JSON.readTree("{\"Fn::Not\": [{\"Condition\": \"IsProd\"}]}"),
                "Both", JSON.readTree("{\"Fn::And\": [{\"Condition\": \"IsProd\"}, {\"Condition\": \"NotProd\"}]}"),
                "Either", JSON.readTree("{\"Fn::Or\": [{\"Condition\": \"IsProd\"}, {\"Condition\": \"NotProd\"}]}"));

        Map<String, Boolean> values = Conditions.evaluate(declared, new Intrinsics(SCOPE, JSON.createObjectNode()));

        assertThat(values).containsEntry("IsProd", true).containsEntry("NotProd", false)
                .containsEntry("Both", false).containsEntry("Either", true);
    }

    @Test
    void aConditionThatRefersToItselfIsRefused() throws Exception {
        Map<String, JsonNode> declared = Map.of("Loop", JSON.readTree("{\"Fn::Not\": [{\"Condition\": \"Loop\"}]}"));

        assertThatThrownBy(() -> Conditions.evaluate(declared, new Intrinsics(SCOPE, JSON.createObjectNode())))
                .hasMessage("Template error: Circular condition dependency involving Loop");
    }
}
