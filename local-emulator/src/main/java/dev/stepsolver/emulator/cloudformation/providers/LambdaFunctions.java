package dev.stepsolver.emulator.cloudformation.providers;

import dev.stepsolver.emulator.cloudformation.ResourceFailure;
import dev.stepsolver.emulator.lambda.FunctionVersion;
import dev.stepsolver.emulator.lambda.LambdaBackend;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** What the Lambda providers share: waiting for a function to settle, and ARNs. */
final class LambdaFunctions {

    /** How long a function's image may take to prepare (real time: unpacking does not speed up). */
    static final Duration SETTLE_TIMEOUT = Duration.ofMinutes(3);

    private LambdaFunctions() {
    }

    /**
     * Waits until the function's $LATEST is Active and its last update done, as CloudFormation's
     * handlers do before reporting a function created or updated.
     *
     * @throws ResourceFailure NotStabilized when it fails or does not settle in time
     */
    static FunctionVersion settle(LambdaBackend lambda, String function) {
        FunctionVersion latest;
        try {
            latest = lambda.latestSettled(function).get(SETTLE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ResourceFailure.of(ResourceFailure.Code.NotStabilized, "Interrupted while waiting for function "
                    + function);
        } catch (ExecutionException e) {
            throw ResourceFailure.of(ResourceFailure.Code.NotStabilized, "Function " + function
                    + " did not stabilize: " + e.getCause().getMessage());
        } catch (TimeoutException e) {
            throw ResourceFailure.of(ResourceFailure.Code.NotStabilized, "Function " + function
                    + " did not become Active within " + SETTLE_TIMEOUT.toMinutes() + " minutes");
        }
        if ("Failed".equals(latest.state()) || "Failed".equals(latest.lastUpdateStatus())) {
            String reason = "Failed".equals(latest.state()) ? latest.stateReason() : latest.lastUpdateStatusReason();
            throw ResourceFailure.of(ResourceFailure.Code.NotStabilized, "Function " + function
                    + " failed to become Active: " + reason);
        }
        return latest;
    }

    /** The function and qualifier of a qualified ARN ({@code ...:function:name:qualifier}). */
    record Qualified(String function, String qualifier) {
        static Qualified parse(String arn) {
            int colon = arn.lastIndexOf(':');
            String unqualified = arn.substring(0, colon);
            return new Qualified(unqualified.substring(unqualified.lastIndexOf(':') + 1), arn.substring(colon + 1));
        }
    }
}
