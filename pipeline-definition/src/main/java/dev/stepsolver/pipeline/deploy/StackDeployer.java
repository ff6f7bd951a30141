package dev.stepsolver.pipeline.deploy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.stepsolver.pipeline.aws.Sleeper;
import dev.stepsolver.pipeline.synth.CanonicalJson;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.Capability;
import software.amazon.awssdk.services.cloudformation.model.CloudFormationException;
import software.amazon.awssdk.services.cloudformation.model.DescribeStackEventsResponse;
import software.amazon.awssdk.services.cloudformation.model.Output;
import software.amazon.awssdk.services.cloudformation.model.Parameter;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.cloudformation.model.StackEvent;

/**
 * Creates or updates a stack through the CloudFormation API, against AWS or any endpoint, and
 * follows it to the end, printing stack events as they happen.
 *
 * <p>Parameters not given keep the stack's previous value on an update (as {@code aws
 * cloudformation deploy} does), so a deploy never silently resets, say, the image.
 */
public final class StackDeployer {

    /** CloudFormation's limit for an inline TemplateBody. */
    public static final int MAX_TEMPLATE_BODY = 51_200;
    private static final int MAX_EVENT_PAGES = 10;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ISO_INSTANT;

    private final CloudFormationClient cloudFormation;
    private final Sleeper sleeper;
    private final Duration pollInterval;
    private final int maxPolls;
    private final PrintWriter out;

    public StackDeployer(CloudFormationClient cloudFormation, Sleeper sleeper, Duration pollInterval, Duration timeout,
                         PrintWriter out) {
        this.cloudFormation = cloudFormation;
        this.sleeper = sleeper;
        this.pollInterval = pollInterval;
        this.maxPolls = (int) Math.max(1, timeout.toMillis() / Math.max(1, pollInterval.toMillis()));
        this.out = out;
    }

    /** The stack as it is now, if it exists. */
    public Optional<Stack> describe(String stackName) throws DeployException {
        try {
            List<Stack> stacks = cloudFormation.describeStacks(r -> r.stackName(stackName)).stacks();
            return stacks.isEmpty() ? Optional.empty() : Optional.of(stacks.getFirst());
        } catch (CloudFormationException e) {
            if (e.getMessage() != null && e.getMessage().contains("does not exist")) {
                return Optional.empty();
            }
            throw new DeployException("CloudFormation DescribeStacks " + stackName + " failed: " + message(e));
        } catch (SdkException e) {
            throw new DeployException("CloudFormation DescribeStacks " + stackName + " failed: " + message(e));
        }
    }

    public StackOutcome deploy(String stackName, String templateJson, Map<String, String> parameters)
            throws DeployException, InterruptedException {
        JsonNode template;
        try {
            template = CanonicalJson.parse(templateJson);
        } catch (JsonProcessingException e) {
            throw new DeployException("the template is not valid JSON: " + e.getOriginalMessage());
        }
        String body = CanonicalJson.compact(template);
        if (body.length() > MAX_TEMPLATE_BODY) {
            throw new DeployException("the template is " + body.length() + " bytes, over CloudFormation's inline limit of "
                    + MAX_TEMPLATE_BODY);
        }
        Set<String> declared = new HashSet<>();
        template.path("Parameters").fieldNames().forEachRemaining(declared::add);
        for (String given : parameters.keySet()) {
            if (!declared.contains(given)) {
                throw new DeployException("parameter '" + given + "' is not declared by the template (it declares "
                        + new java.util.TreeSet<>(declared) + ")");
            }
        }
        Optional<Stack> existing = describe(stackName);
        if (existing.isPresent()) {
            String status = existing.get().stackStatusAsString();
            if (status.endsWith("_IN_PROGRESS")) {
                throw new DeployException("stack " + stackName + " is busy (" + status + "); try again when it settles");
            }
            if (status.equals("ROLLBACK_COMPLETE") || status.equals("ROLLBACK_FAILED") || status.equals("CREATE_FAILED")) {
                throw new DeployException("stack " + stackName + " is " + status
                        + " after a failed create and cannot be updated; delete it, then deploy again");
            }
        }
        Set<String> previous = new HashSet<>();
        existing.ifPresent(s -> s.parameters().forEach(p -> previous.add(p.parameterKey())));
        List<Parameter> params = new ArrayList<>();
        for (String key : new java.util.TreeSet<>(declared)) {
            if (parameters.containsKey(key)) {
                params.add(Parameter.builder().parameterKey(key).parameterValue(parameters.get(key)).build());
            } else if (previous.contains(key)) {
                params.add(Parameter.builder().parameterKey(key).usePreviousValue(true).build());
            }
        }
        Set<String> seen = new HashSet<>();
        if (existing.isPresent()) {
            newEvents(stackName, seen);
        }
        try {
            if (existing.isEmpty()) {
                out.println("creating stack " + stackName);
                cloudFormation.createStack(r -> r.stackName(stackName).templateBody(body).parameters(params)
                        .capabilities(Capability.CAPABILITY_NAMED_IAM));
            } else {
                out.println("updating stack " + stackName);
                cloudFormation.updateStack(r -> r.stackName(stackName).templateBody(body).parameters(params)
                        .capabilities(Capability.CAPABILITY_NAMED_IAM));
            }
        } catch (CloudFormationException e) {
            if (existing.isPresent() && e.getMessage() != null && e.getMessage().contains("No updates are to be performed")) {
                out.println("stack " + stackName + " is up to date");
                return new StackOutcome(stackName, existing.get().stackStatusAsString(), false, outputs(existing.get()));
            }
            throw new DeployException("CloudFormation " + (existing.isEmpty() ? "CreateStack" : "UpdateStack") + " "
                    + stackName + " failed: " + message(e));
        } catch (SdkException e) {
            throw new DeployException("CloudFormation call for " + stackName + " failed: " + message(e));
        }
        return follow(stackName, seen);
    }

    private StackOutcome follow(String stackName, Set<String> seen) throws DeployException, InterruptedException {
        for (int poll = 0; poll < maxPolls; poll++) {
            for (StackEvent e : newEvents(stackName, seen)) {
                out.println(format(e));
            }
            Stack stack = describe(stackName).orElseThrow(() -> new DeployException("stack " + stackName + " disappeared"));
            String status = stack.stackStatusAsString();
            if (!status.endsWith("_IN_PROGRESS")) {
                for (StackEvent e : newEvents(stackName, seen)) {
                    out.println(format(e));
                }
                out.println("stack " + stackName + ": " + status);
                return new StackOutcome(stackName, status, true, outputs(stack));
            }
            sleeper.sleep(pollInterval);
        }
        throw new DeployException("stack " + stackName + " did not settle within " + pollInterval.multipliedBy(maxPolls));
    }

    /** Events not seen before, oldest first. */
    private List<StackEvent> newEvents(String stackName, Set<String> seen) throws DeployException {
        List<StackEvent> fresh = new ArrayList<>();
        String token = null;
        try {
            pages:
            for (int page = 0; page < MAX_EVENT_PAGES; page++) {
                String next = token;
                DescribeStackEventsResponse response = cloudFormation.describeStackEvents(r -> r.stackName(stackName).nextToken(next));
                for (StackEvent e : response.stackEvents()) {
                    if (seen.contains(e.eventId())) {
                        break pages;
                    }
                    fresh.add(e);
                }
                token = response.nextToken();
                if (token == null) {
                    break;
                }
            }
        } catch (SdkException e) {
            throw new DeployException("CloudFormation DescribeStackEvents " + stackName + " failed: " + message(e));
        }
        fresh.forEach(e -> seen.add(e.eventId()));
        java.util.Collections.reverse(fresh);
        return fresh;
    }

    private static String format(StackEvent e) {
        String time = e.timestamp() == null ? "" : TIME.format(e.timestamp());
        String reason = e.resourceStatusReason() == null ? "" : "  " + e.resourceStatusReason();
        return String.format("%s  %-40s %-36s %s%s", time, e.logicalResourceId(), e.resourceType(),
                e.resourceStatusAsString(), reason);
    }

    private static Map<String, String> outputs(Stack stack) {
        Map<String, String> outputs = new LinkedHashMap<>();
        for (Output o : stack.outputs()) {
            outputs.put(o.outputKey(), o.outputValue());
        }
        return outputs;
    }

    private static String message(SdkException e) {
        if (e instanceof CloudFormationException cfn && cfn.awsErrorDetails() != null
                && cfn.awsErrorDetails().errorMessage() != null) {
            return cfn.awsErrorDetails().errorMessage();
        }
        return e.getMessage();
    }

    /** The deploy could not be done or failed; the message says which step. */
    public static final class DeployException extends Exception {
        public DeployException(String message) {
            super(message);
        }
    }
}
