package dev.stepsolver.pipeline.validate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepsolver.pipeline.model.DeploymentModel;
import dev.stepsolver.pipeline.synth.TemplateSynthesizer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each rule: the synthesized template passes it, and one broken the way the rule is about fails it. */
class TemplateRulesTest {

    private final ObjectNode template = TemplateSynthesizer.template(DeploymentModel.defaults());

    private ObjectNode properties(String resource) {
        return (ObjectNode) template.path("Resources").path(resource).path("Properties");
    }

    private static void assertOnly(List<Problem> problems, String rule, String... fragments) {
        assertThat(problems).isNotEmpty().allMatch(p -> p.rule().equals(rule), "every problem is " + rule);
        assertThat(problems.getFirst().toString()).contains(fragments);
    }

    @Test
    void theSynthesizedTemplatePassesEveryRule() {
        assertThat(TemplateRules.check(template)).isEmpty();
    }

    @Test
    void theNativeLambdaDeployTemplatePassesEveryRule() {
        DeploymentModel model = DeploymentModel.defaults();
        var nativeModel = model.withDelivery(model.delivery().withMode(dev.stepsolver.pipeline.model.LambdaDeployMode.LAMBDA_ACTION));

        assertThat(TemplateRules.check(TemplateSynthesizer.template(nativeModel))).isEmpty();
    }

    @Test
    void aRefToNothingFails() {
        properties("SolverFunction").putObject("Role").put("Ref", "MissingRole");

        assertOnly(TemplateRules.check(template), TemplateRules.REF_TARGETS, "resource 'SolverFunction'", "'MissingRole'");
    }

    @Test
    void aGetAttOfAMissingResourceFails() {
        properties("SolverFunction").putObject("Role").putArray("Fn::GetAtt").add("MissingRole").add("Arn");

        assertOnly(TemplateRules.check(template), TemplateRules.GETATT_TARGETS, "'MissingRole'");
    }

    @Test
    void aSubVariableNamingNothingFails() {
        properties("BetaAliasInvokePermission").putObject("SourceArn").put("Fn::Sub", "arn:aws:execute-api:${Nowhere}/beta/*");

        assertOnly(TemplateRules.check(template), TemplateRules.SUB_TARGETS, "${Nowhere}");
    }

    @Test
    void aDependsOnMissingResourceFails() {
        ((ObjectNode) template.path("Resources").path("BetaStage")).put("DependsOn", "Ghost");

        assertOnly(TemplateRules.check(template), TemplateRules.DEPENDS_ON_TARGETS, "'Ghost'");
    }

    @Test
    void anUndefinedConditionFails() {
        ((ObjectNode) template.path("Resources").path("BetaStage")).put("Condition", "Someday");

        assertOnly(TemplateRules.check(template), TemplateRules.CONDITION_TARGETS, "'Someday'");
    }

    @Test
    void aStatementAllowingEveryActionOnEveryResourceFails() {
        ArrayNode statements = (ArrayNode) properties("BuildRole").path("Policies").get(0).path("PolicyDocument").path("Statement");
        statements.addObject().put("Effect", "Allow").put("Action", "*").put("Resource", "*");

        assertOnly(TemplateRules.check(template), TemplateRules.NO_STAR_ON_STAR, "resource 'BuildRole'");
    }

    @Test
    void aScopedWildcardActionIsAllowed() {
        ArrayNode statements = (ArrayNode) properties("BuildRole").path("Policies").get(0).path("PolicyDocument").path("Statement");
        statements.addObject().put("Effect", "Allow").put("Action", "s3:*").put("Resource", "*");

        assertThat(TemplateRules.check(template)).isEmpty();
    }

    @Test
    void aPrivilegedCodeBuildProjectFails() {
        ((ObjectNode) properties("BuildProject").path("Environment")).put("PrivilegedMode", true);

        assertOnly(TemplateRules.check(template), TemplateRules.NO_PRIVILEGED_BUILDS, "resource 'BuildProject'");
    }

    @Test
    void anApiKeyWithALiteralValueFails() {
        properties("ApiKey").put("Value", "0123456789abcdefghij");

        assertOnly(TemplateRules.check(template), TemplateRules.API_KEY_NOT_LITERAL, "resource 'ApiKey'");
    }
}
