package dev.stepsolver.emulator.codedeploy;

import dev.stepsolver.emulator.protocol.AwsCall;
import dev.stepsolver.emulator.protocol.AwsException;
import dev.stepsolver.emulator.protocol.OperationTable;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import software.amazon.awssdk.services.codedeploy.model.Alarm;
import software.amazon.awssdk.services.codedeploy.model.ApplicationInfo;
import software.amazon.awssdk.services.codedeploy.model.AppSpecContent;
import software.amazon.awssdk.services.codedeploy.model.BatchGetApplicationsRequest;
import software.amazon.awssdk.services.codedeploy.model.BatchGetApplicationsResponse;
import software.amazon.awssdk.services.codedeploy.model.BatchGetDeploymentGroupsRequest;
import software.amazon.awssdk.services.codedeploy.model.BatchGetDeploymentGroupsResponse;
import software.amazon.awssdk.services.codedeploy.model.BatchGetDeploymentTargetsRequest;
import software.amazon.awssdk.services.codedeploy.model.BatchGetDeploymentTargetsResponse;
import software.amazon.awssdk.services.codedeploy.model.BatchGetDeploymentsRequest;
import software.amazon.awssdk.services.codedeploy.model.BatchGetDeploymentsResponse;
import software.amazon.awssdk.services.codedeploy.model.CreateApplicationRequest;
import software.amazon.awssdk.services.codedeploy.model.CreateApplicationResponse;
import software.amazon.awssdk.services.codedeploy.model.CreateDeploymentConfigRequest;
import software.amazon.awssdk.services.codedeploy.model.CreateDeploymentConfigResponse;
import software.amazon.awssdk.services.codedeploy.model.CreateDeploymentGroupRequest;
import software.amazon.awssdk.services.codedeploy.model.CreateDeploymentGroupResponse;
import software.amazon.awssdk.services.codedeploy.model.CreateDeploymentRequest;
import software.amazon.awssdk.services.codedeploy.model.CreateDeploymentResponse;
import software.amazon.awssdk.services.codedeploy.model.DeleteApplicationRequest;
import software.amazon.awssdk.services.codedeploy.model.DeleteApplicationResponse;
import software.amazon.awssdk.services.codedeploy.model.DeleteDeploymentConfigRequest;
import software.amazon.awssdk.services.codedeploy.model.DeleteDeploymentConfigResponse;
import software.amazon.awssdk.services.codedeploy.model.DeleteDeploymentGroupRequest;
import software.amazon.awssdk.services.codedeploy.model.DeleteDeploymentGroupResponse;
import software.amazon.awssdk.services.codedeploy.model.DeploymentConfigInfo;
import software.amazon.awssdk.services.codedeploy.model.DeploymentGroupInfo;
import software.amazon.awssdk.services.codedeploy.model.DeploymentInfo;
import software.amazon.awssdk.services.codedeploy.model.DeploymentOverview;
import software.amazon.awssdk.services.codedeploy.model.DeploymentStyle;
import software.amazon.awssdk.services.codedeploy.model.DeploymentTarget;
import software.amazon.awssdk.services.codedeploy.model.Diagnostics;
import software.amazon.awssdk.services.codedeploy.model.GetApplicationRequest;
import software.amazon.awssdk.services.codedeploy.model.GetApplicationResponse;
import software.amazon.awssdk.services.codedeploy.model.GetDeploymentConfigRequest;
import software.amazon.awssdk.services.codedeploy.model.GetDeploymentConfigResponse;
import software.amazon.awssdk.services.codedeploy.model.GetDeploymentGroupRequest;
import software.amazon.awssdk.services.codedeploy.model.GetDeploymentGroupResponse;
import software.amazon.awssdk.services.codedeploy.model.GetDeploymentRequest;
import software.amazon.awssdk.services.codedeploy.model.GetDeploymentResponse;
import software.amazon.awssdk.services.codedeploy.model.GetDeploymentTargetRequest;
import software.amazon.awssdk.services.codedeploy.model.GetDeploymentTargetResponse;
import software.amazon.awssdk.services.codedeploy.model.LambdaFunctionInfo;
import software.amazon.awssdk.services.codedeploy.model.LambdaTarget;
import software.amazon.awssdk.services.codedeploy.model.LastDeploymentInfo;
import software.amazon.awssdk.services.codedeploy.model.ListApplicationsRequest;
import software.amazon.awssdk.services.codedeploy.model.ListApplicationsResponse;
import software.amazon.awssdk.services.codedeploy.model.ListDeploymentConfigsRequest;
import software.amazon.awssdk.services.codedeploy.model.ListDeploymentConfigsResponse;
import software.amazon.awssdk.services.codedeploy.model.ListDeploymentGroupsRequest;
import software.amazon.awssdk.services.codedeploy.model.ListDeploymentGroupsResponse;
import software.amazon.awssdk.services.codedeploy.model.ListDeploymentTargetsRequest;
import software.amazon.awssdk.services.codedeploy.model.ListDeploymentTargetsResponse;
import software.amazon.awssdk.services.codedeploy.model.ListDeploymentsRequest;
import software.amazon.awssdk.services.codedeploy.model.ListDeploymentsResponse;
import software.amazon.awssdk.services.codedeploy.model.PutLifecycleEventHookExecutionStatusRequest;
import software.amazon.awssdk.services.codedeploy.model.PutLifecycleEventHookExecutionStatusResponse;
import software.amazon.awssdk.services.codedeploy.model.RawString;
import software.amazon.awssdk.services.codedeploy.model.RevisionLocation;
import software.amazon.awssdk.services.codedeploy.model.S3Location;
import software.amazon.awssdk.services.codedeploy.model.StopDeploymentRequest;
import software.amazon.awssdk.services.codedeploy.model.StopDeploymentResponse;
import software.amazon.awssdk.services.codedeploy.model.TimeBasedCanary;
import software.amazon.awssdk.services.codedeploy.model.TimeBasedLinear;
import software.amazon.awssdk.services.codedeploy.model.TrafficRoutingConfig;
import software.amazon.awssdk.services.codedeploy.model.UpdateDeploymentGroupRequest;
import software.amazon.awssdk.services.codedeploy.model.UpdateDeploymentGroupResponse;

/**
 * CodeDeploy's JSON 1.1 operations ({@code CodeDeploy_20141006.*}): SDK requests to backend calls,
 * backend records to SDK responses. No behaviour of its own.
 */
final class CodeDeployOperations {

    private static final int PAGE = 100;
    private static final int MAX_BATCH = 100;
    private static final int MAX_DEPLOYMENT_BATCH = 25;

    private final CodeDeployBackend backend;

    private CodeDeployOperations(CodeDeployBackend backend) {
        this.backend = backend;
    }

    static OperationTable table(CodeDeployBackend backend) {
        CodeDeployOperations ops = new CodeDeployOperations(backend);
        return OperationTable.builder()
                .add("CreateApplication", CreateApplicationRequest::builder, ops::createApplication)
                .require("applicationName")
                .add("GetApplication", GetApplicationRequest::builder, (GetApplicationRequest in, AwsCall call) ->
                        GetApplicationResponse.builder().application(application(backend.application(
                                in.applicationName()).orElseThrow(() -> noApplication(in.applicationName()))))
                                .build())
                .require("applicationName")
                .add("BatchGetApplications", BatchGetApplicationsRequest::builder, ops::batchGetApplications)
                .require("applicationNames")
                .add("ListApplications", ListApplicationsRequest::builder, (ListApplicationsRequest in,
                        AwsCall call) -> {
                    Page<String> page = page(backend.applications().stream().map(Application::name).toList(),
                            in.nextToken());
                    return ListApplicationsResponse.builder().applications(page.items())
                            .nextToken(page.next().orElse(null)).build();
                })
                .add("DeleteApplication", DeleteApplicationRequest::builder, (DeleteApplicationRequest in,
                        AwsCall call) -> {
                    backend.deleteApplication(in.applicationName());
                    return DeleteApplicationResponse.builder().build();
                })
                .require("applicationName")
                .add("CreateDeploymentGroup", CreateDeploymentGroupRequest::builder, ops::createDeploymentGroup)
                .require("applicationName", "deploymentGroupName", "serviceRoleArn")
                .add("GetDeploymentGroup", GetDeploymentGroupRequest::builder, (GetDeploymentGroupRequest in,
                        AwsCall call) -> GetDeploymentGroupResponse.builder().deploymentGroupInfo(ops.groupInfo(
                                backend.deploymentGroups(in.applicationName()).stream()
                                        .filter(g -> g.name().equals(in.deploymentGroupName())).findFirst()
                                        .orElseThrow(() -> noGroup(in.deploymentGroupName())))).build())
                .require("applicationName", "deploymentGroupName")
                .add("BatchGetDeploymentGroups", BatchGetDeploymentGroupsRequest::builder, ops::batchGetGroups)
                .require("applicationName", "deploymentGroupNames")
                .add("UpdateDeploymentGroup", UpdateDeploymentGroupRequest::builder, ops::updateDeploymentGroup)
                .require("applicationName", "currentDeploymentGroupName")
                .add("DeleteDeploymentGroup", DeleteDeploymentGroupRequest::builder, (DeleteDeploymentGroupRequest in,
                        AwsCall call) -> {
                    backend.deleteDeploymentGroup(in.applicationName(), in.deploymentGroupName());
                    return DeleteDeploymentGroupResponse.builder().hooksNotCleanedUp(List.of()).build();
                })
                .require("applicationName", "deploymentGroupName")
                .add("ListDeploymentGroups", ListDeploymentGroupsRequest::builder, (ListDeploymentGroupsRequest in,
                        AwsCall call) -> {
                    Page<String> page = page(backend.deploymentGroups(in.applicationName()).stream()
                            .map(DeploymentGroup::name).toList(), in.nextToken());
                    return ListDeploymentGroupsResponse.builder().applicationName(in.applicationName())
                            .deploymentGroups(page.items()).nextToken(page.next().orElse(null)).build();
                })
                .require("applicationName")
                .add("CreateDeploymentConfig", CreateDeploymentConfigRequest::builder, ops::createDeploymentConfig)
                .require("deploymentConfigName")
                .add("GetDeploymentConfig", GetDeploymentConfigRequest::builder, (GetDeploymentConfigRequest in,
                        AwsCall call) -> GetDeploymentConfigResponse.builder().deploymentConfigInfo(configInfo(
                                backend.deploymentConfig(in.deploymentConfigName()).orElseThrow(() ->
                                        CodeDeployBackend.badRequest("DeploymentConfigDoesNotExistException",
                                                "No deployment configuration found for name: "
                                                        + in.deploymentConfigName())))).build())
                .require("deploymentConfigName")
                .add("DeleteDeploymentConfig", DeleteDeploymentConfigRequest::builder, (DeleteDeploymentConfigRequest in,
                        AwsCall call) -> {
                    backend.deleteDeploymentConfig(in.deploymentConfigName());
                    return DeleteDeploymentConfigResponse.builder().build();
                })
                .require("deploymentConfigName")
                .add("ListDeploymentConfigs", ListDeploymentConfigsRequest::builder, (ListDeploymentConfigsRequest in,
                        AwsCall call) -> {
                    Page<String> page = page(backend.deploymentConfigs().stream().map(DeploymentConfig::name)
                            .toList(), in.nextToken());
                    return ListDeploymentConfigsResponse.builder().deploymentConfigsList(page.items())
                            .nextToken(page.next().orElse(null)).build();
                })
                .add("CreateDeployment", CreateDeploymentRequest::builder, ops::createDeployment)
                .require("applicationName")
                .add("GetDeployment", GetDeploymentRequest::builder, (GetDeploymentRequest in, AwsCall call) ->
                        GetDeploymentResponse.builder().deploymentInfo(deploymentInfo(ops.requireDeployment(
                                in.deploymentId()))).build())
                .require("deploymentId")
                .add("BatchGetDeployments", BatchGetDeploymentsRequest::builder, ops::batchGetDeployments)
                .require("deploymentIds")
                .add("ListDeployments", ListDeploymentsRequest::builder, ops::listDeployments)
                .add("StopDeployment", StopDeploymentRequest::builder, (StopDeploymentRequest in, AwsCall call) -> {
                    Deployment stopped = backend.stopDeployment(in.deploymentId(),
                            Optional.ofNullable(in.autoRollbackEnabled()));
                    return StopDeploymentResponse.builder().status("Succeeded").statusMessage("Deployment "
                            + stopped.id() + " is " + stopped.status().awsName() + stopped.rollback()
                                    .flatMap(RollbackInfo::rollbackDeploymentIdIfAny)
                                    .map(id -> "; rollback deployment " + id + " returned the alias").orElse("")
                            + ".").build();
                })
                .require("deploymentId")
                .add("PutLifecycleEventHookExecutionStatus", PutLifecycleEventHookExecutionStatusRequest::builder,
                        (PutLifecycleEventHookExecutionStatusRequest in, AwsCall call) ->
                                PutLifecycleEventHookExecutionStatusResponse.builder().lifecycleEventHookExecutionId(
                                        backend.putLifecycleEventHookExecutionStatus(in.deploymentId(),
                                                in.lifecycleEventHookExecutionId(), in.statusAsString())).build())
                .add("ListDeploymentTargets", ListDeploymentTargetsRequest::builder, (ListDeploymentTargetsRequest in,
                        AwsCall call) -> {
                    Page<String> page = page(targetOf(ops.requireDeployment(in.deploymentId()))
                            .map(t -> List.of(t.targetId())).orElse(List.of()), in.nextToken());
                    return ListDeploymentTargetsResponse.builder().targetIds(page.items())
                            .nextToken(page.next().orElse(null)).build();
                })
                .require("deploymentId")
                .add("GetDeploymentTarget", GetDeploymentTargetRequest::builder, (GetDeploymentTargetRequest in,
                        AwsCall call) -> GetDeploymentTargetResponse.builder().deploymentTarget(ops.target(
                                in.deploymentId(), in.targetId())).build())
                .require("deploymentId", "targetId")
                .add("BatchGetDeploymentTargets", BatchGetDeploymentTargetsRequest::builder,
                        (BatchGetDeploymentTargetsRequest in, AwsCall call) -> {
                            if (in.targetIds().size() > MAX_DEPLOYMENT_BATCH) {
                                throw CodeDeployBackend.badRequest("DeploymentTargetListSizeExceededException",
                                        "The maximum number of targets that can be associated with an Amazon ECS or"
                                                + " AWS Lambda deployment was exceeded. The target list of both"
                                                + " types of deployments must have exactly one item.");
                            }
                            List<DeploymentTarget> targets = new ArrayList<>();
                            for (String id : in.targetIds()) {
                                targets.add(ops.target(in.deploymentId(), id));
                            }
                            return BatchGetDeploymentTargetsResponse.builder().deploymentTargets(targets).build();
                        })
                .require("deploymentId", "targetIds")
                .build();
    }

    // ------------------------------------------------------------------ applications

    private CreateApplicationResponse createApplication(CreateApplicationRequest in, AwsCall call) {
        ComputePlatform platform = in.computePlatformAsString() == null ? ComputePlatform.SERVER
                : ComputePlatform.fromAws(in.computePlatformAsString()).orElseThrow(() ->
                        CodeDeployBackend.badRequest("InvalidComputePlatformException", "The computePlatform is"
                                + " invalid. The computePlatform should be Lambda, Server, or ECS."));
        return CreateApplicationResponse.builder().applicationId(backend.createApplication(in.applicationName(),
                platform).id()).build();
    }

    private BatchGetApplicationsResponse batchGetApplications(BatchGetApplicationsRequest in, AwsCall call) {
        checkBatch(in.applicationNames().size(), MAX_BATCH);
        List<ApplicationInfo> found = new ArrayList<>();
        for (String name : in.applicationNames()) {
            found.add(application(backend.application(name).orElseThrow(() -> noApplication(name))));
        }
        return BatchGetApplicationsResponse.builder().applicationsInfo(found).build();
    }

    private static ApplicationInfo application(Application application) {
        return ApplicationInfo.builder().applicationId(application.id()).applicationName(application.name())
                .createTime(application.createTime()).linkedToGitHub(false)
                .computePlatform(application.computePlatform().awsName()).build();
    }

    private static AwsException noApplication(String name) {
        return CodeDeployBackend.badRequest("ApplicationDoesNotExistException", "No application found for name: "
                + name);
    }

    // ------------------------------------------------------------------ deployment groups

    private CreateDeploymentGroupResponse createDeploymentGroup(CreateDeploymentGroupRequest in, AwsCall call) {
        DeploymentGroupSpec spec = new DeploymentGroupSpec(in.applicationName(), in.deploymentGroupName(),
                Optional.ofNullable(in.deploymentConfigName()), in.serviceRoleArn(), alarms(in.alarmConfiguration())
                        .orElse(AlarmConfiguration.none()), rollback(in.autoRollbackConfiguration())
                        .orElse(AutoRollbackConfiguration.none()));
        return CreateDeploymentGroupResponse.builder().deploymentGroupId(backend.createDeploymentGroup(spec).id())
                .build();
    }

    private UpdateDeploymentGroupResponse updateDeploymentGroup(UpdateDeploymentGroupRequest in, AwsCall call) {
        backend.updateDeploymentGroup(in.applicationName(), in.currentDeploymentGroupName(),
                new DeploymentGroupUpdate(Optional.ofNullable(in.newDeploymentGroupName()),
                        Optional.ofNullable(in.deploymentConfigName()), Optional.ofNullable(in.serviceRoleArn()),
                        alarms(in.alarmConfiguration()), rollback(in.autoRollbackConfiguration())));
        return UpdateDeploymentGroupResponse.builder().hooksNotCleanedUp(List.of()).build();
    }

    private BatchGetDeploymentGroupsResponse batchGetGroups(BatchGetDeploymentGroupsRequest in, AwsCall call) {
        checkBatch(in.deploymentGroupNames().size(), MAX_BATCH);
        List<DeploymentGroup> all = backend.deploymentGroups(in.applicationName());
        List<DeploymentGroupInfo> found = new ArrayList<>();
        StringBuilder missing = new StringBuilder();
        for (String name : in.deploymentGroupNames()) {
            all.stream().filter(g -> g.name().equals(name)).findFirst().ifPresentOrElse(g -> found.add(groupInfo(g)),
                    () -> missing.append(missing.isEmpty() ? "" : ", ").append(name));
        }
        return BatchGetDeploymentGroupsResponse.builder().deploymentGroupsInfo(found)
                .errorMessage(missing.isEmpty() ? null : "Deployment groups not found: " + missing).build();
    }

    private static Optional<AlarmConfiguration> alarms(
            software.amazon.awssdk.services.codedeploy.model.AlarmConfiguration in) {
        if (in == null) {
            return Optional.empty();
        }
        return Optional.of(new AlarmConfiguration(Boolean.TRUE.equals(in.enabled()),
                Boolean.TRUE.equals(in.ignorePollAlarmFailure()), in.alarms().stream().map(Alarm::name).toList()));
    }

    private static Optional<AutoRollbackConfiguration> rollback(
            software.amazon.awssdk.services.codedeploy.model.AutoRollbackConfiguration in) {
        if (in == null) {
            return Optional.empty();
        }
        List<RollbackEvent> events = new ArrayList<>();
        for (String event : in.eventsAsStrings()) {
            try {
                RollbackEvent parsed = RollbackEvent.valueOf(event);
                if (!events.contains(parsed)) {
                    events.add(parsed);
                }
            } catch (IllegalArgumentException e) {
                throw CodeDeployBackend.badRequest("InvalidAutoRollbackConfigException", "The automatic rollback"
                        + " configuration was specified in an invalid format. For example, automatic rollback is"
                        + " enabled, but an invalid triggering event type or no event types were listed.");
            }
        }
        return Optional.of(new AutoRollbackConfiguration(Boolean.TRUE.equals(in.enabled()), events));
    }

    private DeploymentGroupInfo groupInfo(DeploymentGroup group) {
        DeploymentGroupInfo.Builder info = DeploymentGroupInfo.builder().applicationName(group.applicationName())
                .deploymentGroupId(group.id()).deploymentGroupName(group.name())
                .deploymentConfigName(group.deploymentConfigName()).serviceRoleArn(group.serviceRoleArn())
                .alarmConfiguration(alarmModel(group.alarmConfiguration()))
                .autoRollbackConfiguration(rollbackModel(group.autoRollback()))
                .deploymentStyle(DeploymentStyle.builder().deploymentType(group.deploymentType())
                        .deploymentOption(group.deploymentOption()).build())
                .computePlatform(group.computePlatform().awsName()).ec2TagFilters(List.of())
                .onPremisesInstanceTagFilters(List.of()).autoScalingGroups(List.of())
                .triggerConfigurations(List.of()).outdatedInstancesStrategy("UPDATE").terminationHookEnabled(false);
        backend.lastDeployment(group.applicationName(), group.name(), false)
                .ifPresent(d -> info.lastAttemptedDeployment(lastDeployment(d)));
        backend.lastDeployment(group.applicationName(), group.name(), true)
                .ifPresent(d -> info.lastSuccessfulDeployment(lastDeployment(d)));
        return info.build();
    }

    private static LastDeploymentInfo lastDeployment(Deployment deployment) {
        return LastDeploymentInfo.builder().deploymentId(deployment.id()).status(deployment.status().awsName())
                .createTime(deployment.createTime()).endTime(deployment.completeTimeIfComplete().orElse(null))
                .build();
    }

    private static software.amazon.awssdk.services.codedeploy.model.AlarmConfiguration alarmModel(
            AlarmConfiguration alarms) {
        return software.amazon.awssdk.services.codedeploy.model.AlarmConfiguration.builder()
                .enabled(alarms.enabled()).ignorePollAlarmFailure(alarms.ignorePollAlarmFailure())
                .alarms(alarms.alarms().stream().map(name -> Alarm.builder().name(name).build()).toList()).build();
    }

    private static software.amazon.awssdk.services.codedeploy.model.AutoRollbackConfiguration rollbackModel(
            AutoRollbackConfiguration rollback) {
        return software.amazon.awssdk.services.codedeploy.model.AutoRollbackConfiguration.builder()
                .enabled(rollback.enabled()).eventsWithStrings(rollback.events().stream().map(Enum::name).toList())
                .build();
    }

    private static AwsException noGroup(String name) {
        return CodeDeployBackend.badRequest("DeploymentGroupDoesNotExistException", "No Deployment Group found for"
                + " name: " + name);
    }

    // ------------------------------------------------------------------ deployment configurations

    private CreateDeploymentConfigResponse createDeploymentConfig(CreateDeploymentConfigRequest in, AwsCall call) {
        ComputePlatform platform = in.computePlatformAsString() == null ? ComputePlatform.SERVER
                : ComputePlatform.fromAws(in.computePlatformAsString()).orElseThrow(() ->
                        CodeDeployBackend.badRequest("InvalidComputePlatformException", "The computePlatform is"
                                + " invalid. The computePlatform should be Lambda, Server, or ECS."));
        if (platform == ComputePlatform.LAMBDA && in.minimumHealthyHosts() != null) {
            throw CodeDeployBackend.badRequest("InvalidMinimumHealthyHostValueException", "The minimum healthy"
                    + " instance value was specified in an invalid format.");
        }
        TrafficRouting routing = routing(in.trafficRoutingConfig(), platform);
        return CreateDeploymentConfigResponse.builder().deploymentConfigId(backend.createDeploymentConfig(
                in.deploymentConfigName(), platform, routing).id()).build();
    }

    private static TrafficRouting routing(TrafficRoutingConfig in, ComputePlatform platform) {
        AwsException invalid = CodeDeployBackend.badRequest("InvalidTrafficRoutingConfigurationException", "The"
                + " configuration that specifies how traffic is routed during a deployment is invalid.");
        if (in == null || in.typeAsString() == null) {
            if (platform == ComputePlatform.LAMBDA) {
                throw invalid;
            }
            return TrafficRouting.allAtOnce();
        }
        return switch (in.typeAsString()) {
            case "AllAtOnce" -> TrafficRouting.allAtOnce();
            case "TimeBasedCanary" -> {
                TimeBasedCanary canary = in.timeBasedCanary();
                if (canary == null || canary.canaryPercentage() == null || canary.canaryInterval() == null) {
                    throw invalid;
                }
                yield TrafficRouting.canary(canary.canaryPercentage(), canary.canaryInterval());
            }
            case "TimeBasedLinear" -> {
                TimeBasedLinear linear = in.timeBasedLinear();
                if (linear == null || linear.linearPercentage() == null || linear.linearInterval() == null) {
                    throw invalid;
                }
                yield TrafficRouting.linear(linear.linearPercentage(), linear.linearInterval());
            }
            default -> throw invalid;
        };
    }

    private static DeploymentConfigInfo configInfo(DeploymentConfig config) {
        return DeploymentConfigInfo.builder().deploymentConfigId(config.id()).deploymentConfigName(config.name())
                .createTime(config.createTime()).computePlatform(config.computePlatform().awsName())
                .trafficRoutingConfig(routingModel(config.routing())).build();
    }

    private static TrafficRoutingConfig routingModel(TrafficRouting routing) {
        TrafficRoutingConfig.Builder model = TrafficRoutingConfig.builder().type(routing.type().awsName());
        switch (routing.type()) {
            case TIME_BASED_CANARY -> model.timeBasedCanary(TimeBasedCanary.builder()
                    .canaryPercentage(routing.percentage()).canaryInterval(routing.intervalMinutes()).build());
            case TIME_BASED_LINEAR -> model.timeBasedLinear(TimeBasedLinear.builder()
                    .linearPercentage(routing.percentage()).linearInterval(routing.intervalMinutes()).build());
            case ALL_AT_ONCE -> {
                // no parameters
            }
        }
        return model.build();
    }

    // ------------------------------------------------------------------ deployments

    private CreateDeploymentResponse createDeployment(CreateDeploymentRequest in, AwsCall call) {
        if (in.deploymentGroupName() == null || in.deploymentGroupName().isEmpty()) {
            throw CodeDeployBackend.badRequest("DeploymentGroupNameRequiredException", "The deployment group name was"
                    + " not specified.");
        }
        if (in.revision() == null) {
            throw CodeDeployBackend.badRequest("RevisionRequiredException", "The revision ID was not specified.");
        }
        DeploymentRequest request = new DeploymentRequest(in.applicationName(), in.deploymentGroupName(),
                revision(in.revision()), Optional.ofNullable(in.deploymentConfigName()),
                Optional.ofNullable(in.description()), rollback(in.autoRollbackConfiguration()));
        return CreateDeploymentResponse.builder().deploymentId(backend.createDeployment(request).id()).build();
    }

    private static Revision revision(RevisionLocation in) {
        String type = in.revisionTypeAsString() == null ? "" : in.revisionTypeAsString();
        return switch (type) {
            case "AppSpecContent" -> {
                AppSpecContent content = in.appSpecContent();
                yield new Revision(Revision.Type.APP_SPEC_CONTENT, content == null ? null : content.content(),
                        content == null ? null : content.sha256(), null, null, null, null, null);
            }
            case "String" -> {
                RawString content = in.string();
                yield new Revision(Revision.Type.APP_SPEC_CONTENT, content == null ? null : content.content(),
                        content == null ? null : content.sha256(), null, null, null, null, null);
            }
            case "S3" -> {
                S3Location s3 = in.s3Location();
                if (s3 == null) {
                    throw CodeDeployBackend.badRequest("InvalidRevisionException", "The revision was specified in an"
                            + " invalid format: s3Location is required for revisionType S3.");
                }
                yield new Revision(Revision.Type.S3, null, null, s3.bucket(), s3.key(), s3.bundleTypeAsString(),
                        s3.version(), s3.eTag());
            }
            default -> throw CodeDeployBackend.badRequest("InvalidRevisionException", "The revision was specified in"
                    + " an invalid format: a Lambda deployment's revisionType is AppSpecContent or S3, not '" + type
                    + "'.");
        };
    }

    private Deployment requireDeployment(String id) {
        return backend.deployment(id == null ? "" : id).orElseGet(() -> {
            // the backend's checks give the right error for a malformed or unknown id
            synchronized (backend) {
                return backend.requireDeployment(id);
            }
        });
    }

    private BatchGetDeploymentsResponse batchGetDeployments(BatchGetDeploymentsRequest in, AwsCall call) {
        checkBatch(in.deploymentIds().size(), MAX_DEPLOYMENT_BATCH);
        List<DeploymentInfo> found = new ArrayList<>();
        for (String id : in.deploymentIds()) {
            if (!CodeDeployBackend.DEPLOYMENT_ID.matcher(id).matches()) {
                throw CodeDeployBackend.badRequest("InvalidDeploymentIdException", "At least one of the deployment"
                        + " IDs was specified in an invalid format: " + id);
            }
            backend.deployment(id).ifPresent(d -> found.add(deploymentInfo(d)));
        }
        return BatchGetDeploymentsResponse.builder().deploymentsInfo(found).build();
    }

    private ListDeploymentsResponse listDeployments(ListDeploymentsRequest in, AwsCall call) {
        List<DeploymentStatus> statuses = new ArrayList<>();
        for (String status : in.includeOnlyStatusesAsStrings()) {
            statuses.add(DeploymentStatus.fromAws(status).orElseThrow(() -> CodeDeployBackend.badRequest(
                    "InvalidDeploymentStatusException", "The specified deployment status doesn't exist or cannot be"
                            + " determined.")));
        }
        Instant from = in.createTimeRange() == null ? null : in.createTimeRange().start();
        Instant to = in.createTimeRange() == null ? null : in.createTimeRange().end();
        Predicate<Deployment> wanted = d -> (statuses.isEmpty() || statuses.contains(d.status()))
                && (from == null || !d.createTime().isBefore(from)) && (to == null || !d.createTime().isAfter(to));
        List<String> ids = backend.deployments(Optional.ofNullable(in.applicationName()),
                Optional.ofNullable(in.deploymentGroupName())).stream().filter(wanted).map(Deployment::id).toList();
        Page<String> page = page(ids, in.nextToken());
        return ListDeploymentsResponse.builder().deployments(page.items()).nextToken(page.next().orElse(null))
                .build();
    }

    static DeploymentInfo deploymentInfo(Deployment deployment) {
        DeploymentInfo.Builder info = DeploymentInfo.builder().applicationName(deployment.applicationName())
                .deploymentGroupName(deployment.deploymentGroupName())
                .deploymentConfigName(deployment.deploymentConfigName()).deploymentId(deployment.id())
                .revision(revisionModel(deployment.revision())).status(deployment.status().awsName())
                .createTime(deployment.createTime()).startTime(deployment.startTimeIfStarted().orElse(null))
                .completeTime(deployment.completeTimeIfComplete().orElse(null))
                .deploymentOverview(overview(deployment)).description(deployment.descriptionIfAny().orElse(null))
                .creator(deployment.creator()).ignoreApplicationStopFailures(false)
                .autoRollbackConfiguration(rollbackModel(deployment.autoRollback()))
                .updateOutdatedInstancesOnly(false)
                .deploymentStyle(DeploymentStyle.builder().deploymentType("BLUE_GREEN")
                        .deploymentOption("WITH_TRAFFIC_CONTROL").build())
                .instanceTerminationWaitTimeStarted(false).computePlatform("Lambda")
                .deploymentStatusMessages(List.of());
        deployment.error().ifPresent(error -> info.errorInformation(
                software.amazon.awssdk.services.codedeploy.model.ErrorInformation.builder().code(error.code())
                        .message(error.message()).build()));
        deployment.rollback().ifPresent(rollback -> info.rollbackInfo(
                software.amazon.awssdk.services.codedeploy.model.RollbackInfo.builder()
                        .rollbackDeploymentId(rollback.rollbackDeploymentId())
                        .rollbackTriggeringDeploymentId(rollback.rollbackTriggeringDeploymentId())
                        .rollbackMessage(rollback.message()).build()));
        return info.build();
    }

    private static RevisionLocation revisionModel(Revision revision) {
        return switch (revision.type()) {
            case APP_SPEC_CONTENT -> RevisionLocation.builder().revisionType("AppSpecContent")
                    .appSpecContent(AppSpecContent.builder().content(revision.content())
                            .sha256(revision.sha256() == null ? Revision.sha256Of(revision.content())
                                    : revision.sha256()).build()).build();
            case S3 -> RevisionLocation.builder().revisionType("S3").s3Location(S3Location.builder()
                    .bucket(revision.bucket()).key(revision.key()).bundleType(revision.bundleType())
                    .version(revision.version()).eTag(revision.eTag()).build()).build();
        };
    }

    private static DeploymentOverview overview(Deployment deployment) {
        String status = targetStatus(deployment);
        return DeploymentOverview.builder().pending(count(status, "Pending")).inProgress(count(status, "InProgress"))
                .succeeded(count(status, "Succeeded")).failed(count(status, "Failed")).skipped(0L).ready(0L).build();
    }

    private static long count(String status, String wanted) {
        return status.equals(wanted) ? 1 : 0;
    }

    /** The status of a Lambda deployment's one target (the alias). */
    private static String targetStatus(Deployment deployment) {
        return switch (deployment.status()) {
            case CREATED, QUEUED -> "Pending";
            case IN_PROGRESS, BAKING, READY -> "InProgress";
            case SUCCEEDED -> "Succeeded";
            case FAILED, STOPPED -> "Failed";
        };
    }

    /** A Lambda deployment's target: {@code function:alias}, once the AppSpec is read. */
    private record Target(String targetId, Deployment deployment) {
    }

    private static Optional<Target> targetOf(Deployment deployment) {
        return deployment.appSpecIfRead().map(spec -> new Target(spec.functionName() + ":" + spec.alias(),
                deployment));
    }

    private DeploymentTarget target(String deploymentId, String targetId) {
        Deployment deployment = requireDeployment(deploymentId);
        if (targetId == null || targetId.isEmpty()) {
            throw CodeDeployBackend.badRequest("DeploymentTargetIdRequiredException", "A deployment target ID was"
                    + " not provided.");
        }
        Target target = targetOf(deployment).filter(t -> t.targetId().equals(targetId)).orElseThrow(() ->
                CodeDeployBackend.badRequest("DeploymentTargetDoesNotExistException", "The provided target ID does"
                        + " not belong to the attempted deployment."));
        AppSpec spec = deployment.appSpec();
        List<software.amazon.awssdk.services.codedeploy.model.LifecycleEvent> events = new ArrayList<>();
        Instant lastUpdated = deployment.createTime();
        for (LifecycleEvent event : deployment.lifecycleEvents()) {
            software.amazon.awssdk.services.codedeploy.model.LifecycleEvent.Builder model =
                    software.amazon.awssdk.services.codedeploy.model.LifecycleEvent.builder()
                            .lifecycleEventName(event.name()).status(event.status().awsName())
                            .startTime(event.startTimeIfStarted().orElse(null))
                            .endTime(event.endTimeIfEnded().orElse(null));
            event.diagnosticsIfFailed().ifPresent(message -> model.diagnostics(Diagnostics.builder()
                    .errorCode("UnknownError").message(message).scriptName("").logTail("").build()));
            events.add(model.build());
            for (Optional<Instant> time : List.of(event.startTimeIfStarted(), event.endTimeIfEnded())) {
                if (time.isPresent() && time.get().isAfter(lastUpdated)) {
                    lastUpdated = time.get();
                }
            }
        }
        Instant updated = deployment.completeTimeIfComplete().orElse(lastUpdated);
        String arn = "arn:aws:lambda:" + backend.region() + ":" + backend.accountId() + ":function:"
                + spec.functionName() + ":" + spec.alias();
        return DeploymentTarget.builder().deploymentTargetType("LambdaTarget").lambdaTarget(LambdaTarget.builder()
                .deploymentId(deployment.id()).targetId(target.targetId()).targetArn(arn)
                .status(targetStatus(deployment)).lastUpdatedAt(updated).lifecycleEvents(events)
                .lambdaFunctionInfo(LambdaFunctionInfo.builder().functionName(spec.functionName())
                        .functionAlias(spec.alias()).currentVersion(spec.currentVersion())
                        .targetVersion(spec.targetVersion()).targetVersionWeight(deployment.targetVersionWeight())
                        .build())
                .build()).build();
    }

    // ------------------------------------------------------------------ paging

    private record Page<T>(List<T> items, Optional<String> next) {
    }

    /** One page of a listing; the token is the offset of the next page, opaque to callers. */
    private static <T> Page<T> page(List<T> all, String token) {
        int from = 0;
        if (token != null && !token.isEmpty()) {
            try {
                String text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
                from = text.startsWith("offset:") ? Integer.parseInt(text.substring("offset:".length())) : -1;
            } catch (IllegalArgumentException e) {
                from = -1;
            }
            if (from < 0 || from > all.size()) {
                throw CodeDeployBackend.badRequest("InvalidNextTokenException", "The next token was specified in an"
                        + " invalid format.");
            }
        }
        int to = Math.min(all.size(), from + PAGE);
        Optional<String> next = to < all.size() ? Optional.of(Base64.getUrlEncoder().withoutPadding()
                .encodeToString(("offset:" + to).getBytes(StandardCharsets.UTF_8))) : Optional.empty();
        return new Page<>(all.subList(from, to), next);
    }

    private static void checkBatch(int size, int max) {
        if (size > max) {
            throw CodeDeployBackend.badRequest("BatchLimitExceededException", "The maximum number of names or IDs"
                    + " allowed for this request (" + max + ") was exceeded.");
        }
    }
}
