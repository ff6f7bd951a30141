package dev.stepsolver.emulator.cloudformation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which resources a deployment makes, and in what order. */
class DeploymentPlanTest {

    private static final DeploymentPlan.StackIdentity STACK = new DeploymentPlan.StackIdentity("s",
            "arn:aws:cloudformation:us-east-1:000000000000:stack/s/id", "us-east-1", "000000000000");

    private static DeploymentPlan plan(String template, Map<String, String> parameters) {
        Template parsed = Template.parse(template);
        return DeploymentPlan.of(parsed, Parameters.resolve(parsed, parameters.entrySet().stream()
                .map(e -> ParameterInput.of(e.getKey(), e.getValue())).toList(), Map.of(), name -> java.util.Optional.empty()),
                STACK, new ResourceProviders(List.of()));
    }

    private static final String CHAIN = """
            {"Parameters": {"Mode": {"Type": "String", "Default": "a"}},
             "Conditions": {"IsA": {"Fn::Equals": [{"Ref": "Mode"}, "a"]}},
             "Resources": {
               "Last": {"Type": "AWS::SSM::Parameter", "Properties": {"Value": {"Fn::Sub": "${Middle}"}}},
               "Middle": {"Type": "AWS::SSM::Parameter", "Properties": {"Value": {"Fn::GetAtt": ["First", "Value"]}}},
               "First": {"Type": "AWS::SSM::Parameter", "Properties": {"Value": "x"}},
               "Other": {"Type": "AWS::SSM::Parameter", "DependsOn": ["First"],
                 "Properties": {"Value": {"Fn::If": ["IsA", "plain", {"Ref": "Last"}]}}}}}
            """;

    @Test
    void dependenciesComeFirstAndTemplateOrderDecidesAmongTheReadyOnes() {
        assertThat(plan(CHAIN, Map.of()).order()).containsExactly("First", "Middle", "Last", "Other");
    }

    @Test
    void onlyTheBranchAnIfTakesMakesADependency() {
        DeploymentPlan a = plan(CHAIN, Map.of());
        DeploymentPlan b = plan(CHAIN, Map.of("Mode", "b"));

        assertThat(a.resources().get(3).dependsOn()).containsExactly("First");
        assertThat(b.resources().get(3).dependsOn()).containsExactlyInAnyOrder("First", "Last");
    }

    @Test
    void aCycleNamesTheResourcesCaughtInIt() {
        assertThatThrownBy(() -> plan("""
                {"Resources": {
                  "A": {"Type": "AWS::SSM::Parameter", "DependsOn": "C"},
                  "B": {"Type": "AWS::SSM::Parameter", "Properties": {"Value": {"Ref": "A"}}},
                  "C": {"Type": "AWS::SSM::Parameter", "Properties": {"Value": {"Ref": "B"}}},
                  "Free": {"Type": "AWS::SSM::Parameter"}}}
                """, Map.of())).hasMessage("Circular dependency between resources: [A, B, C]");
    }

    @Test
    void reverseOrderDeletesDependentsFirst() {
        DeploymentPlan plan = plan(CHAIN, Map.of());
        List<StackResourceRecord> records = plan.resources().stream().map(p -> new StackResourceRecord(p.logicalId(),
                "AWS::SSM::Parameter", p.logicalId(), ResourceStatus.CREATE_COMPLETE, null,
                com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode(), p.dependsOn(),
                Template.DeletionPolicy.Delete, Template.DeletionPolicy.Delete, null, java.time.Instant.EPOCH)).toList();

        assertThat(StackEngine.reverseDependencyOrder(records)).extracting(StackResourceRecord::logicalId)
                .containsExactly("Other", "Last", "Middle", "First");
    }
}
