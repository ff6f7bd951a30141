package dev.stepsolver.pipeline.publish;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.GetAliasRequest;
import software.amazon.awssdk.services.lambda.model.GetAliasResponse;
import software.amazon.awssdk.services.lambda.model.GetFunctionConfigurationRequest;
import software.amazon.awssdk.services.lambda.model.GetFunctionConfigurationResponse;
import software.amazon.awssdk.services.lambda.model.GetFunctionRequest;
import software.amazon.awssdk.services.lambda.model.GetFunctionResponse;
import software.amazon.awssdk.services.lambda.model.LastUpdateStatus;
import software.amazon.awssdk.services.lambda.model.PublishVersionRequest;
import software.amazon.awssdk.services.lambda.model.PublishVersionResponse;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;
import software.amazon.awssdk.services.lambda.model.UpdateFunctionCodeRequest;
import software.amazon.awssdk.services.lambda.model.UpdateFunctionCodeResponse;

/**
 * Lambda's contract for one container-image function, as far as publish uses it: a code update
 * is InProgress for a given number of polls, then Successful (or Failed); versions count up;
 * aliases point at versions.
 */
public final class FakeLambda implements LambdaClient {

    public final List<String> calls = new ArrayList<>();
    public final Map<String, String> aliases = new HashMap<>();
    public final List<String> versions = new ArrayList<>(List.of("1"));
    public final List<PublishVersionRequest> published = new ArrayList<>();
    private final String functionName;
    private final Deque<LastUpdateStatus> updateStatuses = new ArrayDeque<>();
    private String imageUri = "repo:bootstrap";

    public FakeLambda(String functionName) {
        this.functionName = functionName;
    }

    /** The statuses GetFunction reports after the next code update, one per poll; the last one stays. */
    public FakeLambda updateGoesThrough(LastUpdateStatus... statuses) {
        updateStatuses.clear();
        updateStatuses.addAll(List.of(statuses));
        return this;
    }

    private void requireFunction(String name) {
        if (!functionName.equals(name)) {
            throw (ResourceNotFoundException) ResourceNotFoundException.builder().statusCode(404)
                    .awsErrorDetails(AwsErrorDetails.builder().errorCode("ResourceNotFoundException")
                            .errorMessage("Function not found: " + name).build())
                    .message("Function not found: " + name).build();
        }
    }

    private LastUpdateStatus status() {
        return updateStatuses.isEmpty() ? LastUpdateStatus.SUCCESSFUL
                : updateStatuses.size() == 1 ? updateStatuses.peek() : updateStatuses.poll();
    }

    @Override
    public UpdateFunctionCodeResponse updateFunctionCode(UpdateFunctionCodeRequest request) {
        calls.add("UpdateFunctionCode " + request.imageUri());
        requireFunction(request.functionName());
        imageUri = request.imageUri();
        return UpdateFunctionCodeResponse.builder().functionName(functionName).codeSha256("sha-" + imageUri)
                .lastUpdateStatus(LastUpdateStatus.IN_PROGRESS).build();
    }

    @Override
    public GetFunctionResponse getFunction(GetFunctionRequest request) {
        calls.add("GetFunction");
        requireFunction(request.functionName());
        return GetFunctionResponse.builder().configuration(c -> c.functionName(functionName).lastUpdateStatus(status())).build();
    }

    @Override
    public GetFunctionConfigurationResponse getFunctionConfiguration(GetFunctionConfigurationRequest request) {
        calls.add("GetFunctionConfiguration " + request.qualifier());
        requireFunction(request.functionName());
        if (request.qualifier() != null && !versions.contains(request.qualifier())) {
            throw (ResourceNotFoundException) ResourceNotFoundException.builder().statusCode(404)
                    .message("Function not found: " + functionName + ":" + request.qualifier()).build();
        }
        LastUpdateStatus last = updateStatuses.isEmpty() ? LastUpdateStatus.SUCCESSFUL : updateStatuses.peekLast();
        return GetFunctionConfigurationResponse.builder().functionName(functionName).lastUpdateStatus(last)
                .lastUpdateStatusReason(last == LastUpdateStatus.FAILED ? "image manifest is not supported" : null).build();
    }

    @Override
    public PublishVersionResponse publishVersion(PublishVersionRequest request) {
        calls.add("PublishVersion " + request.codeSha256());
        requireFunction(request.functionName());
        published.add(request);
        String version = String.valueOf(versions.size() + 1);
        versions.add(version);
        return PublishVersionResponse.builder().functionName(functionName).version(version).build();
    }

    @Override
    public GetAliasResponse getAlias(GetAliasRequest request) {
        calls.add("GetAlias " + request.name());
        requireFunction(request.functionName());
        String version = aliases.get(request.name());
        if (version == null) {
            throw (ResourceNotFoundException) ResourceNotFoundException.builder().statusCode(404)
                    .message("Alias not found: " + request.name()).build();
        }
        return GetAliasResponse.builder().name(request.name()).functionVersion(version).build();
    }

    @Override
    public String serviceName() {
        return "lambda";
    }

    @Override
    public void close() {
        // nothing to release
    }
}
