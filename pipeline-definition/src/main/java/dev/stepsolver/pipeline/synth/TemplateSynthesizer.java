package dev.stepsolver.pipeline.synth;

import static dev.stepsolver.pipeline.synth.Cfn.*;
import static dev.stepsolver.pipeline.synth.PipelineNames.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepsolver.pipeline.model.BuildProjectSpec;
import dev.stepsolver.pipeline.model.DeploymentModel;
import dev.stepsolver.pipeline.model.LambdaDeployMode;
import dev.stepsolver.pipeline.model.ReportGroupSpec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The whole stack as one CloudFormation template.
 *
 * <p>Bootstrap: the Lambda function needs an image before it can exist, so everything but the
 * ECR repository carries the condition {@code HasImage} (parameter {@code ImageUri} not empty).
 * The first deploy creates the repository; after an image is pushed, the second deploy with
 * {@code ImageUri} creates the rest.
 *
 * <p>API promotion: the API Gateway deployment's logical id carries a hash of the API
 * definition, so a changed API yields a new deployment resource. It is retained when a later
 * template drops it, so {@code prod} can keep serving it: PreProd pins {@code prod} to its
 * current deployment ({@code ProdApiDeploymentId}) while {@code beta} takes the new one, and
 * Prod releases the pin.
 */
public final class TemplateSynthesizer {

    public static final String IMAGE_REPOSITORY = "ImageRepository";
    public static final String ARTIFACT_BUCKET = "ArtifactBucket";
    public static final String CONNECTION = "GitHubConnection";
    public static final String FUNCTION_ROLE = "FunctionRole";
    public static final String FUNCTION = "SolverFunction";
    public static final String FUNCTION_VERSION = "SolverFunctionInitialVersion";
    public static final String BETA_ALIAS_ID = "BetaAlias";
    public static final String PROD_ALIAS_ID = "ProdAlias";
    public static final String BETA_PERMISSION = "BetaAliasInvokePermission";
    public static final String PROD_PERMISSION = "ProdAliasInvokePermission";
    public static final String REST_API = "RestApi";
    public static final String API_DEPLOYMENT_PREFIX = "ApiDeployment";
    public static final String BETA_STAGE_ID = "BetaStage";
    public static final String PROD_STAGE_ID = "ProdStage";
    public static final String API_KEY = "ApiKey";
    public static final String USAGE_PLAN = "UsagePlan";
    public static final String USAGE_PLAN_KEY = "UsagePlanKey";
    public static final String ALARM = "ProdErrorRateAlarm";
    public static final String BUILD_ROLE = "BuildRole";
    public static final String INTEGRATION_ROLE = "IntegrationTestsRole";
    public static final String BUILD_PROJECT = "BuildProject";
    public static final String INTEGRATION_PROJECT = "IntegrationTestsProject";
    public static final String CODEDEPLOY_ROLE = "CodeDeployRole";
    public static final String CODEDEPLOY_APPLICATION = "CodeDeployApplication";
    public static final String CANARY_CONFIG = "ProdCanaryDeploymentConfig";
    public static final String BETA_DEPLOYMENT_GROUP = "BetaDeploymentGroup";
    public static final String PROD_DEPLOYMENT_GROUP = "ProdDeploymentGroup";
    public static final String CLOUDFORMATION_ROLE = "CloudFormationRole";
    public static final String PIPELINE_ROLE = "PipelineRole";
    public static final String PIPELINE = "Pipeline";

    private static final List<String> HTTP_METHODS = List.of("POST", "GET", "OPTIONS");

    private final DeploymentModel m;
    private final ObjectNode resources = obj();

    private TemplateSynthesizer(DeploymentModel model) {
        this.m = model;
    }

    public static ObjectNode template(DeploymentModel model) {
        return new TemplateSynthesizer(model).build();
    }

    /** The logical id of the API deployment for this model's API definition. */
    public static String apiDeploymentId(DeploymentModel model) {
        TemplateSynthesizer s = new TemplateSynthesizer(model);
        return API_DEPLOYMENT_PREFIX + s.apiHash(s.apiDefinition());
    }

    private ObjectNode build() {
        ObjectNode t = obj();
        t.put("AWSTemplateFormatVersion", "2010-09-09");
        t.put("Description", "stepsolver: the solver Lambda behind API Gateway and the pipeline that delivers it ("
                + m.stackName() + ")");
        t.set("Parameters", parameters());
        t.set("Conditions", conditions());

        resources.set(IMAGE_REPOSITORY, resource("AWS::ECR::Repository", false, obj()
                .put("RepositoryName", m.function().imageRepositoryName())
                .put("EmptyOnDelete", true)));
        artifactsAndSource();
        function();
        api();
        alarm();
        builds();
        if (m.delivery().mode() == LambdaDeployMode.CODE_DEPLOY) {
            codeDeploy();
        }
        cloudFormationRole();
        pipeline();
        t.set("Resources", resources);
        t.set("Outputs", outputs());
        return t;
    }

    private ObjectNode parameters() {
        ObjectNode p = obj();
        p.set(PARAM_IMAGE_URI, parameter("",
                "Solver image (repository URI and tag). Empty on the first deploy, which creates only the image repository."));
        p.set(PARAM_BASE_IMAGE, parameter(m.function().defaultBaseImage(),
                "Base image Jib builds the solver image on (jib.from.image)."));
        p.set(PARAM_FULL_REPOSITORY_ID, parameter(m.source().fullRepositoryId(), "GitHub repository owner/name."));
        p.set(PARAM_BRANCH, parameter(m.source().branch(), "Branch the pipeline releases."));
        p.set(PARAM_PROD_API_DEPLOYMENT, parameter("",
                "API Gateway deployment the prod stage keeps serving; empty to serve this template's API."));
        return p;
    }

    private static ObjectNode parameter(String defaultValue, String description) {
        return obj().put("Type", "String").put("Default", defaultValue).put("Description", description);
    }

    private ObjectNode conditions() {
        ObjectNode c = obj();
        c.set(CONDITION_HAS_IMAGE, equalsEmpty(PARAM_IMAGE_URI));
        c.set(CONDITION_PROD_PINNED, equalsEmpty(PARAM_PROD_API_DEPLOYMENT));
        return c;
    }

    private static ObjectNode resource(String type, boolean needsImage, ObjectNode properties) {
        ObjectNode r = obj().put("Type", type);
        if (needsImage) {
            r.put("Condition", CONDITION_HAS_IMAGE);
        }
        r.set("Properties", properties);
        return r;
    }

    private void add(String id, String type, ObjectNode properties) {
        resources.set(id, resource(type, true, properties));
    }

    // ---- artifact store and source connection ----

    private void artifactsAndSource() {
        ObjectNode bucket = obj();
        bucket.set("BucketName", name(m.pipeline().artifactBucketName()));
        bucket.putObject("PublicAccessBlockConfiguration")
                .put("BlockPublicAcls", true).put("BlockPublicPolicy", true)
                .put("IgnorePublicAcls", true).put("RestrictPublicBuckets", true);
        add(ARTIFACT_BUCKET, "AWS::S3::Bucket", bucket);
        add(CONNECTION, "AWS::CodeConnections::Connection", obj()
                .put("ConnectionName", m.source().connectionName())
                .put("ProviderType", m.source().providerType()));
    }

    // ---- the function ----

    private JsonNode functionArn() {
        return arn("lambda", "function:" + m.function().name());
    }

    private JsonNode functionVersionsArn() {
        return arn("lambda", "function:" + m.function().name() + ":*");
    }

    private List<JsonNode> logGroup(String group) {
        return List.of(arn("logs", "log-group:" + group), arn("logs", "log-group:" + group + ":*"));
    }

    private void function() {
        var f = m.function();
        List<JsonNode> logs = logGroup("/aws/lambda/" + f.name());
        add(FUNCTION_ROLE, "AWS::IAM::Role", role(m.roles().function(), "lambda.amazonaws.com", List.of(
                statement(List.of("logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents"),
                        logs.toArray(JsonNode[]::new)))));

        ObjectNode props = obj().put("FunctionName", f.name()).put("PackageType", "Image");
        props.putObject("Code").set("ImageUri", ref(PARAM_IMAGE_URI));
        props.set("Role", getAtt(FUNCTION_ROLE, "Arn"));
        props.put("MemorySize", f.memoryMb()).put("Timeout", f.timeoutSeconds());
        props.putArray("Architectures").add(f.architecture());
        add(FUNCTION, "AWS::Lambda::Function", props);

        add(FUNCTION_VERSION, "AWS::Lambda::Version", obj()
                .put("Description", "First version, from the bootstrap image; the pipeline publishes the next ones")
                .set("FunctionName", ref(FUNCTION)));
        add(BETA_ALIAS_ID, "AWS::Lambda::Alias", alias(f.betaAlias()));
        add(PROD_ALIAS_ID, "AWS::Lambda::Alias", alias(f.prodAlias()));
        add(BETA_PERMISSION, "AWS::Lambda::Permission", invokePermission(BETA_ALIAS_ID, m.api().betaStage()));
        add(PROD_PERMISSION, "AWS::Lambda::Permission", invokePermission(PROD_ALIAS_ID, m.api().prodStage()));
    }

    private ObjectNode alias(String name) {
        ObjectNode a = obj();
        a.set("FunctionName", ref(FUNCTION));
        a.set("FunctionVersion", getAtt(FUNCTION_VERSION, "Version"));
        a.put("Name", name);
        return a;
    }

    private ObjectNode invokePermission(String aliasId, String stage) {
        ObjectNode p = obj().put("Action", "lambda:InvokeFunction");
        p.set("FunctionName", ref(aliasId));
        p.put("Principal", "apigateway.amazonaws.com");
        p.set("SourceArn", sub("arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:${"
                + REST_API + "}/" + stage + "/*"));
        return p;
    }

    // ---- the API ----

    /** The REST API and its methods, in template order: what a deployment snapshots. */
    private Map<String, ObjectNode> apiDefinition() {
        var definition = new java.util.LinkedHashMap<String, ObjectNode>();
        ObjectNode api = obj().put("Name", m.api().name())
                .put("Description", "Step-by-step equation solver (classic contract: POST the equation as the body)");
        api.putObject("EndpointConfiguration").putArray("Types").add("REGIONAL");
        definition.put(REST_API, resource("AWS::ApiGateway::RestApi", true, api));
        for (String method : HTTP_METHODS) {
            ObjectNode props = obj();
            props.set("RestApiId", ref(REST_API));
            props.set("ResourceId", getAtt(REST_API, "RootResourceId"));
            props.put("HttpMethod", method);
            props.put("AuthorizationType", "NONE");
            // Browsers send no API key on a CORS preflight.
            props.put("ApiKeyRequired", !method.equals("OPTIONS"));
            ObjectNode integration = props.putObject("Integration");
            integration.put("Type", "AWS_PROXY");
            integration.put("IntegrationHttpMethod", "POST");
            // Fn::Join keeps ${stageVariables...} literal: API Gateway fills it per stage.
            integration.set("Uri", join(text("arn:"), ref("AWS::Partition"), text(":apigateway:"), ref("AWS::Region"),
                    text(":lambda:path/2015-03-31/functions/arn:"), ref("AWS::Partition"), text(":lambda:"),
                    ref("AWS::Region"), text(":"), ref("AWS::AccountId"), text(":function:"), ref(FUNCTION),
                    text(":${stageVariables." + m.api().aliasStageVariable() + "}/invocations")));
            definition.put(methodId(method), resource("AWS::ApiGateway::Method", true, props));
        }
        return definition;
    }

    private static String methodId(String method) {
        return "Root" + method.charAt(0) + method.substring(1).toLowerCase(java.util.Locale.ROOT) + "Method";
    }

    private String apiHash(Map<String, ObjectNode> definition) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            ObjectNode all = obj();
            definition.forEach(all::set);
            byte[] digest = sha.digest(CanonicalJson.compact(all).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().withUpperCase().formatHex(digest, 0, 5);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always present", e);
        }
    }

    private void api() {
        var a = m.api();
        Map<String, ObjectNode> definition = apiDefinition();
        definition.forEach(resources::set);

        String deploymentId = API_DEPLOYMENT_PREFIX + apiHash(definition);
        ObjectNode deployment = resource("AWS::ApiGateway::Deployment", true, obj()
                .put("Description", "API definition " + deploymentId.substring(API_DEPLOYMENT_PREFIX.length()))
                .set("RestApiId", ref(REST_API)));
        ArrayNode dependsOn = deployment.putArray("DependsOn");
        definition.keySet().stream().filter(id -> !id.equals(REST_API)).forEach(dependsOn::add);
        // Kept when a later template drops it: prod may still serve it until the Prod stage.
        deployment.put("DeletionPolicy", "Retain");
        deployment.put("UpdateReplacePolicy", "Retain");
        resources.set(deploymentId, deployment);

        add(BETA_STAGE_ID, "AWS::ApiGateway::Stage", stage(a.betaStage(), m.function().betaAlias(), ref(deploymentId)));
        add(PROD_STAGE_ID, "AWS::ApiGateway::Stage", stage(a.prodStage(), m.function().prodAlias(),
                ifThen(CONDITION_PROD_PINNED, ref(PARAM_PROD_API_DEPLOYMENT), ref(deploymentId))));

        // No Value: API Gateway generates the key; bootstrap copies it into SSM as a SecureString.
        add(API_KEY, "AWS::ApiGateway::ApiKey", obj().put("Name", a.apiKeyName()).put("Enabled", true));
        ObjectNode plan = obj().put("UsagePlanName", a.usagePlanName());
        ArrayNode stages = plan.putArray("ApiStages");
        stages.addObject().<ObjectNode>set("ApiId", ref(REST_API)).set("Stage", ref(BETA_STAGE_ID));
        stages.addObject().<ObjectNode>set("ApiId", ref(REST_API)).set("Stage", ref(PROD_STAGE_ID));
        plan.putObject("Throttle").put("RateLimit", a.rateLimit()).put("BurstLimit", a.burstLimit());
        add(USAGE_PLAN, "AWS::ApiGateway::UsagePlan", plan);
        add(USAGE_PLAN_KEY, "AWS::ApiGateway::UsagePlanKey", obj()
                .<ObjectNode>set("KeyId", ref(API_KEY))
                .put("KeyType", "API_KEY")
                .set("UsagePlanId", ref(USAGE_PLAN)));
    }

    private ObjectNode stage(String name, String alias, JsonNode deployment) {
        ObjectNode s = obj();
        s.set("RestApiId", ref(REST_API));
        s.put("StageName", name);
        s.set("DeploymentId", deployment);
        s.putObject("Variables").put(m.api().aliasStageVariable(), alias);
        return s;
    }

    // ---- the alarm ----

    private void alarm() {
        var al = m.alarm();
        var f = m.function();
        ObjectNode props = obj().put("AlarmName", al.name())
                .put("AlarmDescription", "Error rate of the " + f.prodAlias() + " alias, in percent of invocations")
                .put("ComparisonOperator", "GreaterThanOrEqualToThreshold")
                .put("Threshold", al.thresholdPercent())
                .put("EvaluationPeriods", al.evaluationPeriods())
                .put("DatapointsToAlarm", al.evaluationPeriods())
                .put("TreatMissingData", "notBreaching");
        ArrayNode metrics = props.putArray("Metrics");
        metrics.add(metric("errors", "Errors"));
        metrics.add(metric("invocations", "Invocations"));
        metrics.addObject().put("Id", "errorRate").put("Expression", "100 * errors / invocations")
                .put("Label", "Error rate (%)").put("ReturnData", true);
        add(ALARM, "AWS::CloudWatch::Alarm", props);
    }

    private ObjectNode metric(String id, String metricName) {
        var f = m.function();
        ObjectNode q = obj().put("Id", id).put("ReturnData", false);
        ObjectNode stat = q.putObject("MetricStat");
        ObjectNode metric = stat.putObject("Metric").put("Namespace", "AWS/Lambda").put("MetricName", metricName);
        ArrayNode dims = metric.putArray("Dimensions");
        dims.addObject().put("Name", "FunctionName").put("Value", f.name());
        dims.addObject().put("Name", "Resource").put("Value", f.name() + ":" + f.prodAlias());
        stat.put("Period", m.alarm().periodSeconds()).put("Stat", "Sum");
        return q;
    }

    // ---- CodeBuild ----

    private JsonNode bucketArn() {
        return getAtt(ARTIFACT_BUCKET, "Arn");
    }

    private JsonNode bucketObjects() {
        return sub("${" + ARTIFACT_BUCKET + ".Arn}/*");
    }

    private List<ObjectNode> projectBasics(BuildProjectSpec project, boolean writesArtifacts) {
        List<ObjectNode> s = new ArrayList<>();
        s.add(statement(List.of("logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents"),
                logGroup("/aws/codebuild/" + project.name()).toArray(JsonNode[]::new)));
        List<String> s3 = new ArrayList<>(List.of("s3:GetObject", "s3:GetObjectVersion"));
        if (writesArtifacts) {
            s3.add("s3:PutObject");
        }
        s.add(statement(s3, bucketObjects()));
        s.add(statement(List.of("s3:GetBucketLocation", "s3:GetBucketAcl"), bucketArn()));
        s.add(statement(List.of("codebuild:CreateReportGroup", "codebuild:CreateReport", "codebuild:UpdateReport",
                        "codebuild:BatchPutTestCases", "codebuild:BatchPutCodeCoverages"),
                arn("codebuild", "report-group/" + project.name() + "-*")));
        return s;
    }

    private void builds() {
        var b = m.builds();
        var f = m.function();
        JsonNode repository = getAtt(IMAGE_REPOSITORY, "Arn");

        List<ObjectNode> build = projectBasics(b.build(), true);
        // GetAuthorizationToken has no resource-level permissions: it is granted on "*" alone.
        build.add(statement(List.of("ecr:GetAuthorizationToken"), text("*")));
        build.add(statement(List.of("ecr:BatchCheckLayerAvailability", "ecr:BatchGetImage", "ecr:CompleteLayerUpload",
                "ecr:GetDownloadUrlForLayer", "ecr:InitiateLayerUpload", "ecr:PutImage", "ecr:UploadLayerPart"), repository));
        build.add(statement(List.of("lambda:GetAlias", "lambda:GetFunction", "lambda:GetFunctionConfiguration",
                "lambda:PublishVersion", "lambda:UpdateFunctionCode"), functionArn(), functionVersionsArn()));
        build.add(statement(List.of("apigateway:GET"), sub("arn:${AWS::Partition}:apigateway:${AWS::Region}::/restapis/${"
                + REST_API + "}/stages/" + m.api().prodStage())));
        add(BUILD_ROLE, "AWS::IAM::Role", role(m.roles().build(), "codebuild.amazonaws.com", build));

        List<ObjectNode> integration = projectBasics(b.integration(), true);
        integration.add(statement(List.of("ssm:GetParameter"), arn("ssm", parameterPath(m.api().apiKeyParameterName()))));
        integration.add(statement(List.of("lambda:GetAlias", "lambda:GetFunction"), functionArn(), functionVersionsArn()));
        add(INTEGRATION_ROLE, "AWS::IAM::Role", role(m.roles().integration(), "codebuild.amazonaws.com", integration));

        add(BUILD_PROJECT, "AWS::CodeBuild::Project", project(b.build(), BUILD_ROLE, List.of(
                env(IMAGE_REPOSITORY_URI, getAtt(IMAGE_REPOSITORY, "RepositoryUri")),
                env(BASE_IMAGE, ref(PARAM_BASE_IMAGE)),
                env(FUNCTION_NAME, ref(FUNCTION)),
                env(BETA_ALIAS, text(f.betaAlias())),
                env(REST_API_ID, ref(REST_API)),
                env(PROD_STAGE, text(m.api().prodStage())))));
        add(INTEGRATION_PROJECT, "AWS::CodeBuild::Project", project(b.integration(), INTEGRATION_ROLE, List.of(
                env(FUNCTION_NAME, ref(FUNCTION)),
                env(PROD_ALIAS, text(f.prodAlias())),
                env(REST_API_ID, ref(REST_API)),
                env(BETA_STAGE, text(m.api().betaStage())),
                env(API_KEY_PARAMETER, text(m.api().apiKeyParameterName())))));
        for (BuildProjectSpec project : List.of(b.build(), b.integration())) {
            for (ReportGroupSpec group : project.reportGroups()) {
                ObjectNode props = obj().put("Name", group.fullName(project.name())).put("Type", group.type().name());
                props.putObject("ExportConfig").put("ExportConfigType", "NO_EXPORT");
                props.put("DeleteReports", true);
                add(reportGroupId(group), "AWS::CodeBuild::ReportGroup", props);
            }
        }
    }

    /** Logical id of a report group: {@code unit-tests} → {@code UnitTestsReportGroup}. */
    public static String reportGroupId(ReportGroupSpec group) {
        StringBuilder id = new StringBuilder();
        for (String part : group.key().split("[^A-Za-z0-9]+")) {
            if (!part.isEmpty()) {
                id.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
            }
        }
        return id + "ReportGroup";
    }

    private static String parameterPath(String name) {
        return name.startsWith("/") ? "parameter" + name : "parameter/" + name;
    }

    private static ObjectNode env(String name, JsonNode value) {
        ObjectNode e = obj().put("Name", name).put("Type", "PLAINTEXT");
        e.set("Value", value);
        return e;
    }

    private ObjectNode project(BuildProjectSpec spec, String roleId, List<ObjectNode> environment) {
        ObjectNode p = obj().put("Name", spec.name());
        p.set("ServiceRole", getAtt(roleId, "Arn"));
        p.putObject("Source").put("Type", "CODEPIPELINE").put("BuildSpec", spec.buildspec());
        p.putObject("Artifacts").put("Type", "CODEPIPELINE");
        ObjectNode e = p.putObject("Environment").put("Type", "LINUX_CONTAINER")
                .put("ComputeType", spec.computeType()).put("Image", spec.image())
                .put("PrivilegedMode", false);
        ArrayNode vars = e.putArray("EnvironmentVariables");
        environment.forEach(vars::add);
        p.put("TimeoutInMinutes", spec.timeoutMinutes());
        return p;
    }

    // ---- CodeDeploy ----

    private JsonNode alarmArn() {
        return arn("cloudwatch", "alarm:" + m.alarm().name());
    }

    private void codeDeploy() {
        var d = m.delivery();
        add(CODEDEPLOY_ROLE, "AWS::IAM::Role", role(m.roles().codeDeploy(), "codedeploy.amazonaws.com", List.of(
                statement(List.of("lambda:GetAlias", "lambda:GetFunction", "lambda:GetFunctionConfiguration",
                        "lambda:GetProvisionedConcurrencyConfig", "lambda:UpdateAlias"), functionArn(), functionVersionsArn()),
                statement(List.of("cloudwatch:DescribeAlarms"), alarmArn()),
                // The pipeline hands CodeDeploy the AppSpec as a revision in the artifact store.
                statement(List.of("s3:GetObject", "s3:GetObjectVersion"), bucketObjects()))));
        add(CODEDEPLOY_APPLICATION, "AWS::CodeDeploy::Application", obj()
                .put("ApplicationName", d.applicationName()).put("ComputePlatform", "Lambda"));
        ObjectNode canary = obj().put("DeploymentConfigName", d.canary().configName()).put("ComputePlatform", "Lambda");
        ObjectNode routing = canary.putObject("TrafficRoutingConfig").put("Type", "TimeBasedCanary");
        routing.putObject("TimeBasedCanary").put("CanaryPercentage", d.canary().percentage())
                .put("CanaryInterval", d.canary().intervalMinutes());
        add(CANARY_CONFIG, "AWS::CodeDeploy::DeploymentConfig", canary);
        add(BETA_DEPLOYMENT_GROUP, "AWS::CodeDeploy::DeploymentGroup",
                deploymentGroup(d.betaDeploymentGroup(), text(d.preProdConfigName()), false));
        add(PROD_DEPLOYMENT_GROUP, "AWS::CodeDeploy::DeploymentGroup",
                deploymentGroup(d.prodDeploymentGroup(), ref(CANARY_CONFIG), true));
    }

    private ObjectNode deploymentGroup(String name, JsonNode config, boolean withAlarm) {
        ObjectNode g = obj();
        g.set("ApplicationName", ref(CODEDEPLOY_APPLICATION));
        g.put("DeploymentGroupName", name);
        g.set("DeploymentConfigName", config);
        g.set("ServiceRoleArn", getAtt(CODEDEPLOY_ROLE, "Arn"));
        g.putObject("DeploymentStyle").put("DeploymentType", "BLUE_GREEN").put("DeploymentOption", "WITH_TRAFFIC_CONTROL");
        ObjectNode rollback = g.putObject("AutoRollbackConfiguration").put("Enabled", true);
        ArrayNode events = rollback.putArray("Events").add("DEPLOYMENT_FAILURE");
        if (withAlarm) {
            events.add("DEPLOYMENT_STOP_ON_ALARM").add("DEPLOYMENT_STOP_ON_REQUEST");
            ObjectNode alarms = g.putObject("AlarmConfiguration").put("Enabled", true);
            alarms.putArray("Alarms").addObject().set("Name", ref(ALARM));
        }
        return g;
    }

    // ---- the role the pipeline's CloudFormation actions pass ----

    private List<JsonNode> roleArns() {
        var r = m.roles();
        List<JsonNode> arns = new ArrayList<>();
        for (String name : List.of(r.pipeline(), r.build(), r.integration(), r.codeDeploy(), r.cloudFormation(), r.function())) {
            arns.add(sub("arn:${AWS::Partition}:iam::${AWS::AccountId}:role/" + name));
        }
        return arns;
    }

    private JsonNode bucketArnByName(String suffix) {
        return sub("arn:${AWS::Partition}:s3:::" + m.pipeline().artifactBucketName() + suffix);
    }

    private void cloudFormationRole() {
        var b = m.builds();
        var d = m.delivery();
        List<JsonNode> projects = new ArrayList<>();
        for (BuildProjectSpec p : List.of(b.build(), b.integration())) {
            projects.add(arn("codebuild", "project/" + p.name()));
            projects.add(arn("codebuild", "report-group/" + p.name() + "-*"));
        }
        String api = "arn:${AWS::Partition}:apigateway:${AWS::Region}::";
        List<ObjectNode> s = new ArrayList<>(List.of(
                statement(List.of("iam:CreateRole", "iam:DeleteRole", "iam:DeleteRolePolicy", "iam:GetRole",
                        "iam:GetRolePolicy", "iam:ListAttachedRolePolicies", "iam:ListRolePolicies", "iam:PassRole",
                        "iam:PutRolePolicy", "iam:TagRole", "iam:UntagRole", "iam:UpdateAssumeRolePolicy", "iam:UpdateRole"),
                        roleArns().toArray(JsonNode[]::new)),
                statement(List.of("lambda:*"), functionArn(), functionVersionsArn()),
                statement(List.of("apigateway:DELETE", "apigateway:GET", "apigateway:PATCH", "apigateway:POST", "apigateway:PUT"),
                        sub(api + "/restapis"), sub(api + "/restapis/*"), sub(api + "/apikeys"), sub(api + "/apikeys/*"),
                        sub(api + "/usageplans"), sub(api + "/usageplans/*"), sub(api + "/tags/*")),
                statement(List.of("codebuild:*"), projects.toArray(JsonNode[]::new)),
                statement(List.of("cloudwatch:*"), alarmArn()),
                statement(List.of("codeconnections:*", "codestar-connections:*"), arn("codeconnections", "connection/*"),
                        arn("codestar-connections", "connection/*")),
                statement(List.of("s3:*"), bucketArnByName(""), bucketArnByName("/*")),
                statement(List.of("ecr:*"), arn("ecr", "repository/" + m.function().imageRepositoryName())),
                statement(List.of("codepipeline:*"), arn("codepipeline", m.pipeline().name())),
                statement(List.of("ssm:GetParameter", "ssm:GetParameters"), arn("ssm", "parameter/*"))));
        if (d.mode() == LambdaDeployMode.CODE_DEPLOY) {
            s.add(statement(List.of("codedeploy:*"),
                    arn("codedeploy", "application:" + d.applicationName()),
                    arn("codedeploy", "deploymentgroup:" + d.applicationName() + "/*"),
                    arn("codedeploy", "deploymentconfig:" + d.canary().configName())));
        }
        add(CLOUDFORMATION_ROLE, "AWS::IAM::Role", role(m.roles().cloudFormation(), "cloudformation.amazonaws.com", s));
    }

    // ---- the pipeline ----

    private void pipeline() {
        var d = m.delivery();
        boolean codeDeploy = d.mode() == LambdaDeployMode.CODE_DEPLOY;
        List<ObjectNode> s = new ArrayList<>(List.of(
                statement(List.of("s3:GetObject", "s3:GetObjectVersion", "s3:PutObject"), bucketObjects()),
                statement(List.of("s3:GetBucketLocation", "s3:GetBucketVersioning", "s3:ListBucket"), bucketArn()),
                statement(List.of("codeconnections:UseConnection", "codestar-connections:UseConnection"),
                        getAtt(CONNECTION, "ConnectionArn")),
                statement(List.of("codebuild:BatchGetBuilds", "codebuild:StartBuild"),
                        getAtt(BUILD_PROJECT, "Arn"), getAtt(INTEGRATION_PROJECT, "Arn")),
                statement(List.of("cloudformation:CreateStack", "cloudformation:DescribeStackEvents",
                        "cloudformation:DescribeStacks", "cloudformation:UpdateStack"),
                        sub("arn:${AWS::Partition}:cloudformation:${AWS::Region}:${AWS::AccountId}:stack/${AWS::StackName}/*")),
                statement(List.of("iam:PassRole"), getAtt(CLOUDFORMATION_ROLE, "Arn"))));
        if (codeDeploy) {
            s.add(statement(List.of("codedeploy:CreateDeployment", "codedeploy:GetApplication",
                            "codedeploy:GetApplicationRevision", "codedeploy:GetDeployment", "codedeploy:GetDeploymentConfig",
                            "codedeploy:RegisterApplicationRevision"),
                    arn("codedeploy", "application:" + d.applicationName()),
                    arn("codedeploy", "deploymentgroup:" + d.applicationName() + "/*"),
                    arn("codedeploy", "deploymentconfig:*")));
        } else {
            s.add(statement(List.of("lambda:GetAlias", "lambda:GetFunction", "lambda:GetFunctionConfiguration",
                    "lambda:UpdateAlias"), functionArn(), functionVersionsArn()));
            s.add(statement(List.of("cloudwatch:DescribeAlarms"), alarmArn()));
        }
        add(PIPELINE_ROLE, "AWS::IAM::Role", role(m.roles().pipeline(), "codepipeline.amazonaws.com", s));
        if (!m.pipeline().inTemplate()) {
            return;
        }
        JsonNode sdkJson;
        try {
            sdkJson = CanonicalJson.parse(PipelineJson.write(PipelineSynthesizer.request(m, PipelineValues.tokens())));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("the SDK wrote JSON Jackson cannot read", e);
        }
        ObjectNode props = (ObjectNode) pascalCase(sdkJson.get("pipeline"), false);
        ObjectNode withTags = props.deepCopy();
        withTags.set("Tags", pascalCase(sdkJson.get("tags"), false));
        add(PIPELINE, "AWS::CodePipeline::Pipeline", (ObjectNode) Tokens.resolve(withTags));
    }

    /** The API's camelCase member names as CloudFormation's PascalCase; configuration keys stay as they are. */
    private static JsonNode pascalCase(JsonNode node, boolean keepKeys) {
        if (node.isObject()) {
            ObjectNode out = obj();
            node.properties().forEach(e -> {
                String key = keepKeys ? e.getKey() : Character.toUpperCase(e.getKey().charAt(0)) + e.getKey().substring(1);
                out.set(key, pascalCase(e.getValue(), e.getKey().equals("configuration")));
            });
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = Cfn.arr();
            node.forEach(item -> out.add(pascalCase(item, false)));
            return out;
        }
        return node;
    }

    private static ObjectNode role(String name, String principal, List<ObjectNode> statements) {
        ObjectNode r = obj().put("RoleName", name);
        r.set("AssumeRolePolicyDocument", assumeRole(principal));
        ObjectNode policy = r.putArray("Policies").addObject().put("PolicyName", name + "-least-privilege");
        policy.set("PolicyDocument", policyDocument(statements));
        return r;
    }

    // ---- outputs ----

    private ObjectNode outputs() {
        ObjectNode o = obj();
        o.set("RepositoryUri", output(getAtt(IMAGE_REPOSITORY, "RepositoryUri"), false));
        o.set("FunctionName", output(ref(FUNCTION), true));
        o.set("RestApiId", output(ref(REST_API), true));
        o.set("BetaStageName", output(ref(BETA_STAGE_ID), true));
        o.set("ProdStageName", output(ref(PROD_STAGE_ID), true));
        o.set("ApiDeploymentId", output(ref(apiDeploymentId(m)), true));
        o.set("BetaUrl", output(sub("https://${" + REST_API + "}.execute-api.${AWS::Region}.amazonaws.com/"
                + m.api().betaStage() + "/"), true));
        o.set("ProdUrl", output(sub("https://${" + REST_API + "}.execute-api.${AWS::Region}.amazonaws.com/"
                + m.api().prodStage() + "/"), true));
        o.set("ApiKeyId", output(ref(API_KEY), true));
        o.set("ApiKeyParameterName", output(text(m.api().apiKeyParameterName()), true));
        o.set("ConnectionArn", output(getAtt(CONNECTION, "ConnectionArn"), true));
        o.set("ArtifactBucketName", output(ref(ARTIFACT_BUCKET), true));
        if (m.pipeline().inTemplate()) {
            o.set("PipelineName", output(ref(PIPELINE), true));
        }
        return o;
    }

    private static ObjectNode output(JsonNode value, boolean needsImage) {
        ObjectNode out = obj();
        if (needsImage) {
            out.put("Condition", CONDITION_HAS_IMAGE);
        }
        out.set("Value", value);
        return out;
    }
}
