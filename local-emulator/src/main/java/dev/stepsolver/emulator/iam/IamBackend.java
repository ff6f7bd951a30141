package dev.stepsolver.emulator.iam;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.stepsolver.emulator.protocol.AwsException;
import dev.stepsolver.emulator.protocol.Mappers;
import dev.stepsolver.emulator.state.PersistentCollection;
import dev.stepsolver.emulator.state.StateStore;
import dev.stepsolver.emulator.time.EmulatorClock;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/** IAM roles with their inline and attached policies: stored, not evaluated. */
public final class IamBackend {

    private static final Pattern ROLE_NAME = Pattern.compile("[\\w+=,.@-]{1,64}");
    private static final Pattern POLICY_ARN = Pattern.compile("arn:aws[a-z-]*:iam::(aws|\\d{12}):policy/[\\w+=,.@/-]+");
    private static final String ID_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    /** Created on first use: seeding a SecureRandom is a noticeable part of start-up. */
    private static final class Random {
        private static final SecureRandom INSTANCE = new SecureRandom();
    }

    private final EmulatorClock clock;
    private final PersistentCollection<Role> store;
    private final TreeMap<String, Role> roles = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

    public IamBackend(EmulatorClock clock, StateStore state) {
        this.clock = clock;
        this.store = state.collection("iam.roles", Role.class);
        roles.putAll(store.loadAll());
    }

    /** What CreateRole asks for. */
    public record CreateRoleRequest(String name, Optional<String> path, String assumeRolePolicyDocument,
            Optional<String> description, Optional<Integer> maxSessionDuration, Map<String, String> tags) {
    }

    public synchronized Role createRole(CreateRoleRequest request, String accountId) {
        if (!ROLE_NAME.matcher(request.name()).matches()) {
            throw AwsException.badRequest("ValidationError", "1 validation error detected: Value '" + request.name()
                    + "' at 'roleName' failed to satisfy constraint: Member must satisfy regular expression pattern:"
                    + " [\\w+=,.@-]+");
        }
        if (roles.containsKey(request.name())) {
            throw new AwsException("EntityAlreadyExists", "Role with name " + request.name() + " already exists.", 409);
        }
        checkPolicyDocument(request.assumeRolePolicyDocument());
        String path = request.path().orElse("/");
        if (!path.startsWith("/") || !path.endsWith("/")) {
            throw AwsException.badRequest("ValidationError",
                    "The specified value for path is invalid. It must begin and end with / and contain only"
                            + " alphanumeric characters and/or / characters.");
        }
        int maxSession = request.maxSessionDuration().orElse(3600);
        checkMaxSession(maxSession);
        Role role = new Role(request.name(), path, "AROA" + randomId(17),
                "arn:aws:iam::" + accountId + ":role" + path + request.name(), request.assumeRolePolicyDocument(),
                request.description().orElse(null), maxSession, clock.now(), request.tags(), Map.of(), List.of());
        save(role);
        return role;
    }

    public synchronized Role getRole(String name) {
        Role role = roles.get(name);
        if (role == null) {
            throw noSuchRole(name);
        }
        return role;
    }

    /** UpdateAssumeRolePolicy. */
    public synchronized void updateAssumeRolePolicy(String name, String document) {
        Role role = getRole(name);
        checkPolicyDocument(document);
        save(role.withAssumeRolePolicy(document));
    }

    /** UpdateRole: the description and the maximum session duration, each kept when absent. */
    public synchronized void updateRole(String name, Optional<String> description, Optional<Integer> maxSessionDuration) {
        Role role = getRole(name);
        int maxSession = maxSessionDuration.orElse(role.maxSessionDuration());
        checkMaxSession(maxSession);
        save(role.withSettings(description.orElse(role.description()), maxSession));
    }

    public synchronized void deleteRole(String name) {
        Role role = getRole(name);
        if (!role.inlinePolicies().isEmpty()) {
            throw new AwsException("DeleteConflict", "Cannot delete entity, must delete policies first.", 409);
        }
        if (!role.attachedPolicyArns().isEmpty()) {
            throw new AwsException("DeleteConflict", "Cannot delete entity, must detach all policies first.", 409);
        }
        store.remove(role.name());
        roles.remove(name);
    }

    public synchronized void putRolePolicy(String roleName, String policyName, String document) {
        Role role = getRole(roleName);
        checkPolicyDocument(document);
        Map<String, String> policies = new TreeMap<>(role.inlinePolicies());
        policies.put(policyName, document);
        save(role.withInlinePolicies(policies));
    }

    public synchronized String getRolePolicy(String roleName, String policyName) {
        String document = getRole(roleName).inlinePolicies().get(policyName);
        if (document == null) {
            throw new AwsException("NoSuchEntity", "The role policy with name " + policyName
                    + " cannot be found.", 404);
        }
        return document;
    }

    public synchronized void deleteRolePolicy(String roleName, String policyName) {
        Role role = getRole(roleName);
        getRolePolicy(roleName, policyName);
        Map<String, String> policies = new TreeMap<>(role.inlinePolicies());
        policies.remove(policyName);
        save(role.withInlinePolicies(policies));
    }

    public synchronized void attachRolePolicy(String roleName, String policyArn) {
        Role role = getRole(roleName);
        if (!POLICY_ARN.matcher(policyArn).matches()) {
            throw AwsException.badRequest("InvalidInput", "ARN " + policyArn + " is not valid.");
        }
        if (!role.attachedPolicyArns().contains(policyArn)) {
            List<String> arns = new ArrayList<>(role.attachedPolicyArns());
            arns.add(policyArn);
            save(role.withAttachedPolicyArns(arns));
        }
    }

    public synchronized void detachRolePolicy(String roleName, String policyArn) {
        Role role = getRole(roleName);
        if (!role.attachedPolicyArns().contains(policyArn)) {
            throw new AwsException("NoSuchEntity", "Policy " + policyArn + " was not found.", 404);
        }
        List<String> arns = new ArrayList<>(role.attachedPolicyArns());
        arns.remove(policyArn);
        save(role.withAttachedPolicyArns(arns));
    }

    /** One page of roles whose path starts with {@code pathPrefix}, after {@code marker} (a role name). */
    public record Page(List<Role> roles, Optional<String> nextMarker) {
    }

    public synchronized Page listRoles(Optional<String> pathPrefix, Optional<String> marker, int maxItems) {
        if (maxItems < 1 || maxItems > 1000) {
            throw AwsException.badRequest("ValidationError", "1 validation error detected: Value '" + maxItems
                    + "' at 'maxItems' failed to satisfy constraint: Member must have value between 1 and 1000");
        }
        List<Role> matching = roles.values().stream()
                .filter(role -> role.path().startsWith(pathPrefix.orElse("/")))
                .filter(role -> marker.isEmpty() || String.CASE_INSENSITIVE_ORDER.compare(role.name(), marker.get()) >= 0)
                .toList();
        if (matching.size() > maxItems) {
            return new Page(matching.subList(0, maxItems), Optional.of(matching.get(maxItems).name()));
        }
        return new Page(matching, Optional.empty());
    }

    private void save(Role role) {
        store.put(role.name(), role);
        roles.put(role.name(), role);
    }

    private static AwsException noSuchRole(String name) {
        return new AwsException("NoSuchEntity", "The role with name " + name + " cannot be found.", 404);
    }

    private static void checkMaxSession(int maxSession) {
        if (maxSession < 3600 || maxSession > 43200) {
            throw AwsException.badRequest("ValidationError", "1 validation error detected: Value '" + maxSession
                    + "' at 'maxSessionDuration' failed to satisfy constraint: Member must have value less than or"
                    + " equal to 43200");
        }
    }

    private static void checkPolicyDocument(String document) {
        try {
            if (!Mappers.JSON.readTree(document).isObject()) {
                throw new AwsException("MalformedPolicyDocument", "This policy contains invalid Json", 400);
            }
        } catch (JsonProcessingException e) {
            throw new AwsException("MalformedPolicyDocument", "This policy contains invalid Json", 400);
        }
    }

    private static String randomId(int length) {
        StringBuilder id = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            id.append(ID_ALPHABET.charAt(Random.INSTANCE.nextInt(ID_ALPHABET.length())));
        }
        return id.toString();
    }
}
