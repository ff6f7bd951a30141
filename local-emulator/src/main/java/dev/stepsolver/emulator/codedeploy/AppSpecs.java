package dev.stepsolver.emulator.codedeploy;

import com.fasterxml.jackson.core.JacksonException;
import dev.stepsolver.emulator.protocol.Mappers;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * Reads Lambda AppSpecs (YAML with snakeyaml-engine, JSON with Jackson) and finds them at the root of
 * a revision zip. CodeDeploy matches the AppSpec's keys without regard to case, and so does this.
 */
public final class AppSpecs {

    /** The message CodeDeploy gives when a revision holds no AppSpec. */
    public static final String MISSING = "An AppSpec file is required, but could not be found in the revision";
    /** What CodeDeploy says of an AppSpec it cannot use for a Lambda deployment (details follow it). */
    static final String INVALID = "The deployment failed because the AppSpec file that specifies the AWS Lambda"
            + " deployment configuration is missing or has an invalid configuration.";
    /** The names CodeDeploy looks for at the root of a revision, in order. */
    public static final List<String> FILE_NAMES = List.of("appspec.yaml", "appspec.yml", "appspec.json");
    static final String LAMBDA_FUNCTION = "AWS::Lambda::Function";
    private static final int MAX_BYTES = 1024 * 1024;
    private static final int MAX_ZIP_ENTRIES = 100_000;

    private AppSpecs() {
    }

    /**
     * The AppSpec at the root of a zip (a pipeline artifact or an S3 revision bundle).
     *
     * @return empty when the zip holds none (or is not a zip)
     */
    public static Optional<String> findInZip(byte[] zip) {
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            Map<String, String> found = new LinkedHashMap<>();
            ZipEntry entry;
            for (int i = 0; i < MAX_ZIP_ENTRIES && (entry = in.getNextEntry()) != null; i++) {
                String name = entry.getName().startsWith("./") ? entry.getName().substring(2) : entry.getName();
                if (!entry.isDirectory() && FILE_NAMES.contains(name)) {
                    found.put(name, readBounded(in));
                }
            }
            return FILE_NAMES.stream().filter(found::containsKey).map(found::get).findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static String readBounded(InputStream in) throws IOException {
        byte[] bytes = in.readNBytes(MAX_BYTES + 1);
        if (bytes.length > MAX_BYTES) {
            throw new IOException("the AppSpec is larger than " + MAX_BYTES + " bytes");
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /**
     * Reads a Lambda AppSpec.
     *
     * @throws InvalidAppSpecException with INVALID_LAMBDA_CONFIGURATION and what is wrong
     */
    static AppSpec parse(String text) throws InvalidAppSpecException {
        if (text == null || text.isBlank()) {
            throw new InvalidAppSpecException("INVALID_REVISION", MISSING);
        }
        if (text.length() > MAX_BYTES) {
            throw invalid("The AppSpec file is larger than " + MAX_BYTES + " characters.");
        }
        Object root = read(text);
        if (!(root instanceof Map<?, ?> top)) {
            throw invalid("The AppSpec file must be a mapping with version and Resources.");
        }
        Object version = get(top, "version").orElseThrow(() -> invalid("The AppSpec file has no version."));
        if (!"0.0".equals(String.valueOf(version)) && !(version instanceof Number n && n.doubleValue() == 0.0)) {
            throw invalid("The AppSpec version must be 0.0, not " + version + ".");
        }
        Object resources = get(top, "resources").orElseThrow(() -> invalid("The AppSpec file has no Resources."));
        if (!(resources instanceof List<?> list) || list.size() != 1 || !(list.get(0) instanceof Map<?, ?> entry)
                || entry.size() != 1) {
            throw invalid("Resources must list exactly one resource, of type " + LAMBDA_FUNCTION + ".");
        }
        Map.Entry<?, ?> resource = entry.entrySet().iterator().next();
        if (!(resource.getValue() instanceof Map<?, ?> body)) {
            throw invalid("The resource " + resource.getKey() + " must have a Type and Properties.");
        }
        String type = scalar(body, "type").orElse("");
        if (!LAMBDA_FUNCTION.equals(type)) {
            throw invalid("The resource " + resource.getKey() + " has type '" + type + "'; a Lambda deployment"
                    + " needs " + LAMBDA_FUNCTION + ".");
        }
        if (!(get(body, "properties").orElse(null) instanceof Map<?, ?> properties)) {
            throw invalid("The resource " + resource.getKey() + " has no Properties.");
        }
        String name = required(properties, "Name");
        String alias = required(properties, "Alias");
        String current = required(properties, "CurrentVersion");
        String target = required(properties, "TargetVersion");
        return new AppSpec(String.valueOf(resource.getKey()), name, alias, current, target, hooks(top));
    }

    private static Object read(String text) throws InvalidAppSpecException {
        String trimmed = text.strip();
        try {
            if (trimmed.startsWith("{")) {
                return Mappers.JSON.readValue(trimmed, Object.class);
            }
            LoadSettings settings = LoadSettings.builder().setLabel("appspec").setMaxAliasesForCollections(50)
                    .setCodePointLimit(MAX_BYTES).build();
            return new Load(settings).loadFromString(text);
        } catch (JacksonException e) {
            throw invalid("The AppSpec file is not valid JSON: " + e.getOriginalMessage());
        } catch (YamlEngineException e) {
            throw invalid("The AppSpec file is not valid YAML: " + firstLine(e.getMessage()));
        }
    }

    private static Map<String, String> hooks(Map<?, ?> top) throws InvalidAppSpecException {
        Optional<Object> hooks = get(top, "hooks");
        Map<String, String> result = new LinkedHashMap<>();
        if (hooks.isEmpty() || hooks.get() instanceof String s && s.isBlank()) {
            return result;
        }
        List<?> entries = hooks.get() instanceof List<?> list ? list
                : hooks.get() instanceof Map<?, ?> map ? List.of(map) : null;
        if (entries == null) {
            throw invalid("Hooks must list lifecycle events and the Lambda functions to run at them.");
        }
        for (Object item : entries) {
            if (!(item instanceof Map<?, ?> map)) {
                throw invalid("Each hook must name a lifecycle event and a Lambda function.");
            }
            for (Map.Entry<?, ?> hook : map.entrySet()) {
                String event = canonicalEvent(String.valueOf(hook.getKey()));
                if (!(hook.getValue() instanceof String function) || function.isBlank()) {
                    throw invalid("The hook " + hook.getKey() + " must name a Lambda function.");
                }
                if (result.putIfAbsent(event, function) != null) {
                    throw invalid("The hook " + event + " is given more than once.");
                }
            }
        }
        return result;
    }

    private static String canonicalEvent(String name) throws InvalidAppSpecException {
        for (String event : List.of(LifecycleEvent.BEFORE_ALLOW_TRAFFIC, LifecycleEvent.AFTER_ALLOW_TRAFFIC)) {
            if (event.equalsIgnoreCase(name)) {
                return event;
            }
        }
        throw invalid("The hook " + name + " is not a lifecycle event of a Lambda deployment (BeforeAllowTraffic,"
                + " AfterAllowTraffic).");
    }

    private static String required(Map<?, ?> properties, String key) throws InvalidAppSpecException {
        return scalar(properties, key).filter(v -> !v.isBlank())
                .orElseThrow(() -> invalid("The Lambda function resource has no " + key + "."));
    }

    private static Optional<String> scalar(Map<?, ?> map, String key) {
        return get(map, key).filter(v -> v instanceof String || v instanceof Number).map(v ->
                v instanceof Double d && d == Math.rint(d) ? Long.toString(d.longValue()) : String.valueOf(v));
    }

    private static Optional<Object> get(Map<?, ?> map, String key) {
        String wanted = key.toLowerCase(Locale.ROOT);
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            if (String.valueOf(entry.getKey()).toLowerCase(Locale.ROOT).equals(wanted)) {
                return Optional.ofNullable(entry.getValue());
            }
        }
        return Optional.empty();
    }

    private static String firstLine(String message) {
        int newline = message == null ? -1 : message.indexOf('\n');
        return newline < 0 ? String.valueOf(message) : message.substring(0, newline);
    }

    private static InvalidAppSpecException invalid(String detail) {
        return new InvalidAppSpecException("INVALID_LAMBDA_CONFIGURATION", INVALID + " " + detail);
    }
}
