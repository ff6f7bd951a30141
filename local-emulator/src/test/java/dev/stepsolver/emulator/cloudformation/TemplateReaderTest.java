package dev.stepsolver.emulator.cloudformation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/** Template bodies in JSON and YAML become one tree. */
class TemplateReaderTest {

    @Test
    void yamlShortFormTagsBecomeTheFullFormOfTheirFunctions() {
        ObjectNode root = TemplateReader.read("""
                A: !Ref Name
                B: !GetAtt Bucket.Arn
                C: !Sub "${AWS::Region}-x"
                D: !Join [",", [!Ref X, !Select [0, !GetAZs ""]]]
                E: !If [Cond, !Base64 text, !Ref "AWS::NoValue"]
                F: !Not [!Equals [!Ref Y, ""]]
                G: !Condition Other
                """);

        assertThat(root.toString()).isEqualTo("{\"A\":{\"Ref\":\"Name\"},"
                + "\"B\":{\"Fn::GetAtt\":[\"Bucket\",\"Arn\"]},"
                + "\"C\":{\"Fn::Sub\":\"${AWS::Region}-x\"},"
                + "\"D\":{\"Fn::Join\":[\",\",[{\"Ref\":\"X\"},{\"Fn::Select\":[0,{\"Fn::GetAZs\":\"\"}]}]]},"
                + "\"E\":{\"Fn::If\":[\"Cond\",{\"Fn::Base64\":\"text\"},{\"Ref\":\"AWS::NoValue\"}]},"
                + "\"F\":{\"Fn::Not\":[{\"Fn::Equals\":[{\"Ref\":\"Y\"},\"\"]}]},"
                + "\"G\":{\"Condition\":\"Other\"}}");
    }

    @Test
    void yamlScalarsKeepTheirTypesAndTheTemplateVersionStaysText() {
        ObjectNode root = TemplateReader.read("""
                AWSTemplateFormatVersion: 2010-09-09
                Number: 1024
                Decimal: 1.5
                Flag: true
                Quoted: "true"
                Nothing: ~
                """);

        assertThat(root.get("AWSTemplateFormatVersion").isTextual()).isTrue();
        assertThat(root.get("Number").isIntegralNumber()).isTrue();
        assertThat(root.get("Decimal").doubleValue()).isEqualTo(1.5);
        assertThat(root.get("Flag").isBoolean()).isTrue();
        assertThat(root.get("Quoted").isTextual()).isTrue();
        assertThat(root.get("Nothing").isNull()).isTrue();
    }

    @Test
    void badYamlIsRefusedWithItsPosition() {
        assertThatThrownBy(() -> TemplateReader.read("Resources:\n  A: [unclosed\n"))
                .hasMessageStartingWith("Template format error: YAML not well-formed.").hasMessageContaining("line");
        assertThatThrownBy(() -> TemplateReader.read("A: 1\nA: 2\n"))
                .hasMessageStartingWith("Template format error: YAML not well-formed. Duplicate key 'A'");
        assertThatThrownBy(() -> TemplateReader.read("A: !Unknown x\n"))
                .hasMessageStartingWith("Template format error: YAML not well-formed. Unknown tag !Unknown");
    }

    @Test
    void duplicateJsonKeysAndNonObjectsAreRefused() {
        assertThatThrownBy(() -> TemplateReader.read("{\"A\": 1, \"A\": 2}"))
                .hasMessageStartingWith("Template format error: JSON not well-formed.");
        assertThatThrownBy(() -> TemplateReader.read("just text"))
                .hasMessage("Template format error: unsupported structure.");
    }

    @Test
    void aYamlBombIsRefused() {
        StringBuilder yaml = new StringBuilder("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
        for (char c = 'b'; c <= 'k'; c++) {
            char previous = (char) (c - 1);
            yaml.append(c).append(": &").append(c).append(" [*").append(previous).append(", *").append(previous)
                    .append(", *").append(previous).append(", *").append(previous).append(", *").append(previous)
                    .append(", *").append(previous).append(", *").append(previous).append(", *").append(previous)
                    .append("]\n");
        }

        assertThatThrownBy(() -> TemplateReader.read(yaml.toString()))
                .hasMessageStartingWith("Template format error: YAML not well-formed.");
    }
}
