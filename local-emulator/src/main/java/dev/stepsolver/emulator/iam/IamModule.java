package dev.stepsolver.emulator.iam;

import dev.stepsolver.emulator.EmulatorContext;
import dev.stepsolver.emulator.ServiceModule;
import dev.stepsolver.emulator.auth.SigV4;
import dev.stepsolver.emulator.http.ServiceRegistry;
import dev.stepsolver.emulator.protocol.AwsCall;
import dev.stepsolver.emulator.protocol.ModeledServiceEndpoint;
import dev.stepsolver.emulator.protocol.OperationTable;
import dev.stepsolver.emulator.protocol.ServiceMetadata;
import dev.stepsolver.emulator.protocol.WireProtocol;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.iam.model.AttachRolePolicyRequest;
import software.amazon.awssdk.services.iam.model.AttachRolePolicyResponse;
import software.amazon.awssdk.services.iam.model.AttachedPolicy;
import software.amazon.awssdk.services.iam.model.CreateRoleRequest;
import software.amazon.awssdk.services.iam.model.CreateRoleResponse;
import software.amazon.awssdk.services.iam.model.DeleteRolePolicyRequest;
import software.amazon.awssdk.services.iam.model.DeleteRolePolicyResponse;
import software.amazon.awssdk.services.iam.model.DeleteRoleRequest;
import software.amazon.awssdk.services.iam.model.DeleteRoleResponse;
import software.amazon.awssdk.services.iam.model.DetachRolePolicyRequest;
import software.amazon.awssdk.services.iam.model.DetachRolePolicyResponse;
import software.amazon.awssdk.services.iam.model.GetRolePolicyRequest;
import software.amazon.awssdk.services.iam.model.GetRolePolicyResponse;
import software.amazon.awssdk.services.iam.model.GetRoleRequest;
import software.amazon.awssdk.services.iam.model.GetRoleResponse;
import software.amazon.awssdk.services.iam.model.ListAttachedRolePoliciesRequest;
import software.amazon.awssdk.services.iam.model.ListAttachedRolePoliciesResponse;
import software.amazon.awssdk.services.iam.model.ListRolePoliciesRequest;
import software.amazon.awssdk.services.iam.model.ListRolePoliciesResponse;
import software.amazon.awssdk.services.iam.model.ListRolesRequest;
import software.amazon.awssdk.services.iam.model.ListRolesResponse;
import software.amazon.awssdk.services.iam.model.PutRolePolicyRequest;
import software.amazon.awssdk.services.iam.model.PutRolePolicyResponse;
import software.amazon.awssdk.services.iam.model.Tag;
import software.amazon.awssdk.services.iam.model.UpdateAssumeRolePolicyRequest;
import software.amazon.awssdk.services.iam.model.UpdateAssumeRolePolicyResponse;
import software.amazon.awssdk.services.iam.model.UpdateRoleRequest;
import software.amazon.awssdk.services.iam.model.UpdateRoleResponse;

/** IAM over Query: roles and their policies. */
public final class IamModule implements ServiceModule {

    static final ServiceMetadata METADATA = new ServiceMetadata("iam", List.of(WireProtocol.QUERY),
            "https://iam.amazonaws.com/doc/2010-05-08/", Optional.empty(), Optional.empty(), Optional.empty(), false,
            ServiceMetadata.MissingMemberStyle.VALIDATION_ERROR);

    @Override
    public void install(EmulatorContext context, ServiceRegistry registry) {
        IamBackend backend = new IamBackend(context.clock(), context.state());
        context.registerBackend(IamBackend.class, backend);
        registry.addEndpoint(new ModeledServiceEndpoint(METADATA, () -> operations(backend)));
    }

    static OperationTable operations(IamBackend backend) {
        return OperationTable.builder()
                .add("CreateRole", CreateRoleRequest::builder, (CreateRoleRequest in, AwsCall call) -> {
                    Map<String, String> tags = new LinkedHashMap<>();
                    in.tags().forEach(tag -> tags.put(tag.key(), tag.value()));
                    Role role = backend.createRole(new IamBackend.CreateRoleRequest(in.roleName(),
                            Optional.ofNullable(in.path()), in.assumeRolePolicyDocument(),
                            Optional.ofNullable(in.description()), Optional.ofNullable(in.maxSessionDuration()), tags),
                            call.caller().accountId());
                    return CreateRoleResponse.builder().role(toModel(role)).build();
                })
                .require("RoleName", "AssumeRolePolicyDocument")
                .add("GetRole", GetRoleRequest::builder, (GetRoleRequest in, AwsCall call) ->
                        GetRoleResponse.builder().role(toModel(backend.getRole(in.roleName()))).build())
                .require("RoleName")
                .add("DeleteRole", DeleteRoleRequest::builder, (DeleteRoleRequest in, AwsCall call) -> {
                    backend.deleteRole(in.roleName());
                    return DeleteRoleResponse.builder().build();
                })
                .require("RoleName")
                .add("UpdateAssumeRolePolicy", UpdateAssumeRolePolicyRequest::builder,
                        (UpdateAssumeRolePolicyRequest in, AwsCall call) -> {
                            backend.updateAssumeRolePolicy(in.roleName(), in.policyDocument());
                            return UpdateAssumeRolePolicyResponse.builder().build();
                        })
                .require("RoleName", "PolicyDocument")
                .add("UpdateRole", UpdateRoleRequest::builder, (UpdateRoleRequest in, AwsCall call) -> {
                    backend.updateRole(in.roleName(), Optional.ofNullable(in.description()),
                            Optional.ofNullable(in.maxSessionDuration()));
                    return UpdateRoleResponse.builder().build();
                })
                .require("RoleName")
                .add("PutRolePolicy", PutRolePolicyRequest::builder, (PutRolePolicyRequest in, AwsCall call) -> {
                    backend.putRolePolicy(in.roleName(), in.policyName(), in.policyDocument());
                    return PutRolePolicyResponse.builder().build();
                })
                .require("RoleName", "PolicyName", "PolicyDocument")
                .add("GetRolePolicy", GetRolePolicyRequest::builder, (GetRolePolicyRequest in, AwsCall call) ->
                        GetRolePolicyResponse.builder().roleName(in.roleName()).policyName(in.policyName())
                                .policyDocument(SigV4.uriEncode(backend.getRolePolicy(in.roleName(), in.policyName()),
                                        true))
                                .build())
                .require("RoleName", "PolicyName")
                .add("DeleteRolePolicy", DeleteRolePolicyRequest::builder, (DeleteRolePolicyRequest in, AwsCall call) -> {
                    backend.deleteRolePolicy(in.roleName(), in.policyName());
                    return DeleteRolePolicyResponse.builder().build();
                })
                .require("RoleName", "PolicyName")
                .add("ListRolePolicies", ListRolePoliciesRequest::builder, (ListRolePoliciesRequest in, AwsCall call) ->
                        ListRolePoliciesResponse.builder()
                                .policyNames(List.copyOf(backend.getRole(in.roleName()).inlinePolicies().keySet()))
                                .isTruncated(false).build())
                .require("RoleName")
                .add("AttachRolePolicy", AttachRolePolicyRequest::builder, (AttachRolePolicyRequest in, AwsCall call) -> {
                    backend.attachRolePolicy(in.roleName(), in.policyArn());
                    return AttachRolePolicyResponse.builder().build();
                })
                .require("RoleName", "PolicyArn")
                .add("DetachRolePolicy", DetachRolePolicyRequest::builder, (DetachRolePolicyRequest in, AwsCall call) -> {
                    backend.detachRolePolicy(in.roleName(), in.policyArn());
                    return DetachRolePolicyResponse.builder().build();
                })
                .require("RoleName", "PolicyArn")
                .add("ListAttachedRolePolicies", ListAttachedRolePoliciesRequest::builder,
                        (ListAttachedRolePoliciesRequest in, AwsCall call) -> ListAttachedRolePoliciesResponse.builder()
                                .attachedPolicies(backend.getRole(in.roleName()).attachedPolicyArns().stream()
                                        .map(arn -> AttachedPolicy.builder().policyArn(arn)
                                                .policyName(arn.substring(arn.lastIndexOf('/') + 1)).build())
                                        .toList())
                                .isTruncated(false).build())
                .require("RoleName")
                .add("ListRoles", ListRolesRequest::builder, (ListRolesRequest in, AwsCall call) -> {
                    IamBackend.Page page = backend.listRoles(Optional.ofNullable(in.pathPrefix()),
                            Optional.ofNullable(in.marker()), in.maxItems() == null ? 100 : in.maxItems());
                    return ListRolesResponse.builder()
                            .roles(page.roles().stream().map(IamModule::toModel).toList())
                            .isTruncated(page.nextMarker().isPresent())
                            .marker(page.nextMarker().orElse(null))
                            .build();
                })
                .build();
    }

    /** AWS returns policy documents URL-encoded; clients (botocore) decode them. */
    private static software.amazon.awssdk.services.iam.model.Role toModel(Role role) {
        return software.amazon.awssdk.services.iam.model.Role.builder()
                .roleName(role.name())
                .path(role.path())
                .roleId(role.roleId())
                .arn(role.arn())
                .createDate(role.createDate())
                .assumeRolePolicyDocument(SigV4.uriEncode(role.assumeRolePolicyDocument(), true))
                .description(role.description())
                .maxSessionDuration(role.maxSessionDuration())
                .tags(role.tags().entrySet().stream()
                        .map(tag -> Tag.builder().key(tag.getKey()).value(tag.getValue()).build()).toList())
                .build();
    }
}
