package dev.stepsolver.emulator.lambda;

import java.util.Optional;

/**
 * What a synchronous invocation returns, for callers inside the emulator (API Gateway, CodeDeploy
 * hooks) as for the Invoke API.
 *
 * @param statusCode 200 for a synchronous invocation that ran (even when the function failed)
 * @param payload the function's response, or the error document Lambda returns
 * @param functionError {@code Unhandled} when the function failed (exception, timeout, crash)
 * @param executedVersion the version that ran (for aliases, the one the routing weights chose)
 * @param logTail the end of the function's log output during the invocation
 */
public record InvocationResult(int statusCode, byte[] payload, Optional<String> functionError, String executedVersion,
        String logTail) {
}
