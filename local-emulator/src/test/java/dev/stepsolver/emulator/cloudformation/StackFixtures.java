package dev.stepsolver.emulator.cloudformation;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import software.amazon.awssdk.core.retry.backoff.FixedDelayBackoffStrategy;
import software.amazon.awssdk.core.waiters.WaiterOverrideConfiguration;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.DescribeStackEventsResponse;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.cloudformation.model.StackEvent;
import software.amazon.awssdk.services.cloudformation.waiters.CloudFormationWaiter;

/** What the CloudFormation tests share: fast waiters, settled stacks, all events. */
final class StackFixtures {

    private StackFixtures() {
    }

    /** The SDK's waiters, polling every 50 ms instead of every 30 s. */
    static CloudFormationWaiter waiter(CloudFormationClient cloudFormation) {
        return CloudFormationWaiter.builder().client(cloudFormation)
                .overrideConfiguration(WaiterOverrideConfiguration.builder()
                        .backoffStrategy(FixedDelayBackoffStrategy.create(Duration.ofMillis(50)))
                        .maxAttempts(2400).build())
                .build();
    }

    /** The stack once its operation has ended (its status is no longer *_IN_PROGRESS). */
    static Stack settled(CloudFormationClient cloudFormation, String stackNameOrId) {
        AtomicReference<Stack> stack = new AtomicReference<>();
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(50)).until(() -> {
            stack.set(cloudFormation.describeStacks(r -> r.stackName(stackNameOrId)).stacks().getFirst());
            return !stack.get().stackStatusAsString().endsWith("_IN_PROGRESS");
        });
        return stack.get();
    }

    /** Every event of a stack, newest first, over all pages. */
    static List<StackEvent> events(CloudFormationClient cloudFormation, String stackNameOrId) {
        List<StackEvent> events = new ArrayList<>();
        String token = null;
        for (int page = 0; page < 100; page++) {
            String next = token;
            DescribeStackEventsResponse response = cloudFormation.describeStackEvents(r -> r.stackName(stackNameOrId)
                    .nextToken(next));
            events.addAll(response.stackEvents());
            token = response.nextToken();
            if (token == null) {
                break;
            }
        }
        return events;
    }

    /** "Logical id STATUS" of every event, oldest first: what a deploy prints. */
    static List<String> history(CloudFormationClient cloudFormation, String stackNameOrId) {
        return events(cloudFormation, stackNameOrId).reversed().stream()
                .map(e -> e.logicalResourceId() + " " + e.resourceStatusAsString()).toList();
    }
}
