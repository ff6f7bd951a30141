package dev.stepsolver.pipeline.deploy;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.CloudFormationException;
import software.amazon.awssdk.services.cloudformation.model.CreateStackRequest;
import software.amazon.awssdk.services.cloudformation.model.CreateStackResponse;
import software.amazon.awssdk.services.cloudformation.model.DescribeStackEventsRequest;
import software.amazon.awssdk.services.cloudformation.model.DescribeStackEventsResponse;
import software.amazon.awssdk.services.cloudformation.model.DescribeStacksRequest;
import software.amazon.awssdk.services.cloudformation.model.DescribeStacksResponse;
import software.amazon.awssdk.services.cloudformation.model.Output;
import software.amazon.awssdk.services.cloudformation.model.Parameter;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.cloudformation.model.StackEvent;
import software.amazon.awssdk.services.cloudformation.model.UpdateStackRequest;
import software.amazon.awssdk.services.cloudformation.model.UpdateStackResponse;

/**
 * CloudFormation's contract for one stack: Create/Update start an operation that moves through
 * scripted statuses, one per DescribeStacks, emitting an event per status (newest first, paged
 * by two as the real API pages); a missing stack is the ValidationError AWS returns.
 */
public final class FakeCloudFormation implements CloudFormationClient {

    public final List<Object> requests = new ArrayList<>();
    private final String stackName;
    private Stack stack;
    private record Operation(List<String> statuses, Map<String, String> outputs) {
    }

    private final Deque<Operation> operations = new ArrayDeque<>();
    private final Deque<String> script = new ArrayDeque<>();
    private final List<StackEvent> events = new ArrayList<>();
    private Map<String, String> outputsAfter = Map.of();
    private boolean noChanges;
    private int eventCounter;

    public FakeCloudFormation(String stackName) {
        this.stackName = stackName;
    }

    /** The stack exists with this status and these parameters. */
    public FakeCloudFormation existing(String status, Map<String, String> parameters, Map<String, String> outputs) {
        stack = Stack.builder().stackName(stackName).stackStatus(status)
                .parameters(parameters.entrySet().stream().map(e -> Parameter.builder().parameterKey(e.getKey())
                        .parameterValue(e.getValue()).build()).toList())
                .outputs(outputs(outputs)).build();
        event(stackName, "AWS::CloudFormation::Stack", status);
        return this;
    }

    /**
     * Queues an operation: the statuses the next Create/Update passes through, one per
     * DescribeStacks, the last being where it ends, with these outputs.
     */
    public FakeCloudFormation nextOperation(Map<String, String> outputs, String... statuses) {
        operations.add(new Operation(List.of(statuses), outputs));
        return this;
    }

    public FakeCloudFormation nothingToUpdate() {
        noChanges = true;
        return this;
    }

    public Stack stack() {
        return stack;
    }

    private static List<Output> outputs(Map<String, String> outputs) {
        return outputs.entrySet().stream().map(e -> Output.builder().outputKey(e.getKey()).outputValue(e.getValue()).build()).toList();
    }

    private void event(String logicalId, String type, String status) {
        eventCounter++;
        events.addFirst(StackEvent.builder().eventId("e" + eventCounter).stackName(stackName).logicalResourceId(logicalId)
                .resourceType(type).resourceStatus(status).timestamp(Instant.EPOCH.plusSeconds(eventCounter)).build());
    }

    private static CloudFormationException validationError(String message) {
        return (CloudFormationException) CloudFormationException.builder().statusCode(400).message(message)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("ValidationError").errorMessage(message).build()).build();
    }

    private void start(String firstStatus, List<Parameter> parameters) {
        Operation operation = operations.poll();
        if (operation == null) {
            throw new IllegalStateException("the test queued no operation for this " + firstStatus);
        }
        script.clear();
        script.addAll(operation.statuses());
        outputsAfter = operation.outputs();
        stack = Stack.builder().stackName(stackName).stackStatus(firstStatus).parameters(parameters).build();
        event(stackName, "AWS::CloudFormation::Stack", firstStatus);
    }

    @Override
    public CreateStackResponse createStack(CreateStackRequest request) {
        requests.add(request);
        if (stack != null) {
            throw validationError("Stack [" + stackName + "] already exists");
        }
        start("CREATE_IN_PROGRESS", request.parameters());
        return CreateStackResponse.builder().stackId("arn:stack/" + stackName).build();
    }

    @Override
    public UpdateStackResponse updateStack(UpdateStackRequest request) {
        requests.add(request);
        if (noChanges) {
            throw validationError("No updates are to be performed.");
        }
        start("UPDATE_IN_PROGRESS", request.parameters());
        return UpdateStackResponse.builder().stackId("arn:stack/" + stackName).build();
    }

    @Override
    public DescribeStacksResponse describeStacks(DescribeStacksRequest request) {
        if (stack == null) {
            throw validationError("Stack with id " + request.stackName() + " does not exist");
        }
        if (stack.stackStatusAsString().endsWith("_IN_PROGRESS") && !script.isEmpty()) {
            String next = script.poll();
            event("Resource" + eventCounter, "AWS::Test::Resource", next.startsWith("UPDATE") ? "UPDATE_COMPLETE" : "CREATE_COMPLETE");
            event(stackName, "AWS::CloudFormation::Stack", next);
            stack = stack.toBuilder().stackStatus(next).outputs(script.isEmpty() ? outputs(outputsAfter) : List.of()).build();
        }
        return DescribeStacksResponse.builder().stacks(stack).build();
    }

    @Override
    public DescribeStackEventsResponse describeStackEvents(DescribeStackEventsRequest request) {
        int start = request.nextToken() == null ? 0 : Integer.parseInt(request.nextToken());
        int end = Math.min(events.size(), start + 2);
        return DescribeStackEventsResponse.builder().stackEvents(events.subList(start, end))
                .nextToken(end < events.size() ? String.valueOf(end) : null).build();
    }

    @Override
    public String serviceName() {
        return "cloudformation";
    }

    @Override
    public void close() {
        // nothing to release
    }
}
