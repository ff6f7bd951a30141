package dev.stepsolver.emulator.cloudformation;

import com.fasterxml.jackson.databind.JsonNode;
import java.security.SecureRandom;
import java.util.Locale;

/**
 * One resource operation's input: which resource of which stack, with its resolved properties.
 *
 * @param properties the resolved properties (intrinsic functions evaluated, {@code AWS::NoValue} removed)
 */
public record ResourceRequest(String logicalId, String type, JsonNode properties, String stackName, String stackId,
        String region, String accountId) {

    private static final String NAME_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    private static final int RANDOM_LENGTH = 12;

    /** Created on first use: seeding a SecureRandom is a noticeable part of start-up. */
    private static final class Random {
        private static final SecureRandom INSTANCE = new SecureRandom();
    }

    /** The properties with typed, validating readers. */
    public ResourceProperties props() {
        return new ResourceProperties(logicalId, properties);
    }

    /** The same request with other properties (a rollback's or a replacement's). */
    public ResourceRequest withProperties(JsonNode other) {
        return new ResourceRequest(logicalId, type, other, stackName, stackId, region, accountId);
    }

    /**
     * A name for a resource the template does not name, as CloudFormation makes them:
     * {@code <stack>-<logicalId>-<random>}, both parts shortened to fit {@code maxLength}.
     */
    public String generatedName(int maxLength) {
        return generatedName(stackName, maxLength);
    }

    /** {@link #generatedName(int)} with {@code head} in place of the stack name (SSM's {@code CFN-...}). */
    public String generatedName(String head, int maxLength) {
        StringBuilder random = new StringBuilder(RANDOM_LENGTH);
        for (int i = 0; i < RANDOM_LENGTH; i++) {
            random.append(NAME_ALPHABET.charAt(Random.INSTANCE.nextInt(NAME_ALPHABET.length())));
        }
        int budget = Math.max(2, maxLength - RANDOM_LENGTH - 2);
        String stack = head;
        String logical = logicalId;
        if (stack.length() + logical.length() > budget) {
            stack = stack.substring(0, Math.min(stack.length(), Math.max(1, budget / 2)));
            logical = logical.substring(0, Math.min(logical.length(), Math.max(1, budget - stack.length())));
        }
        return stack + "-" + logical + "-" + random;
    }

    /** {@link #generatedName(int)} in lower case (S3 buckets, ECR repositories). */
    public String generatedLowerCaseName(int maxLength) {
        return generatedName(maxLength).toLowerCase(Locale.ROOT);
    }

    /** The ARN prefix of a regional service in this stack's account: {@code arn:aws:<service>:<region>:<account>:}. */
    public String arnPrefix(String service) {
        return "arn:aws:" + service + ":" + region + ":" + accountId + ":";
    }
}
