package dev.stepsolver.emulator.codedeploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.stepsolver.emulator.Clients;
import dev.stepsolver.emulator.LocalEmulator;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.codedeploy.CodeDeployClient;
import software.amazon.awssdk.services.codedeploy.model.ApplicationAlreadyExistsException;
import software.amazon.awssdk.services.codedeploy.model.ApplicationDoesNotExistException;
import software.amazon.awssdk.services.codedeploy.model.ApplicationInfo;
import software.amazon.awssdk.services.codedeploy.model.AutoRollbackEvent;
import software.amazon.awssdk.services.codedeploy.model.ComputePlatform;
import software.amazon.awssdk.services.codedeploy.model.DeploymentConfigDoesNotExistException;
import software.amazon.awssdk.services.codedeploy.model.DeploymentConfigInUseException;
import software.amazon.awssdk.services.codedeploy.model.DeploymentConfigInfo;
import software.amazon.awssdk.services.codedeploy.model.DeploymentGroupDoesNotExistException;
import software.amazon.awssdk.services.codedeploy.model.DeploymentGroupInfo;
import software.amazon.awssdk.services.codedeploy.model.DeploymentInfo;
import software.amazon.awssdk.services.codedeploy.model.DeploymentStatus;
import software.amazon.awssdk.services.codedeploy.model.InvalidOperationException;
import software.amazon.awssdk.services.codedeploy.model.InvalidRevisionException;
import software.amazon.awssdk.services.codedeploy.model.InvalidTrafficRoutingConfigurationException;
import software.amazon.awssdk.services.codedeploy.model.RevisionLocation;
import software.amazon.awssdk.services.codedeploy.model.TrafficRoutingType;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Applications, deployment groups, deployment configurations and the deployments that fail before
 * touching a function, through the SDK v2 CodeDeploy client.
 */
class CodeDeployResourcesTest {

    private static final String ROLE = "arn:aws:iam::000000000000:role/codedeploy";
    private static final AtomicInteger NAMES = new AtomicInteger();

    private static LocalEmulator emulator;
    private static CodeDeployClient codeDeploy;
    private static S3Client s3;

    @BeforeAll
    static void start() {
        emulator = LocalEmulator.builder().port(0).build().start();
        codeDeploy = Clients.codeDeploy(emulator.endpoint());
        s3 = Clients.s3(emulator.endpoint());
    }

    @AfterAll
    static void stop() {
        codeDeploy.close();
        s3.close();
        emulator.close();
    }

    private static String newApplication() {
        String name = "app-" + NAMES.incrementAndGet();
        codeDeploy.createApplication(r -> r.applicationName(name).computePlatform(ComputePlatform.LAMBDA));
        return name;
    }

    private static String newGroup(String application, String config) {
        String name = "group-" + NAMES.incrementAndGet();
        codeDeploy.createDeploymentGroup(r -> r.applicationName(application).deploymentGroupName(name)
                .deploymentConfigName(config).serviceRoleArn(ROLE));
        return name;
    }

    private static DeploymentInfo awaitEnd(String deploymentId) {
        return await().atMost(Duration.ofSeconds(30)).until(
                () -> codeDeploy.getDeployment(r -> r.deploymentId(deploymentId)).deploymentInfo(),
                info -> info.status() == DeploymentStatus.FAILED || info.status() == DeploymentStatus.SUCCEEDED
                        || info.status() == DeploymentStatus.STOPPED);
    }

    @Test
    void anApplicationIsCreatedOnTheLambdaPlatform() {
        String name = newApplication();

        ApplicationInfo application = codeDeploy.getApplication(r -> r.applicationName(name)).application();

        assertThat(application.applicationName()).isEqualTo(name);
        assertThat(application.computePlatform()).isEqualTo(ComputePlatform.LAMBDA);
        assertThat(application.applicationId()).isNotBlank();
        assertThat(codeDeploy.listApplications(r -> { }).applications()).contains(name);
    }

    @Test
    void anApplicationNameCanBeTakenOnce() {
        String name = newApplication();

        assertThatThrownBy(() -> codeDeploy.createApplication(r -> r.applicationName(name)))
                .isInstanceOf(ApplicationAlreadyExistsException.class);
    }

    @Test
    void anUnknownApplicationIsReportedByName() {
        assertThatThrownBy(() -> codeDeploy.getApplication(r -> r.applicationName("nope")))
                .isInstanceOf(ApplicationDoesNotExistException.class)
                .hasMessageStartingWith("No application found for name: nope");
    }

    @Test
    void deletingAnApplicationDeletesItsGroups() {
        String application = newApplication();
        newGroup(application, "CodeDeployDefault.LambdaAllAtOnce");

        codeDeploy.deleteApplication(r -> r.applicationName(application));

        assertThat(codeDeploy.listApplications(r -> { }).applications()).doesNotContain(application);
        codeDeploy.createApplication(r -> r.applicationName(application).computePlatform(ComputePlatform.LAMBDA));
        assertThat(codeDeploy.listDeploymentGroups(r -> r.applicationName(application)).deploymentGroups()).isEmpty();
    }

    @Test
    void thePredefinedLambdaConfigurationsExist() {
        assertThat(codeDeploy.listDeploymentConfigs(r -> { }).deploymentConfigsList()).contains(
                "CodeDeployDefault.LambdaAllAtOnce", "CodeDeployDefault.LambdaCanary10Percent5Minutes",
                "CodeDeployDefault.LambdaCanary10Percent10Minutes", "CodeDeployDefault.LambdaCanary10Percent15Minutes",
                "CodeDeployDefault.LambdaCanary10Percent30Minutes", "CodeDeployDefault.LambdaLinear10PercentEvery1Minute",
                "CodeDeployDefault.LambdaLinear10PercentEvery2Minutes",
                "CodeDeployDefault.LambdaLinear10PercentEvery3Minutes",
                "CodeDeployDefault.LambdaLinear10PercentEvery10Minutes");
        DeploymentConfigInfo canary = codeDeploy.getDeploymentConfig(r -> r.deploymentConfigName(
                "CodeDeployDefault.LambdaCanary10Percent15Minutes")).deploymentConfigInfo();
        assertThat(canary.computePlatform()).isEqualTo(ComputePlatform.LAMBDA);
        assertThat(canary.trafficRoutingConfig().type()).isEqualTo(TrafficRoutingType.TIME_BASED_CANARY);
        assertThat(canary.trafficRoutingConfig().timeBasedCanary().canaryPercentage()).isEqualTo(10);
        assertThat(canary.trafficRoutingConfig().timeBasedCanary().canaryInterval()).isEqualTo(15);
        DeploymentConfigInfo linear = codeDeploy.getDeploymentConfig(r -> r.deploymentConfigName(
                "CodeDeployDefault.LambdaLinear10PercentEvery3Minutes")).deploymentConfigInfo();
        assertThat(linear.trafficRoutingConfig().timeBasedLinear().linearInterval()).isEqualTo(3);
    }

    @Test
    void aPredefinedConfigurationCannotBeDeleted() {
        assertThatThrownBy(() -> codeDeploy.deleteDeploymentConfig(r -> r.deploymentConfigName(
                "CodeDeployDefault.LambdaAllAtOnce"))).isInstanceOf(InvalidOperationException.class);
    }

    @Test
    void aCustomCanaryConfigurationIsKeptAndDeletedWhenUnused() {
        String name = "canary-25-" + NAMES.incrementAndGet();

        codeDeploy.createDeploymentConfig(r -> r.deploymentConfigName(name).computePlatform(ComputePlatform.LAMBDA)
                .trafficRoutingConfig(t -> t.type(TrafficRoutingType.TIME_BASED_CANARY)
                        .timeBasedCanary(c -> c.canaryPercentage(25).canaryInterval(10))));

        DeploymentConfigInfo info = codeDeploy.getDeploymentConfig(r -> r.deploymentConfigName(name))
                .deploymentConfigInfo();
        assertThat(info.trafficRoutingConfig().timeBasedCanary().canaryPercentage()).isEqualTo(25);
        String application = newApplication();
        String group = newGroup(application, name);
        assertThatThrownBy(() -> codeDeploy.deleteDeploymentConfig(r -> r.deploymentConfigName(name)))
                .isInstanceOf(DeploymentConfigInUseException.class);
        codeDeploy.deleteDeploymentGroup(r -> r.applicationName(application).deploymentGroupName(group));
        codeDeploy.deleteDeploymentConfig(r -> r.deploymentConfigName(name));
        assertThatThrownBy(() -> codeDeploy.getDeploymentConfig(r -> r.deploymentConfigName(name)))
                .isInstanceOf(DeploymentConfigDoesNotExistException.class)
                .hasMessageStartingWith("No deployment configuration found for name: " + name);
    }

    @Test
    void aCanaryOfAHundredPercentIsNotATrafficRouting() {
        assertThatThrownBy(() -> codeDeploy.createDeploymentConfig(r -> r.deploymentConfigName("bad-canary")
                .computePlatform(ComputePlatform.LAMBDA).trafficRoutingConfig(t -> t
                        .type(TrafficRoutingType.TIME_BASED_CANARY)
                        .timeBasedCanary(c -> c.canaryPercentage(100).canaryInterval(10)))))
                .isInstanceOf(InvalidTrafficRoutingConfigurationException.class);
    }

    @Test
    void aDeploymentGroupKeepsItsAlarmsAndRollbackConfiguration() {
        String application = newApplication();

        codeDeploy.createDeploymentGroup(r -> r.applicationName(application).deploymentGroupName("prod")
                .deploymentConfigName("CodeDeployDefault.LambdaCanary10Percent5Minutes").serviceRoleArn(ROLE)
                .alarmConfiguration(a -> a.enabled(true).alarms(al -> al.name("error-rate")))
                .autoRollbackConfiguration(a -> a.enabled(true).events(AutoRollbackEvent.DEPLOYMENT_FAILURE,
                        AutoRollbackEvent.DEPLOYMENT_STOP_ON_ALARM)));

        DeploymentGroupInfo group = codeDeploy.getDeploymentGroup(r -> r.applicationName(application)
                .deploymentGroupName("prod")).deploymentGroupInfo();
        assertThat(group.deploymentConfigName()).isEqualTo("CodeDeployDefault.LambdaCanary10Percent5Minutes");
        assertThat(group.alarmConfiguration().enabled()).isTrue();
        assertThat(group.alarmConfiguration().alarms()).extracting(a -> a.name()).containsExactly("error-rate");
        assertThat(group.autoRollbackConfiguration().events()).containsExactly(AutoRollbackEvent.DEPLOYMENT_FAILURE,
                AutoRollbackEvent.DEPLOYMENT_STOP_ON_ALARM);
        assertThat(group.deploymentStyle().deploymentTypeAsString()).isEqualTo("BLUE_GREEN");
        assertThat(group.deploymentStyle().deploymentOptionAsString()).isEqualTo("WITH_TRAFFIC_CONTROL");
        assertThat(group.computePlatform()).isEqualTo(ComputePlatform.LAMBDA);
    }

    @Test
    void aLambdaGroupWithoutAConfigurationDeploysAllAtOnce() {
        String application = newApplication();

        codeDeploy.createDeploymentGroup(r -> r.applicationName(application).deploymentGroupName("beta")
                .serviceRoleArn(ROLE));

        assertThat(codeDeploy.getDeploymentGroup(r -> r.applicationName(application).deploymentGroupName("beta"))
                .deploymentGroupInfo().deploymentConfigName()).isEqualTo("CodeDeployDefault.LambdaAllAtOnce");
    }

    @Test
    void aGroupCannotUseAConfigurationThatDoesNotExist() {
        String application = newApplication();

        assertThatThrownBy(() -> newGroup(application, "Canary20Percent3Minutes"))
                .isInstanceOf(DeploymentConfigDoesNotExistException.class)
                .hasMessageStartingWith("No deployment configuration found for name: Canary20Percent3Minutes");
    }

    @Test
    void updatingAGroupRenamesItAndChangesItsConfiguration() {
        String application = newApplication();
        String group = newGroup(application, "CodeDeployDefault.LambdaAllAtOnce");
        String id = codeDeploy.getDeploymentGroup(r -> r.applicationName(application).deploymentGroupName(group))
                .deploymentGroupInfo().deploymentGroupId();

        codeDeploy.updateDeploymentGroup(r -> r.applicationName(application).currentDeploymentGroupName(group)
                .newDeploymentGroupName("renamed").deploymentConfigName(
                        "CodeDeployDefault.LambdaLinear10PercentEvery1Minute"));

        DeploymentGroupInfo renamed = codeDeploy.getDeploymentGroup(r -> r.applicationName(application)
                .deploymentGroupName("renamed")).deploymentGroupInfo();
        assertThat(renamed.deploymentGroupId()).isEqualTo(id);
        assertThat(renamed.deploymentConfigName()).isEqualTo("CodeDeployDefault.LambdaLinear10PercentEvery1Minute");
        assertThatThrownBy(() -> codeDeploy.getDeploymentGroup(r -> r.applicationName(application)
                .deploymentGroupName(group))).isInstanceOf(DeploymentGroupDoesNotExistException.class)
                .hasMessageStartingWith("No Deployment Group found for name: " + group);
    }

    @Test
    void theJavaApiCreatesWhatTheSdkThenReads() {
        CodeDeployBackend backend = emulator.context().backend(CodeDeployBackend.class);
        String application = "java-app-" + NAMES.incrementAndGet();
        String config = "java-canary-" + NAMES.incrementAndGet();

        backend.createApplication(application, dev.stepsolver.emulator.codedeploy.ComputePlatform.LAMBDA);
        backend.createDeploymentConfig(config, dev.stepsolver.emulator.codedeploy.ComputePlatform.LAMBDA,
                TrafficRouting.canary(25, 10));
        backend.createDeploymentGroup(DeploymentGroupSpec.of(application, "prod", config, ROLE)
                .withAlarms(new AlarmConfiguration(true, false, java.util.List.of("error-rate")))
                .withAutoRollback(new AutoRollbackConfiguration(true, java.util.List.of(
                        RollbackEvent.DEPLOYMENT_STOP_ON_ALARM))));
        backend.updateDeploymentGroup(application, "prod", new DeploymentGroupUpdate(java.util.Optional.empty(),
                java.util.Optional.empty(), java.util.Optional.of("arn:aws:iam::000000000000:role/other"),
                java.util.Optional.empty(), java.util.Optional.empty()));

        DeploymentGroupInfo group = codeDeploy.getDeploymentGroup(r -> r.applicationName(application)
                .deploymentGroupName("prod")).deploymentGroupInfo();
        assertThat(group.deploymentConfigName()).isEqualTo(config);
        assertThat(group.serviceRoleArn()).isEqualTo("arn:aws:iam::000000000000:role/other");
        assertThat(group.alarmConfiguration().alarms()).extracting(a -> a.name()).containsExactly("error-rate");
        assertThat(group.autoRollbackConfiguration().events()).containsExactly(
                AutoRollbackEvent.DEPLOYMENT_STOP_ON_ALARM);
        assertThat(codeDeploy.getDeploymentConfig(r -> r.deploymentConfigName(config)).deploymentConfigInfo()
                .trafficRoutingConfig().timeBasedCanary().canaryInterval()).isEqualTo(10);
    }

    @Test
    void aRevisionZipWithoutAnAppSpecFailsTheDeploymentWithAwsMessage() throws Exception {
        String application = newApplication();
        String group = newGroup(application, "CodeDeployDefault.LambdaAllAtOnce");
        s3.createBucket(r -> r.bucket("revisions-" + group));
        s3.putObject(r -> r.bucket("revisions-" + group).key("bundle.zip"),
                RequestBody.fromBytes(AppSpecsTest.zip(Map.of("README.md", "no appspec here"))));

        String id = codeDeploy.createDeployment(r -> r.applicationName(application).deploymentGroupName(group)
                .revision(RevisionLocation.builder().revisionType("S3").s3Location(l -> l.bucket("revisions-" + group)
                        .key("bundle.zip").bundleType("zip")).build())).deploymentId();

        DeploymentInfo info = awaitEnd(id);
        assertThat(info.status()).isEqualTo(DeploymentStatus.FAILED);
        assertThat(info.errorInformation().message())
                .isEqualTo("An AppSpec file is required, but could not be found in the revision");
        assertThat(info.errorInformation().codeAsString()).isEqualTo("INVALID_REVISION");
        assertThat(info.deploymentOverview().failed()).isEqualTo(1L);
    }

    @Test
    void aDeploymentToAFunctionThatDoesNotExistFails() {
        String application = newApplication();
        String group = newGroup(application, "CodeDeployDefault.LambdaAllAtOnce");
        String appSpec = """
                version: 0.0
                Resources:
                  - fn: {Type: AWS::Lambda::Function, Properties: {Name: ghost, Alias: live, CurrentVersion: 1, TargetVersion: 2}}
                """;

        String id = codeDeploy.createDeployment(r -> r.applicationName(application).deploymentGroupName(group)
                .revision(v -> v.revisionType("AppSpecContent").appSpecContent(c -> c.content(appSpec))))
                .deploymentId();

        DeploymentInfo info = awaitEnd(id);
        assertThat(info.status()).isEqualTo(DeploymentStatus.FAILED);
        assertThat(info.errorInformation().codeAsString()).isEqualTo("INVALID_LAMBDA_FUNCTION");
        assertThat(info.errorInformation().message()).isEqualTo("The deployment failed because either the target"
                + " Lambda function ghost does not exist or the specified function version or alias cannot be found");
    }

    @Test
    void anAppSpecWhoseHashDoesNotMatchIsRefused() {
        String application = newApplication();
        String group = newGroup(application, "CodeDeployDefault.LambdaAllAtOnce");

        assertThatThrownBy(() -> codeDeploy.createDeployment(r -> r.applicationName(application)
                .deploymentGroupName(group).revision(v -> v.revisionType("AppSpecContent")
                        .appSpecContent(c -> c.content("version: 0.0").sha256("00")))))
                .isInstanceOf(InvalidRevisionException.class);
    }

    @Test
    void aDeploymentToAnUnknownGroupIsRefused() {
        String application = newApplication();

        assertThatThrownBy(() -> codeDeploy.createDeployment(r -> r.applicationName(application)
                .deploymentGroupName("nope").revision(v -> v.revisionType("AppSpecContent")
                        .appSpecContent(c -> c.content("version: 0.0")))))
                .isInstanceOf(DeploymentGroupDoesNotExistException.class);
    }
}
