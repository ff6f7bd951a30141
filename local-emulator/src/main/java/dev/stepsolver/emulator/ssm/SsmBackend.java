package dev.stepsolver.emulator.ssm;

import dev.stepsolver.emulator.protocol.AwsException;
import dev.stepsolver.emulator.state.PersistentCollection;
import dev.stepsolver.emulator.state.StateStore;
import dev.stepsolver.emulator.time.EmulatorClock;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/** SSM Parameter Store: parameters, their versions, and SecureString values. */
public final class SsmBackend {

    private static final int MAX_VERSIONS = 100;
    private static final int MAX_NAME_LENGTH = 2048;
    private static final int MAX_VALUE_LENGTH = 8192;
    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9_.\\-/]+");
    private static final String DEFAULT_KEY = "alias/aws/ssm";

    private final EmulatorClock clock;
    private final PersistentCollection<Parameter> store;
    private final Map<String, Parameter> parameters = new ConcurrentHashMap<>();

    public SsmBackend(EmulatorClock clock, StateStore state) {
        this.clock = clock;
        this.store = state.collection("ssm.parameters", Parameter.class);
        parameters.putAll(store.loadAll());
    }

    /** What a PutParameter asks for. */
    public record PutRequest(String name, String value, Optional<String> type, boolean overwrite,
            Optional<String> description, Optional<String> keyId, Optional<String> dataType) {
    }

    /** A value as read: the version selected and whether it was decrypted. */
    public record Read(Parameter parameter, Parameter.Version version, String value, Optional<String> selector) {
    }

    /**
     * Creates a parameter or, with overwrite, a new version of it.
     *
     * @return the new version number
     */
    public synchronized long put(PutRequest request) {
        validateName(request.name());
        if (request.value().length() > MAX_VALUE_LENGTH) {
            throw AwsException.badRequest("ValidationException", "1 validation error detected: Value at 'value'"
                    + " failed to satisfy constraint: Member must have length less than or equal to " + MAX_VALUE_LENGTH);
        }
        Parameter existing = parameters.get(request.name());
        if (existing != null && !request.overwrite()) {
            throw AwsException.badRequest("ParameterAlreadyExists",
                    "The parameter already exists. To overwrite this value, set the overwrite option in the request"
                            + " to true.");
        }
        String type = request.type().orElseGet(() -> {
            if (existing == null) {
                throw AwsException.badRequest("ValidationException",
                        "A parameter type is required when you create a parameter.");
            }
            return existing.latest().type();
        });
        if (!List.of("String", "StringList", "SecureString").contains(type)) {
            throw AwsException.badRequest("ValidationException", "1 validation error detected: Value '" + type
                    + "' at 'type' failed to satisfy constraint: Member must satisfy enum value set:"
                    + " [SecureString, StringList, String]");
        }
        long version = existing == null ? 1 : existing.latest().version() + 1;
        Parameter.Version next = new Parameter.Version(version, type, request.value(),
                request.description().orElse(existing == null ? null : existing.latest().description()),
                request.dataType().orElse("text"),
                "SecureString".equals(type) ? request.keyId().orElse(DEFAULT_KEY) : null,
                clock.now());
        List<Parameter.Version> versions = new ArrayList<>(existing == null ? List.of() : existing.versions());
        versions.add(next);
        while (versions.size() > MAX_VERSIONS) {
            versions.remove(0);
        }
        Parameter updated = new Parameter(request.name(), versions);
        store.put(request.name(), updated);
        parameters.put(request.name(), updated);
        return version;
    }

    /**
     * Reads {@code nameWithSelector} ({@code name} or {@code name:version}); SecureString values stay
     * encrypted unless {@code withDecryption}.
     */
    public Read get(String nameWithSelector, boolean withDecryption) {
        int colon = nameWithSelector.lastIndexOf(':');
        String name = colon > 0 ? nameWithSelector.substring(0, colon) : nameWithSelector;
        Optional<String> selector = colon > 0 ? Optional.of(nameWithSelector.substring(colon + 1)) : Optional.empty();
        Parameter parameter = parameters.get(name);
        if (parameter == null) {
            throw notFound();
        }
        Parameter.Version version = parameter.latest();
        if (selector.isPresent()) {
            long number;
            try {
                number = Long.parseLong(selector.get());
            } catch (NumberFormatException e) {
                throw AwsException.badRequest("ValidationException",
                        "Invalid parameter version or label: " + selector.get());
            }
            version = parameter.version(number).orElseThrow(() -> AwsException.badRequest(
                    "ParameterVersionNotFound", "Systems Manager could not find version " + number + " of " + name
                            + ". Verify the version and try again."));
        }
        String value = "SecureString".equals(version.type()) && !withDecryption
                ? ciphertext(version)
                : version.value();
        return new Read(parameter, version, value, selector);
    }

    /** Reads many names; the ones that do not exist are returned separately, not as an error. */
    public Map.Entry<List<Read>, List<String>> getAll(List<String> names, boolean withDecryption) {
        if (names.size() > 10) {
            throw AwsException.badRequest("ValidationException", "1 validation error detected: Value '" + names
                    + "' at 'names' failed to satisfy constraint: Member must have length less than or equal to 10");
        }
        List<Read> found = new ArrayList<>();
        List<String> invalid = new ArrayList<>();
        for (String name : names) {
            try {
                found.add(get(name, withDecryption));
            } catch (AwsException e) {
                invalid.add(name);
            }
        }
        return Map.entry(found, invalid);
    }

    public synchronized void delete(String name) {
        if (!parameters.containsKey(name)) {
            throw notFound();
        }
        store.remove(name);
        parameters.remove(name);
    }

    public String arn(String region, String accountId, String name) {
        return "arn:aws:ssm:" + region + ":" + accountId + ":parameter" + (name.startsWith("/") ? name : "/" + name);
    }

    private static AwsException notFound() {
        // AWS sends ParameterNotFound without a message.
        return AwsException.badRequest("ParameterNotFound", "");
    }

    /** Not real encryption: an opaque, stable stand-in for the KMS ciphertext AWS returns. */
    private static String ciphertext(Parameter.Version version) {
        byte[] plain = (version.keyId() + ":" + version.value()).getBytes(StandardCharsets.UTF_8);
        byte[] masked = new byte[plain.length];
        for (int i = 0; i < plain.length; i++) {
            masked[i] = (byte) (plain[i] ^ 0x5A);
        }
        return "AQICAH" + Base64.getEncoder().encodeToString(masked);
    }

    private static void validateName(String name) {
        if (name.isEmpty() || name.length() > MAX_NAME_LENGTH || !NAME.matcher(name).matches()
                || (name.contains("/") && !name.startsWith("/"))) {
            throw AwsException.badRequest("ValidationException", "Parameter name must be a fully qualified name.");
        }
        String bare = name.startsWith("/") ? name.substring(1) : name;
        String lower = bare.toLowerCase(java.util.Locale.ROOT);
        if (lower.startsWith("aws") || lower.startsWith("ssm")) {
            throw AwsException.badRequest("ValidationException", "No access to reserved parameter name: " + name + ".");
        }
    }
}
