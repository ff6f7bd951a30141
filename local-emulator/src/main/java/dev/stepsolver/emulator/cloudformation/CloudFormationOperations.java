package dev.stepsolver.emulator.cloudformation;

import dev.stepsolver.emulator.protocol.AwsCall;
import dev.stepsolver.emulator.protocol.OperationTable;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.cloudformation.model.CreateStackRequest;
import software.amazon.awssdk.services.cloudformation.model.CreateStackResponse;
import software.amazon.awssdk.services.cloudformation.model.DeleteStackRequest;
import software.amazon.awssdk.services.cloudformation.model.DeleteStackResponse;
import software.amazon.awssdk.services.cloudformation.model.DescribeStackEventsRequest;
import software.amazon.awssdk.services.cloudformation.model.DescribeStackEventsResponse;
import software.amazon.awssdk.services.cloudformation.model.DescribeStackResourceRequest;
import software.amazon.awssdk.services.cloudformation.model.DescribeStackResourceResponse;
import software.amazon.awssdk.services.cloudformation.model.DescribeStackResourcesRequest;
import software.amazon.awssdk.services.cloudformation.model.DescribeStackResourcesResponse;
import software.amazon.awssdk.services.cloudformation.model.DescribeStacksRequest;
import software.amazon.awssdk.services.cloudformation.model.DescribeStacksResponse;
import software.amazon.awssdk.services.cloudformation.model.Export;
import software.amazon.awssdk.services.cloudformation.model.GetTemplateRequest;
import software.amazon.awssdk.services.cloudformation.model.GetTemplateResponse;
import software.amazon.awssdk.services.cloudformation.model.GetTemplateSummaryRequest;
import software.amazon.awssdk.services.cloudformation.model.GetTemplateSummaryResponse;
import software.amazon.awssdk.services.cloudformation.model.ListExportsRequest;
import software.amazon.awssdk.services.cloudformation.model.ListExportsResponse;
import software.amazon.awssdk.services.cloudformation.model.ListImportsRequest;
import software.amazon.awssdk.services.cloudformation.model.ListImportsResponse;
import software.amazon.awssdk.services.cloudformation.model.ListStackResourcesRequest;
import software.amazon.awssdk.services.cloudformation.model.ListStackResourcesResponse;
import software.amazon.awssdk.services.cloudformation.model.ListStacksRequest;
import software.amazon.awssdk.services.cloudformation.model.ListStacksResponse;
import software.amazon.awssdk.services.cloudformation.model.Output;
import software.amazon.awssdk.services.cloudformation.model.Parameter;
import software.amazon.awssdk.services.cloudformation.model.ParameterConstraints;
import software.amazon.awssdk.services.cloudformation.model.ParameterDeclaration;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.cloudformation.model.StackEvent;
import software.amazon.awssdk.services.cloudformation.model.StackResource;
import software.amazon.awssdk.services.cloudformation.model.StackResourceDetail;
import software.amazon.awssdk.services.cloudformation.model.StackResourceSummary;
import software.amazon.awssdk.services.cloudformation.model.StackSummary;
import software.amazon.awssdk.services.cloudformation.model.Tag;
import software.amazon.awssdk.services.cloudformation.model.TemplateParameter;
import software.amazon.awssdk.services.cloudformation.model.UpdateStackRequest;
import software.amazon.awssdk.services.cloudformation.model.UpdateStackResponse;
import software.amazon.awssdk.services.cloudformation.model.ValidateTemplateRequest;
import software.amazon.awssdk.services.cloudformation.model.ValidateTemplateResponse;

/** The wire side of CloudFormation: SDK request models in, backend calls, SDK response models out. */
final class CloudFormationOperations {

    private static final int PAGE_SIZE = 100;
    private static final String NO_ECHO = "****";

    private final CloudFormationBackend backend;

    private CloudFormationOperations(CloudFormationBackend backend) {
        this.backend = backend;
    }

    static OperationTable table(CloudFormationBackend backend) {
        CloudFormationOperations ops = new CloudFormationOperations(backend);
        return OperationTable.builder()
                .add("CreateStack", CreateStackRequest::builder, ops::createStack)
                .require("StackName")
                .add("UpdateStack", UpdateStackRequest::builder, ops::updateStack)
                .require("StackName")
                .add("DeleteStack", DeleteStackRequest::builder, ops::deleteStack)
                .require("StackName")
                .add("DescribeStacks", DescribeStacksRequest::builder, ops::describeStacks)
                .add("DescribeStackEvents", DescribeStackEventsRequest::builder, ops::describeStackEvents)
                .require("StackName")
                .add("DescribeStackResource", DescribeStackResourceRequest::builder, ops::describeStackResource)
                .require("StackName", "LogicalResourceId")
                .add("DescribeStackResources", DescribeStackResourcesRequest::builder, ops::describeStackResources)
                .add("ListStackResources", ListStackResourcesRequest::builder, ops::listStackResources)
                .require("StackName")
                .add("ListStacks", ListStacksRequest::builder, ops::listStacks)
                .add("ValidateTemplate", ValidateTemplateRequest::builder, ops::validateTemplate)
                .add("GetTemplate", GetTemplateRequest::builder, ops::getTemplate)
                .add("GetTemplateSummary", GetTemplateSummaryRequest::builder, ops::getTemplateSummary)
                .add("ListExports", ListExportsRequest::builder, ops::listExports)
                .add("ListImports", ListImportsRequest::builder, ops::listImports)
                .require("ExportName")
                .build();
    }

    // ================================================================ stack operations

    private CreateStackResponse createStack(CreateStackRequest in, AwsCall call) {
        boolean disableRollback = Boolean.TRUE.equals(in.disableRollback());
        if (in.onFailureAsString() != null) {
            if (in.disableRollback() != null) {
                throw Errors.validation("You cannot specify both DisableRollback and OnFailure.");
            }
            switch (in.onFailureAsString()) {
                case "DO_NOTHING" -> disableRollback = true;
                case "ROLLBACK" -> disableRollback = false;
                default -> throw Errors.validation("OnFailure " + in.onFailureAsString()
                        + " is not supported by this emulator (DO_NOTHING and ROLLBACK are)");
            }
        }
        StackRecord stack = backend.createStack(new StackRequest(in.stackName(),
                source(in.templateBody(), in.templateURL(), false), parameters(in.parameters()),
                in.capabilitiesAsStrings(), Optional.ofNullable(in.roleARN()),
                Optional.of(tags(in.tags())), disableRollback));
        return CreateStackResponse.builder().stackId(stack.stackId()).build();
    }

    private UpdateStackResponse updateStack(UpdateStackRequest in, AwsCall call) {
        StackRecord stack = backend.updateStack(new StackRequest(in.stackName(),
                source(in.templateBody(), in.templateURL(), Boolean.TRUE.equals(in.usePreviousTemplate())),
                parameters(in.parameters()), in.capabilitiesAsStrings(), Optional.ofNullable(in.roleARN()),
                in.hasTags() ? Optional.of(tags(in.tags())) : Optional.empty(), false));
        return UpdateStackResponse.builder().stackId(stack.stackId()).build();
    }

    private DeleteStackResponse deleteStack(DeleteStackRequest in, AwsCall call) {
        backend.deleteStack(in.stackName(), in.retainResources());
        return DeleteStackResponse.builder().build();
    }

    private static TemplateSource source(String body, String url, boolean previous) {
        int given = (body != null ? 1 : 0) + (url != null ? 1 : 0) + (previous ? 1 : 0);
        if (given != 1) {
            throw Errors.validation(given == 0
                    ? "Either Template URL or Template Body must be specified."
                    : "Specify exactly one of TemplateBody, TemplateURL and UsePreviousTemplate.");
        }
        if (previous) {
            return new TemplateSource.Previous();
        }
        return body != null ? new TemplateSource.Body(body) : new TemplateSource.Url(url);
    }

    private static List<ParameterInput> parameters(List<Parameter> given) {
        List<ParameterInput> inputs = new ArrayList<>();
        for (Parameter parameter : given) {
            if (parameter.parameterKey() == null) {
                throw Errors.validation("Invalid input for parameter: ParameterKey is required");
            }
            inputs.add(new ParameterInput(parameter.parameterKey(), Optional.ofNullable(parameter.parameterValue()),
                    Boolean.TRUE.equals(parameter.usePreviousValue())));
        }
        return inputs;
    }

    private static Map<String, String> tags(List<Tag> tags) {
        Map<String, String> map = new LinkedHashMap<>();
        tags.forEach(tag -> map.put(tag.key(), tag.value()));
        return map;
    }

    // ================================================================ reading stacks

    private DescribeStacksResponse describeStacks(DescribeStacksRequest in, AwsCall call) {
        List<Stack> all = backend.describeStacks(Optional.ofNullable(in.stackName())).stream()
                .map(CloudFormationOperations::stack).toList();
        Page<Stack> page = Page.of(all, in.nextToken());
        return DescribeStacksResponse.builder().stacks(page.items()).nextToken(page.nextToken()).build();
    }

    static Stack stack(StackRecord stack) {
        return Stack.builder()
                .stackId(stack.stackId())
                .stackName(stack.stackName())
                .description(stack.description())
                .parameters(stack.parameters().stream().map(p -> Parameter.builder()
                        .parameterKey(p.key())
                        .parameterValue(p.noEcho() ? NO_ECHO : p.value())
                        .resolvedValue(p.noEcho() || p.resolvedValue() == null ? null : p.resolvedValue())
                        .build()).toList())
                .creationTime(stack.creationTime())
                .lastUpdatedTime(stack.lastUpdatedTime())
                .deletionTime(stack.deletionTime())
                .stackStatus(stack.status().name())
                .stackStatusReason(stack.statusReason())
                .disableRollback(stack.disableRollback())
                .capabilitiesWithStrings(stack.capabilities())
                .outputs(stack.outputs().stream().map(o -> Output.builder().outputKey(o.key()).outputValue(o.value())
                        .description(o.description()).exportName(o.exportName()).build()).toList())
                .roleARN(stack.roleArn())
                .tags(stack.tags().entrySet().stream()
                        .map(t -> Tag.builder().key(t.getKey()).value(t.getValue()).build()).toList())
                .enableTerminationProtection(false)
                .driftInformation(d -> d.stackDriftStatus("NOT_CHECKED"))
                .build();
    }

    private DescribeStackEventsResponse describeStackEvents(DescribeStackEventsRequest in, AwsCall call) {
        List<StackEvent> all = backend.events(in.stackName()).stream().map(e -> StackEvent.builder()
                .stackId(e.stackId())
                .eventId(e.eventId())
                .stackName(e.stackName())
                .logicalResourceId(e.logicalResourceId())
                .physicalResourceId(e.physicalResourceId())
                .resourceType(e.resourceType())
                .timestamp(e.timestamp())
                .resourceStatus(e.resourceStatus())
                .resourceStatusReason(e.resourceStatusReason())
                .resourceProperties(e.resourceProperties())
                .build()).toList();
        // newest first: a token counts from the oldest event, so events added meanwhile do not shift pages
        Page<StackEvent> page = Page.ofNewestFirst(all, in.nextToken());
        return DescribeStackEventsResponse.builder().stackEvents(page.items()).nextToken(page.nextToken()).build();
    }

    private DescribeStackResourceResponse describeStackResource(DescribeStackResourceRequest in, AwsCall call) {
        StackRecord stack = backend.stack(in.stackName());
        StackResourceRecord resource = stack.resources().get(in.logicalResourceId());
        if (resource == null) {
            throw Errors.validation("Resource " + in.logicalResourceId() + " does not exist for stack "
                    + in.stackName());
        }
        return DescribeStackResourceResponse.builder().stackResourceDetail(StackResourceDetail.builder()
                .stackName(stack.stackName())
                .stackId(stack.stackId())
                .logicalResourceId(resource.logicalId())
                .physicalResourceId(resource.physicalId())
                .resourceType(resource.type())
                .lastUpdatedTimestamp(resource.lastUpdated())
                .resourceStatus(resource.status().name())
                .resourceStatusReason(resource.statusReason())
                .metadata(resource.metadata() == null ? null : resource.metadata().toString())
                .driftInformation(d -> d.stackResourceDriftStatus("NOT_CHECKED"))
                .build()).build();
    }

    private DescribeStackResourcesResponse describeStackResources(DescribeStackResourcesRequest in, AwsCall call) {
        StackRecord stack;
        if (in.stackName() != null) {
            stack = backend.stack(in.stackName());
        } else if (in.physicalResourceId() != null) {
            stack = backend.describeStacks(Optional.empty()).stream()
                    .filter(s -> s.resources().values().stream()
                            .anyMatch(r -> in.physicalResourceId().equals(r.physicalId())))
                    .findFirst()
                    .orElseThrow(() -> Errors.validation("Stack for " + in.physicalResourceId() + " does not exist"));
        } else {
            throw Errors.validation("Either StackName or PhysicalResourceId must be specified.");
        }
        List<StackResource> resources = stack.resources().values().stream()
                .filter(r -> in.logicalResourceId() == null || r.logicalId().equals(in.logicalResourceId()))
                .map(r -> StackResource.builder()
                        .stackName(stack.stackName())
                        .stackId(stack.stackId())
                        .logicalResourceId(r.logicalId())
                        .physicalResourceId(r.physicalId())
                        .resourceType(r.type())
                        .timestamp(r.lastUpdated())
                        .resourceStatus(r.status().name())
                        .resourceStatusReason(r.statusReason())
                        .driftInformation(d -> d.stackResourceDriftStatus("NOT_CHECKED"))
                        .build())
                .toList();
        return DescribeStackResourcesResponse.builder().stackResources(resources).build();
    }

    private ListStackResourcesResponse listStackResources(ListStackResourcesRequest in, AwsCall call) {
        StackRecord stack = backend.stack(in.stackName());
        List<StackResourceSummary> all = stack.resources().values().stream()
                .map(r -> StackResourceSummary.builder()
                        .logicalResourceId(r.logicalId())
                        .physicalResourceId(r.physicalId())
                        .resourceType(r.type())
                        .lastUpdatedTimestamp(r.lastUpdated())
                        .resourceStatus(r.status().name())
                        .resourceStatusReason(r.statusReason())
                        .driftInformation(d -> d.stackResourceDriftStatus("NOT_CHECKED"))
                        .build())
                .toList();
        Page<StackResourceSummary> page = Page.of(all, in.nextToken());
        return ListStackResourcesResponse.builder().stackResourceSummaries(page.items()).nextToken(page.nextToken())
                .build();
    }

    private ListStacksResponse listStacks(ListStacksRequest in, AwsCall call) {
        Set<StackStatus> filter = EnumSet.noneOf(StackStatus.class);
        for (String status : in.stackStatusFiltersAsStrings()) {
            try {
                filter.add(StackStatus.valueOf(status));
            } catch (IllegalArgumentException e) {
                throw Errors.validation("1 validation error detected: Value '" + status + "' at 'stackStatusFilter'"
                        + " failed to satisfy constraint: Member must satisfy enum value set");
            }
        }
        List<StackSummary> all = backend.listStacks(filter).stream().map(s -> StackSummary.builder()
                .stackId(s.stackId())
                .stackName(s.stackName())
                .templateDescription(s.description())
                .creationTime(s.creationTime())
                .lastUpdatedTime(s.lastUpdatedTime())
                .deletionTime(s.deletionTime())
                .stackStatus(s.status().name())
                .stackStatusReason(s.statusReason())
                .driftInformation(d -> d.stackDriftStatus("NOT_CHECKED"))
                .build()).toList();
        Page<StackSummary> page = Page.of(all, in.nextToken());
        return ListStacksResponse.builder().stackSummaries(page.items()).nextToken(page.nextToken()).build();
    }

    // ================================================================ templates

    private ValidateTemplateResponse validateTemplate(ValidateTemplateRequest in, AwsCall call) {
        Template template = backend.readTemplate(source(in.templateBody(), in.templateURL(), false));
        return ValidateTemplateResponse.builder()
                .parameters(template.parameters().values().stream().map(p -> TemplateParameter.builder()
                        .parameterKey(p.name())
                        .defaultValue(p.defaultValue().orElse(null))
                        .noEcho(p.noEcho())
                        .description(p.description().orElse(null))
                        .build()).toList())
                .description(template.description().orElse(null))
                .capabilitiesWithStrings(template.requiredCapability().stream().toList())
                .capabilitiesReason(capabilitiesReason(template))
                .build();
    }

    private static String capabilitiesReason(Template template) {
        return template.requiredCapability().isEmpty() ? null
                : "The following resource(s) require capabilities: " + template.iamResourceTypes();
    }

    private GetTemplateResponse getTemplate(GetTemplateRequest in, AwsCall call) {
        if (in.stackName() == null) {
            throw Errors.validation("StackName must be specified.");
        }
        if (in.changeSetName() != null) {
            throw Errors.validation("Change sets are not supported by this emulator");
        }
        return GetTemplateResponse.builder().templateBody(backend.stack(in.stackName()).templateBody())
                .stagesAvailableWithStrings("Original", "Processed").build();
    }

    private GetTemplateSummaryResponse getTemplateSummary(GetTemplateSummaryRequest in, AwsCall call) {
        Template template;
        if (in.stackName() != null) {
            if (in.templateBody() != null || in.templateURL() != null) {
                throw Errors.validation("Specify exactly one of TemplateBody, TemplateURL and StackName.");
            }
            template = backend.readTemplate(new TemplateSource.Body(backend.stack(in.stackName()).templateBody()));
        } else {
            template = backend.readTemplate(source(in.templateBody(), in.templateURL(), false));
        }
        return GetTemplateSummaryResponse.builder()
                .parameters(template.parameters().values().stream().map(p -> ParameterDeclaration.builder()
                        .parameterKey(p.name())
                        .defaultValue(p.defaultValue().orElse(null))
                        .parameterType(p.type())
                        .noEcho(p.noEcho())
                        .description(p.description().orElse(null))
                        .parameterConstraints(ParameterConstraints.builder().allowedValues(p.allowedValues()).build())
                        .build()).toList())
                .description(template.description().orElse(null))
                .capabilitiesWithStrings(template.requiredCapability().stream().toList())
                .capabilitiesReason(capabilitiesReason(template))
                .resourceTypes(List.copyOf(template.resourceTypes()))
                .version("2010-09-09")
                .metadata(template.root().has("Metadata") ? template.root().get("Metadata").toString() : null)
                .build();
    }

    private ListExportsResponse listExports(ListExportsRequest in, AwsCall call) {
        List<Export> all = backend.exports().stream().map(e -> Export.builder().exportingStackId(e.getValue())
                .name(e.getKey().exportName()).value(e.getKey().value()).build()).toList();
        Page<Export> page = Page.of(all, in.nextToken());
        return ListExportsResponse.builder().exports(page.items()).nextToken(page.nextToken()).build();
    }

    private ListImportsResponse listImports(ListImportsRequest in, AwsCall call) {
        if (backend.exports().stream().noneMatch(e -> e.getKey().exportName().equals(in.exportName()))) {
            throw Errors.validation("Export '" + in.exportName() + "' does not exist.");
        }
        List<String> importers = backend.describeStacks(Optional.empty()).stream()
                .filter(s -> s.imports().contains(in.exportName())).map(StackRecord::stackName).toList();
        Page<String> page = Page.of(importers, in.nextToken());
        return ListImportsResponse.builder().imports(page.items()).nextToken(page.nextToken()).build();
    }

    // ================================================================ paging

    /** One page of a listing and the token of the next, if any. */
    private record Page<T>(List<T> items, String nextToken) {

        static <T> Page<T> of(List<T> all, String token) {
            int from = token == null ? 0 : decode(token, all.size());
            int to = Math.min(all.size(), from + PAGE_SIZE);
            return new Page<>(all.subList(from, to), to < all.size() ? encode(to) : null);
        }

        /**
         * Pages over a newest-first list whose token is a position counted from the oldest item, so
         * items added at the head between calls neither repeat nor get skipped.
         */
        static <T> Page<T> ofNewestFirst(List<T> newestFirst, String token) {
            int size = newestFirst.size();
            int fromOldest = token == null ? size : decode(token, size);
            int from = size - fromOldest;
            int to = Math.min(size, from + PAGE_SIZE);
            return new Page<>(newestFirst.subList(from, to), to < size ? encode(size - to) : null);
        }

        private static String encode(int position) {
            return Base64.getEncoder().encodeToString(Integer.toString(position).getBytes(StandardCharsets.UTF_8));
        }

        private static int decode(String token, int size) {
            try {
                int position = Integer.parseInt(new String(Base64.getDecoder().decode(token),
                        StandardCharsets.UTF_8));
                if (position < 0 || position > size) {
                    throw new NumberFormatException();
                }
                return position;
            } catch (IllegalArgumentException e) {
                throw Errors.validation("Invalid NextToken");
            }
        }
    }
}
