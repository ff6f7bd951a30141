package dev.stepsolver.emulator.lambda;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepsolver.emulator.protocol.AwsException;
import dev.stepsolver.emulator.protocol.Fault;
import dev.stepsolver.emulator.state.PersistentCollection;
import dev.stepsolver.emulator.state.StateStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The resource-based policies of functions, versions and aliases (one per qualified ARN), rendered
 * as the policy documents GetPolicy returns. Callers synchronize (the Lambda backend does).
 */
final class FunctionPolicies {

    private static final Pattern SID = Pattern.compile("[a-zA-Z0-9-_.]{1,100}");
    private static final Pattern ACTION = Pattern.compile("(lambda:[*]|lambda:[a-zA-Z]+|[*])");
    private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");

    /** The policy of one function or qualifier. */
    record Policy(String resourceArn, List<PolicyStatement> statements, String revisionId) {
        Policy {
            statements = List.copyOf(statements);
        }
    }

    private final PersistentCollection<Policy> store;
    private final Map<String, Policy> policies = new TreeMap<>();

    FunctionPolicies(StateStore state) {
        this.store = state.collection("lambda.policies", Policy.class);
        policies.putAll(store.loadAll());
    }

    /** Adds a statement to the policy of {@code resourceArn}; returns the statement as JSON. */
    String add(String resourceArn, PolicyStatement statement, Optional<String> revisionId) {
        if (!SID.matcher(statement.sid()).matches()) {
            throw LambdaBackend.invalid("1 validation error detected: Value '" + statement.sid() + "' at 'statementId'"
                    + " failed to satisfy constraint: Member must satisfy regular expression pattern: ([a-zA-Z0-9-_.]+)");
        }
        if (!ACTION.matcher(statement.action()).matches()) {
            throw LambdaBackend.invalid("1 validation error detected: Value '" + statement.action() + "' at 'action'"
                    + " failed to satisfy constraint: Member must satisfy regular expression pattern:"
                    + " (lambda:[*]|lambda:[a-zA-Z]+|[*])");
        }
        Policy policy = policies.get(resourceArn);
        List<PolicyStatement> statements = new ArrayList<>(policy == null ? List.of() : policy.statements());
        checkRevision(policy, revisionId);
        if (statements.stream().anyMatch(s -> s.sid().equals(statement.sid()))) {
            throw new AwsException("ResourceConflictException", "The statement id (" + statement.sid() + ") provided"
                    + " already exists. Please choose another statement id, or remove the existing statement.", 409,
                    Fault.SENDER, Map.of("Type", "User"));
        }
        statements.add(statement);
        save(new Policy(resourceArn, statements, UUID.randomUUID().toString()));
        return render(resourceArn, statement).toString();
    }

    void remove(String resourceArn, String sid, Optional<String> revisionId) {
        Policy policy = policies.get(resourceArn);
        checkRevision(policy, revisionId);
        if (policy == null || policy.statements().stream().noneMatch(s -> s.sid().equals(sid))) {
            throw new AwsException("ResourceNotFoundException", "Statement " + sid + " is not found in resource"
                    + " policy.", 404, Fault.SENDER, Map.of("Type", "User"));
        }
        List<PolicyStatement> statements = new ArrayList<>(policy.statements());
        statements.removeIf(s -> s.sid().equals(sid));
        if (statements.isEmpty()) {
            drop(resourceArn);
        } else {
            save(new Policy(resourceArn, statements, UUID.randomUUID().toString()));
        }
    }

    /** The policy document and its revision, or ResourceNotFoundException when there is none. */
    Map.Entry<String, String> document(String resourceArn) {
        Policy policy = policies.get(resourceArn);
        if (policy == null) {
            throw new AwsException("ResourceNotFoundException", "The resource you requested does not exist.", 404,
                    Fault.SENDER, Map.of("Type", "User"));
        }
        ObjectNode document = JsonNodeFactory.instance.objectNode();
        document.put("Version", "2012-10-17").put("Id", "default");
        policy.statements().forEach(s -> document.withArrayProperty("Statement").add(render(resourceArn, s)));
        return Map.entry(document.toString(), policy.revisionId());
    }

    /** Forgets the policies of a deleted function ({@code arn}) or of one of its versions or aliases. */
    void dropAll(String functionArn) {
        for (String key : List.copyOf(policies.keySet())) {
            if (key.equals(functionArn) || key.startsWith(functionArn + ":")) {
                drop(key);
            }
        }
    }

    void drop(String resourceArn) {
        if (policies.remove(resourceArn) != null) {
            store.remove(resourceArn);
        }
    }

    private void save(Policy policy) {
        store.put(policy.resourceArn(), policy);
        policies.put(policy.resourceArn(), policy);
    }

    private static void checkRevision(Policy policy, Optional<String> revisionId) {
        if (revisionId.isPresent() && (policy == null || !policy.revisionId().equals(revisionId.get()))) {
            throw new AwsException("PreconditionFailedException", "The Revision Id provided does not match the latest"
                    + " Revision Id. Call the GetPolicy API to retrieve the latest Revision Id", 412, Fault.SENDER,
                    Map.of("Type", "User"));
        }
    }

    private static ObjectNode render(String resourceArn, PolicyStatement statement) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        ObjectNode json = nodes.objectNode();
        json.put("Sid", statement.sid()).put("Effect", "Allow");
        String principal = statement.principal();
        if (principal.equals("*")) {
            json.put("Principal", "*");
        } else if (ACCOUNT.matcher(principal).matches()) {
            json.putObject("Principal").put("AWS", "arn:aws:iam::" + principal + ":root");
        } else if (principal.startsWith("arn:")) {
            json.putObject("Principal").put("AWS", principal);
        } else {
            json.putObject("Principal").put("Service", principal);
        }
        json.put("Action", statement.action()).put("Resource", resourceArn);
        ObjectNode condition = nodes.objectNode();
        if (statement.sourceArn() != null) {
            condition.putObject("ArnLike").put("AWS:SourceArn", statement.sourceArn());
        }
        if (statement.sourceAccount() != null) {
            condition.withObjectProperty("StringEquals").put("AWS:SourceAccount", statement.sourceAccount());
        }
        if (statement.principalOrgId() != null) {
            condition.withObjectProperty("StringEquals").put("aws:PrincipalOrgID", statement.principalOrgId());
        }
        if (statement.eventSourceToken() != null) {
            condition.withObjectProperty("StringEquals").put("lambda:EventSourceToken", statement.eventSourceToken());
        }
        if (!condition.isEmpty()) {
            json.set("Condition", condition);
        }
        return json;
    }
}
