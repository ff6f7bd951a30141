package dev.stepsolver.pipeline.publish;

import java.io.PrintWriter;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.waiters.WaiterOverrideConfiguration;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.GetFunctionConfigurationResponse;
import software.amazon.awssdk.services.lambda.model.LastUpdateStatus;
import software.amazon.awssdk.services.lambda.model.PublishVersionResponse;
import software.amazon.awssdk.services.lambda.model.UpdateFunctionCodeResponse;
import software.amazon.awssdk.services.lambda.waiters.LambdaWaiter;

/**
 * Publishes a new function version from an image and reads what the alias serves now: the two
 * versions an AppSpec needs, deduced rather than typed.
 */
public final class Publisher {

    private final LambdaClient lambda;
    private final WaiterOverrideConfiguration waiting;
    private final PrintWriter log;

    public Publisher(LambdaClient lambda, WaiterOverrideConfiguration waiting, PrintWriter log) {
        this.lambda = lambda;
        this.waiting = waiting;
        this.log = log;
    }

    /** Updates the code to {@code imageUri}, waits until the update is done, publishes a version. */
    public Release publish(String functionName, String alias, String imageUri) throws PublishException {
        log.println("updating " + functionName + " to " + imageUri);
        UpdateFunctionCodeResponse update = call("UpdateFunctionCode",
                () -> lambda.updateFunctionCode(r -> r.functionName(functionName).imageUri(imageUri)));
        waitUntilUpdated(functionName);
        PublishVersionResponse published = call("PublishVersion", () -> lambda.publishVersion(r -> r
                .functionName(functionName)
                // Publishes exactly the code uploaded above, or fails if someone changed it since.
                .codeSha256(update.codeSha256())
                .description("image " + imageUri)));
        log.println("published " + functionName + " version " + published.version());
        return prepare(functionName, alias, published.version());
    }

    /** The release of an already published version: reads the alias's current version only. */
    public Release prepare(String functionName, String alias, String targetVersion) throws PublishException {
        call("GetFunctionConfiguration", () -> lambda.getFunctionConfiguration(r -> r
                .functionName(functionName).qualifier(targetVersion)));
        String current = call("GetAlias", () -> lambda.getAlias(r -> r.functionName(functionName).name(alias)))
                .functionVersion();
        log.println("alias " + alias + " of " + functionName + " serves version " + current + "; target version " + targetVersion);
        if (current.equals(targetVersion)) {
            log.println("warning: alias " + alias + " already serves version " + targetVersion);
        }
        return new Release(functionName, alias, current, targetVersion);
    }

    private void waitUntilUpdated(String functionName) throws PublishException {
        try (LambdaWaiter waiter = LambdaWaiter.builder().client(lambda).overrideConfiguration(waiting).build()) {
            waiter.waitUntilFunctionUpdatedV2(r -> r.functionName(functionName));
        } catch (SdkException e) {
            GetFunctionConfigurationResponse config = call("GetFunctionConfiguration",
                    () -> lambda.getFunctionConfiguration(r -> r.functionName(functionName)));
            if (config.lastUpdateStatus() == LastUpdateStatus.FAILED) {
                throw new PublishException("the code update of " + functionName + " failed: "
                        + config.lastUpdateStatusReason());
            }
            throw new PublishException("the code update of " + functionName + " did not finish (last status "
                    + config.lastUpdateStatusAsString() + "): " + e.getMessage());
        }
    }

    private <T> T call(String operation, java.util.function.Supplier<T> request) throws PublishException {
        try {
            return request.get();
        } catch (SdkException e) {
            throw new PublishException("Lambda " + operation + " failed: " + e.getMessage());
        }
    }

    /** Publishing could not complete; the message names the step. */
    public static final class PublishException extends Exception {
        public PublishException(String message) {
            super(message);
        }
    }
}
