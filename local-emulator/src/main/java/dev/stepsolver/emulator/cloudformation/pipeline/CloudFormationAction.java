package dev.stepsolver.emulator.cloudformation.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepsolver.emulator.cloudformation.CloudFormationBackend;
import dev.stepsolver.emulator.cloudformation.StackDeployment;
import dev.stepsolver.emulator.cloudformation.StackEventRecord;
import dev.stepsolver.emulator.cloudformation.StackOutcome;
import dev.stepsolver.emulator.cloudformation.StackRecord;
import dev.stepsolver.emulator.cloudformation.StackStatus;
import dev.stepsolver.emulator.codepipeline.ActionJob;
import dev.stepsolver.emulator.codepipeline.ActionOutcome;
import dev.stepsolver.emulator.codepipeline.ActionProgress;
import dev.stepsolver.emulator.codepipeline.ActionProvider;
import dev.stepsolver.emulator.codepipeline.ActionTypeSpec;
import dev.stepsolver.emulator.codepipeline.ArtifactRef;
import dev.stepsolver.emulator.codepipeline.ArtifactStore;
import dev.stepsolver.emulator.protocol.AwsException;
import dev.stepsolver.emulator.protocol.Mappers;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import software.amazon.awssdk.services.codepipeline.model.ActionDeclaration;

/**
 * Deploy {@code CloudFormation} through the in-process CloudFormation API, as the AWS action reference
 * describes it:
 * <ul>
 * <li>ActionMode CREATE_UPDATE creates the stack or updates it (an update with nothing to change
 * succeeds); REPLACE_ON_FAILURE first deletes a stack in a failed state (ROLLBACK_COMPLETE,
 * ROLLBACK_FAILED, CREATE_FAILED, DELETE_FAILED, UPDATE_ROLLBACK_FAILED), then does the same; DELETE_ONLY
 * deletes it (no stack is a success). The change set modes are accepted in declarations and fail when
 * run: the emulator's CloudFormation has no change sets.</li>
 * <li>TemplatePath and TemplateConfiguration are {@code ArtifactName::path/in/zip} in one of the action's
 * input artifacts; the configuration file's {@code Parameters} and {@code Tags} apply, ParameterOverrides
 * (a JSON object whose values may be {@code Fn::GetParam} / {@code Fn::GetArtifactAtt}) win over its
 * parameters. Capabilities is comma-separated; RoleArn goes to the stack.</li>
 * <li>The stack's outputs become the output variables; with OutputFileName, the one output artifact is a
 * zip holding that file, the outputs as a JSON object.</li>
 * <li>A stack that ends rolled back or failed fails the action with its status and reason, and the
 * reasons its resources failed with.</li>
 * </ul>
 * The action lasts as long as the stack operation. Abandoning it does not stop the operation (the
 * emulator's CloudFormation cannot cancel one), which settles on its own.
 */
public final class CloudFormationAction implements ActionProvider {

    static final ActionTypeSpec SPEC = ActionTypeSpec.aws("CloudFormation", Set.of("Deploy"),
            Set.of("ActionMode", "StackName"), Set.of("TemplatePath", "TemplateConfiguration", "Capabilities",
                    "RoleArn", "ParameterOverrides", "OutputFileName", "ChangeSetName"), 0, 10, 0, 1, false);

    /** The action modes of the AWS reference. */
    enum Mode { CREATE_UPDATE, REPLACE_ON_FAILURE, DELETE_ONLY, CHANGE_SET_REPLACE, CHANGE_SET_EXECUTE }

    static final Set<String> CAPABILITIES = Set.of("CAPABILITY_IAM", "CAPABILITY_NAMED_IAM",
            "CAPABILITY_AUTO_EXPAND");
    /** The states REPLACE_ON_FAILURE deletes a stack in before creating it again. */
    static final Set<StackStatus> REPLACEABLE = EnumSet.of(StackStatus.ROLLBACK_COMPLETE, StackStatus.ROLLBACK_FAILED,
            StackStatus.CREATE_FAILED, StackStatus.DELETE_FAILED, StackStatus.UPDATE_ROLLBACK_FAILED);
    /** How much of an input artifact's file is read (CloudFormation's template limit is 1 MB). */
    private static final int MAX_FILE_BYTES = 4 * 1024 * 1024;
    private static final int MAX_ZIP_ENTRIES = 200_000;
    private static final int MAX_RESOURCE_FAILURES = 3;
    private static final long PROGRESS_INTERVAL_MILLIS = 1000;

    /** What makes the action fail before or instead of a stack operation. */
    private static final class JobFailure extends Exception {
        private static final long serialVersionUID = 1L;
        private final String errorCode;

        JobFailure(String errorCode, String message) {
            super(message, null, false, false);
            this.errorCode = errorCode;
        }

        static JobFailure job(String message) {
            return new JobFailure("JobFailed", message);
        }

        static JobFailure configuration(String message) {
            return new JobFailure("ConfigurationError", message);
        }

        ActionOutcome.Failed outcome(Optional<String> stackId, Optional<String> url) {
            return new ActionOutcome.Failed(errorCode, getMessage(), stackId, url);
        }
    }

    private final CloudFormationBackend cloudFormation;
    private final String region;
    private final Supplier<Optional<URI>> endpoint;

    /**
     * @param endpoint the emulator's base URL once it listens (for Fn::GetArtifactAtt URL)
     */
    public CloudFormationAction(CloudFormationBackend cloudFormation, String region,
            Supplier<Optional<URI>> endpoint) {
        this.cloudFormation = cloudFormation;
        this.region = region;
        this.endpoint = endpoint;
    }

    @Override
    public ActionTypeSpec spec() {
        return SPEC;
    }

    // ================================================================ declaration checks

    @Override
    public void validate(String stageName, ActionDeclaration action) {
        Map<String, String> configuration = action.configuration();
        String mode = configuration.get("ActionMode");
        if (mode != null && !mode.contains("#{") && parseMode(mode).isEmpty()) {
            throw actionError("Action configuration for action '" + action.name() + "' has"
                    + " ActionMode '" + mode + "'; valid values are " + Arrays.toString(Mode.values()));
        }
        String capabilities = configuration.get("Capabilities");
        if (capabilities != null && !capabilities.contains("#{")) {
            try {
                capabilities(capabilities);
            } catch (JobFailure e) {
                throw actionError("Action configuration for action '" + action.name() + "': "
                        + e.getMessage());
            }
        }
        for (String key : List.of("TemplatePath", "TemplateConfiguration")) {
            String value = configuration.get(key);
            if (value != null && !value.contains("#{") && ArtifactPath.parse(value).isEmpty()) {
                throw actionError("Action configuration for action '" + action.name() + "' has "
                        + key + " '" + value + "'; expected ArtifactName::path/to/file");
            }
        }
        String overrides = configuration.get("ParameterOverrides");
        if (overrides != null && !overrides.contains("#{")) {
            try {
                overridesObject(overrides);
            } catch (JobFailure e) {
                throw actionError("Action configuration for action '" + action.name() + "': "
                        + e.getMessage());
            }
        }
        if (configuration.get("OutputFileName") != null && action.outputArtifacts().size() != 1) {
            throw actionError("Action " + action.name() + " in stage " + stageName + " has"
                    + " OutputFileName but " + action.outputArtifacts().size() + " output artifacts; it needs exactly"
                    + " one");
        }
    }

    private static String jsonMessage(IOException e) {
        return e instanceof com.fasterxml.jackson.core.JsonProcessingException json ? json.getOriginalMessage()
                : e.getMessage();
    }

    private static Optional<Mode> parseMode(String value) {
        return Arrays.stream(Mode.values()).filter(m -> m.name().equals(value)).findFirst();
    }

    private static Set<String> capabilities(String value) throws JobFailure {
        Set<String> found = new LinkedHashSet<>();
        for (String part : value.split(",")) {
            String capability = part.strip();
            if (capability.isEmpty()) {
                continue;
            }
            if (!CAPABILITIES.contains(capability)) {
                throw JobFailure.configuration("Capabilities lists '" + capability + "'; valid values are "
                        + "CAPABILITY_IAM, CAPABILITY_NAMED_IAM and CAPABILITY_AUTO_EXPAND");
            }
            found.add(capability);
        }
        return found;
    }

    /** {@code ArtifactName::path/in/zip}. */
    record ArtifactPath(String artifact, String path) {
        static Optional<ArtifactPath> parse(String value) {
            int separator = value.indexOf("::");
            if (separator <= 0 || separator + 2 >= value.length()) {
                return Optional.empty();
            }
            return Optional.of(new ArtifactPath(value.substring(0, separator).strip(),
                    value.substring(separator + 2).strip()));
        }

        @Override
        public String toString() {
            return artifact + "::" + path;
        }
    }

    private static ObjectNode overridesObject(String json) throws JobFailure {
        JsonNode node;
        try {
            node = Mappers.JSON.readTree(json);
        } catch (IOException e) {
            throw JobFailure.configuration("ParameterOverrides is not valid JSON: " + jsonMessage(e));
        }
        if (node == null || !node.isObject()) {
            throw JobFailure.configuration("ParameterOverrides must be a JSON object of parameter names to values");
        }
        return (ObjectNode) node;
    }

    // ================================================================ a run

    @Override
    public ActionOutcome execute(ActionJob job) throws InterruptedException {
        Run run = new Run(cloudFormation, job);
        try {
            return run.execute();
        } catch (JobFailure e) {
            return e.outcome(run.stackId, run.stackId.map(this::consoleUrl));
        }
    }

    private String consoleUrl(String stackId) {
        return "https://console.aws.amazon.com/cloudformation/home?region=" + region + "#/stacks/stackinfo?stackId="
                + java.net.URLEncoder.encode(stackId, StandardCharsets.UTF_8);
    }

    /** One execution of the action: its job, its stack, the input artifacts it has read. */
    private final class Run {
        private final CloudFormationBackend backend;
        private final ActionJob job;
        private final String stackName;
        private final Map<String, byte[]> zips = new HashMap<>();
        private Optional<String> stackId = Optional.empty();

        Run(CloudFormationBackend backend, ActionJob job) {
            this.backend = backend;
            this.job = job;
            this.stackName = job.configuration().get("StackName");
        }

        ActionOutcome execute() throws JobFailure, InterruptedException {
            String modeValue = job.configuration().get("ActionMode");
            Mode mode = parseMode(modeValue).orElseThrow(() -> JobFailure.configuration("ActionMode '" + modeValue
                    + "' is not one of " + Arrays.toString(Mode.values())));
            if (job.config("OutputFileName").isPresent() && job.outputArtifacts().size() != 1) {
                throw JobFailure.configuration("OutputFileName needs exactly one output artifact; the action has "
                        + job.outputArtifacts().size());
            }
            return switch (mode) {
                case CHANGE_SET_REPLACE, CHANGE_SET_EXECUTE -> throw JobFailure.configuration("ActionMode " + mode
                        + " is not supported by the emulator: its CloudFormation has no change sets. Use"
                        + " CREATE_UPDATE or REPLACE_ON_FAILURE");
                case DELETE_ONLY -> deleteOnly();
                case CREATE_UPDATE, REPLACE_ON_FAILURE -> deploy(mode);
            };
        }

        private ActionOutcome deleteOnly() throws JobFailure, InterruptedException {
            Optional<StackRecord> existing = backend.findStack(stackName);
            if (existing.isEmpty()) {
                writeOutputs(Map.of());
                return ActionOutcome.succeeded("Stack " + stackName + " does not exist; nothing to delete", Map.of());
            }
            StackOutcome outcome = delete(existing.get());
            if (outcome.status() != StackStatus.DELETE_COMPLETE) {
                throw JobFailure.job(failureMessage(outcome));
            }
            writeOutputs(Map.of());
            return succeeded("Stack " + stackName + " deleted", Map.of());
        }

        private StackOutcome delete(StackRecord stack) throws JobFailure, InterruptedException {
            stackId = Optional.of(stack.stackId());
            CompletableFuture<StackOutcome> deleting;
            try {
                deleting = backend.delete(stack.stackId());
            } catch (AwsException e) {
                throw JobFailure.job(e.getMessage());
            }
            return await(deleting);
        }

        private ActionOutcome deploy(Mode mode) throws JobFailure, InterruptedException {
            StackDeployment deployment = deployment();
            if (mode == Mode.REPLACE_ON_FAILURE) {
                Optional<StackRecord> existing = backend.findStack(stackName);
                if (existing.isPresent() && REPLACEABLE.contains(existing.get().status())) {
                    job.progress(ActionProgress.of("Deleting stack " + stackName + ", which is in "
                            + existing.get().status() + " state, to create it again"));
                    StackOutcome deleted = delete(existing.get());
                    if (deleted.status() != StackStatus.DELETE_COMPLETE) {
                        throw JobFailure.job(failureMessage(deleted));
                    }
                }
            }
            CompletableFuture<StackOutcome> deploying;
            try {
                deploying = backend.deploy(deployment);
            } catch (AwsException e) {
                throw JobFailure.job(e.getMessage());
            }
            stackId = backend.findStack(stackName).map(StackRecord::stackId);
            StackOutcome outcome = await(deploying);
            stackId = Optional.of(outcome.stackId()).filter(id -> !id.isEmpty()).or(() -> stackId);
            if (outcome.changed() && !outcome.succeeded()) {
                throw JobFailure.job(failureMessage(outcome));
            }
            writeOutputs(outcome.outputs());
            return succeeded(outcome.changed() ? "Stack " + stackName + " " + outcome.status()
                    : "Stack " + stackName + " is up to date (no changes)", outcome.outputs());
        }

        private ActionOutcome.Succeeded succeeded(String summary, Map<String, String> outputs) {
            return new ActionOutcome.Succeeded(Optional.of(summary), stackId, stackId.map(CloudFormationAction.this
                    ::consoleUrl), outputs, Optional.empty());
        }

        /** Waits for the operation, reporting the stack's status as progress meanwhile. */
        private StackOutcome await(CompletableFuture<StackOutcome> operation) throws JobFailure,
                InterruptedException {
            String reported = null;
            while (true) {
                if (stackId.isPresent()) {
                    Optional<StackRecord> now = backend.findStack(stackId.get());
                    String status = now.map(s -> s.status().name()).orElse(null);
                    if (status != null && !status.equals(reported)) {
                        reported = status;
                        job.progress(ActionProgress.of("Stack " + stackName + " " + status)
                                .withExternal(stackId.get(), consoleUrl(stackId.get())));
                    }
                }
                try {
                    return operation.get(PROGRESS_INTERVAL_MILLIS, TimeUnit.MILLISECONDS);
                } catch (TimeoutException e) {
                    // still running: report its status again
                } catch (ExecutionException e) {
                    throw JobFailure.job("The operation on stack " + stackName + " could not be followed: "
                            + e.getCause().getMessage());
                }
            }
        }

        /** "Stack X in STATUS state: reason", with what its resources failed with. */
        private String failureMessage(StackOutcome outcome) {
            StringBuilder message = new StringBuilder("Stack ").append(stackName).append(" in ")
                    .append(outcome.status()).append(" state");
            Optional<String> reason = outcome.reason().map(String::strip).filter(r -> !r.isEmpty());
            reason.ifPresent(r -> message.append(": ").append(r));
            List<String> failures = resourceFailures(outcome.stackId());
            if (!failures.isEmpty()) {
                message.append(reason.isPresent() ? " " : ": ").append(String.join("; ", failures));
            }
            return message.toString();
        }

        /** The reasons resources failed with in the stack's last operation, first first. */
        private List<String> resourceFailures(String id) {
            if (id.isEmpty()) {
                return List.of();
            }
            List<StackEventRecord> newestFirst;
            try {
                newestFirst = backend.events(id);
            } catch (AwsException e) {
                return List.of();
            }
            List<String> failures = new ArrayList<>();
            for (StackEventRecord event : newestFirst) {
                boolean stackEvent = "AWS::CloudFormation::Stack".equals(event.resourceType());
                if (stackEvent && "User Initiated".equals(event.resourceStatusReason())) {
                    break;
                }
                if (!stackEvent && event.resourceStatus().endsWith("_FAILED") && event.resourceStatusReason() != null
                        && !event.resourceStatusReason().startsWith("Resource creation cancelled")
                        && !event.resourceStatusReason().startsWith("Resource update cancelled")) {
                    failures.add(event.logicalResourceId() + " " + event.resourceStatus() + ": "
                            + event.resourceStatusReason());
                }
            }
            List<String> chronological = failures.reversed();
            return chronological.subList(0, Math.min(MAX_RESOURCE_FAILURES, chronological.size()));
        }

        // ------------------------------------------------------------ what the stack is deployed from

        private StackDeployment deployment() throws JobFailure {
            String templatePath = job.config("TemplatePath").orElseThrow(() -> JobFailure.configuration(
                    "TemplatePath is required with ActionMode " + job.configuration().get("ActionMode")));
            String template = new String(file("TemplatePath", templatePath), StandardCharsets.UTF_8);
            Map<String, String> parameters = new LinkedHashMap<>();
            Map<String, String> tags = new LinkedHashMap<>();
            Optional<String> configurationPath = job.config("TemplateConfiguration");
            if (configurationPath.isPresent()) {
                templateConfiguration(configurationPath.get(), parameters, tags);
            }
            Optional<String> overrides = job.config("ParameterOverrides");
            if (overrides.isPresent()) {
                parameters.putAll(overrides(overrides.get()));
            }
            Set<String> capabilities = capabilities(job.config("Capabilities").orElse(""));
            return new StackDeployment(stackName, template, parameters, capabilities, job.config("RoleArn"), tags);
        }

        /** The template configuration file: {@code {"Parameters": {...}, "Tags": {...}, "StackPolicy": ...}}. */
        private void templateConfiguration(String location, Map<String, String> parameters, Map<String, String> tags)
                throws JobFailure {
            JsonNode root = json("TemplateConfiguration", location, file("TemplateConfiguration", location));
            if (!root.isObject()) {
                throw JobFailure.configuration("The template configuration file " + location + " must be a JSON"
                        + " object with Parameters, Tags and StackPolicy");
            }
            strings(root.path("Parameters"), "Parameters", location, parameters);
            strings(root.path("Tags"), "Tags", location, tags);
        }

        private static void strings(JsonNode node, String member, String location, Map<String, String> into)
                throws JobFailure {
            if (node.isMissingNode() || node.isNull()) {
                return;
            }
            if (!node.isObject()) {
                throw JobFailure.configuration("The template configuration file " + location + " has " + member
                        + " that is not a JSON object of names to values");
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> field = it.next();
                if (!field.getValue().isValueNode()) {
                    throw JobFailure.configuration("The template configuration file " + location + " gives "
                            + member + " " + field.getKey() + " a value that is not a string");
                }
                into.put(field.getKey(), field.getValue().asText());
            }
        }

        private Map<String, String> overrides(String json) throws JobFailure {
            Map<String, String> values = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = overridesObject(json).fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> field = it.next();
                values.put(field.getKey(), overrideValue(field.getKey(), field.getValue()));
            }
            return values;
        }

        private String overrideValue(String parameter, JsonNode value) throws JobFailure {
            if (value.isValueNode() && !value.isNull()) {
                return value.asText();
            }
            if (value.isObject() && value.size() == 1 && value.has("Fn::GetParam")) {
                JsonNode arguments = value.get("Fn::GetParam");
                List<String> args = textArguments(arguments, 3);
                if (args == null) {
                    throw JobFailure.configuration("ParameterOverrides " + parameter + ": Fn::GetParam takes"
                            + " [\"ArtifactName\", \"file.json\", \"key\"]");
                }
                String location = args.get(0) + "::" + args.get(1);
                JsonNode document = json("Fn::GetParam", location, file("Fn::GetParam", location));
                JsonNode found = document.path(args.get(2));
                if (found.isMissingNode() || found.isNull()) {
                    throw JobFailure.configuration("ParameterOverrides " + parameter + ": Fn::GetParam found no key "
                            + args.get(2) + " in " + location);
                }
                return found.isValueNode() ? found.asText() : found.toString();
            }
            if (value.isObject() && value.size() == 1 && value.has("Fn::GetArtifactAtt")) {
                List<String> args = textArguments(value.get("Fn::GetArtifactAtt"), 2);
                if (args == null) {
                    throw JobFailure.configuration("ParameterOverrides " + parameter + ": Fn::GetArtifactAtt takes"
                            + " [\"ArtifactName\", \"BucketName|ObjectKey|URL\"]");
                }
                ArtifactRef artifact = input("Fn::GetArtifactAtt", args.get(0));
                return switch (args.get(1)) {
                    case "BucketName" -> artifact.bucket();
                    case "ObjectKey" -> artifact.key();
                    case "URL" -> endpoint.get().map(base -> base.resolve("/" + artifact.bucket() + "/"
                            + artifact.key()).toString()).orElse("https://" + artifact.bucket() + ".s3." + region
                                    + ".amazonaws.com/" + artifact.key());
                    default -> throw JobFailure.configuration("ParameterOverrides " + parameter
                            + ": Fn::GetArtifactAtt has no attribute " + args.get(1) + "; valid attributes are"
                            + " BucketName, ObjectKey and URL");
                };
            }
            throw JobFailure.configuration("ParameterOverrides " + parameter + " must be a string, Fn::GetParam or"
                    + " Fn::GetArtifactAtt; it is " + value);
        }

        private static List<String> textArguments(JsonNode arguments, int count) {
            if (arguments == null || !arguments.isArray() || arguments.size() != count) {
                return null;
            }
            List<String> values = new ArrayList<>();
            for (JsonNode argument : arguments) {
                if (!argument.isTextual() || argument.asText().isEmpty()) {
                    return null;
                }
                values.add(argument.asText());
            }
            return values;
        }

        private static JsonNode json(String key, String location, byte[] bytes) throws JobFailure {
            try {
                JsonNode node = Mappers.JSON.readTree(bytes);
                if (node == null) {
                    throw JobFailure.configuration(key + " file " + location + " is empty");
                }
                return node;
            } catch (IOException e) {
                throw JobFailure.configuration(key + " file " + location + " is not valid JSON: "
                        + jsonMessage(e));
            }
        }

        private ArtifactRef input(String key, String artifactName) throws JobFailure {
            return job.input(artifactName).orElseThrow(() -> JobFailure.configuration(key + " names artifact "
                    + artifactName + ", which is not an input artifact of the action "
                    + job.inputArtifacts().stream().map(ArtifactRef::name).toList()));
        }

        /** A file of an input artifact, from {@code ArtifactName::path}. */
        private byte[] file(String key, String location) throws JobFailure {
            ArtifactPath path = ArtifactPath.parse(location).orElseThrow(() -> JobFailure.configuration(key + " '"
                    + location + "' is not of the form ArtifactName::path/to/file"));
            ArtifactRef artifact = input(key, path.artifact());
            byte[] zip = zips.get(artifact.name());
            if (zip == null) {
                try {
                    zip = job.artifacts().read(artifact);
                } catch (AwsException e) {
                    throw JobFailure.job("Could not read input artifact " + artifact.name() + " (" + artifact
                            .location() + "): " + e.getMessage());
                }
                zips.put(artifact.name(), zip);
            }
            return fileInZip(zip, path.path()).orElseThrow(() -> JobFailure.configuration(key + " file "
                    + path.path() + " does not exist in input artifact " + artifact.name()));
        }

        /** Writes OutputFileName (or an empty zip) to the output artifact, when there is one. */
        private void writeOutputs(Map<String, String> outputs) throws JobFailure {
            if (job.outputArtifacts().isEmpty()) {
                return;
            }
            ArtifactRef artifact = job.outputArtifacts().get(0);
            Map<String, byte[]> files = new LinkedHashMap<>();
            Optional<String> fileName = job.config("OutputFileName");
            if (fileName.isPresent()) {
                try {
                    files.put(fileName.get(), Mappers.JSON.writerWithDefaultPrettyPrinter()
                            .writeValueAsBytes(new java.util.TreeMap<>(outputs)));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            try {
                job.artifacts().write(artifact, zip(files));
            } catch (AwsException e) {
                throw JobFailure.job("Could not write output artifact " + artifact.name() + " ("
                        + artifact.location() + "): " + e.getMessage());
            }
        }
    }

    /** A file of a zip, its path relative to the zip's root ({@code ./} and leading slashes ignored). */
    static Optional<byte[]> fileInZip(byte[] zip, String path) throws JobFailure {
        String wanted = normalize(path);
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            ZipEntry entry;
            for (int i = 0; i < MAX_ZIP_ENTRIES && (entry = in.getNextEntry()) != null; i++) {
                if (!entry.isDirectory() && normalize(entry.getName()).equals(wanted)) {
                    byte[] bytes = in.readNBytes(MAX_FILE_BYTES + 1);
                    if (bytes.length > MAX_FILE_BYTES) {
                        throw JobFailure.configuration("File " + path + " of the artifact is larger than "
                                + MAX_FILE_BYTES + " bytes");
                    }
                    return Optional.of(bytes);
                }
            }
            return Optional.empty();
        } catch (IOException e) {
            throw JobFailure.job("The input artifact is not a readable zip: " + e.getMessage());
        }
    }

    private static String normalize(String path) {
        String normalized = path.replace('\\', '/');
        while (normalized.startsWith("./") || normalized.startsWith("/")) {
            normalized = normalized.substring(normalized.startsWith("./") ? 2 : 1);
        }
        return normalized;
    }

    /** A zip of {@code files}; with none, an empty zip (an end of central directory record alone). */
    static byte[] zip(Map<String, byte[]> files) {
        if (files.isEmpty()) {
            byte[] empty = new byte[22];
            empty[0] = 0x50;
            empty[1] = 0x4b;
            empty[2] = 0x05;
            empty[3] = 0x06;
            return empty;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                out.putNextEntry(new ZipEntry(file.getKey()));
                out.write(file.getValue());
                out.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** CodePipeline's answer to a declaration this action cannot take. */
    private static AwsException actionError(String message) {
        return AwsException.badRequest("InvalidActionDeclarationException", message);
    }
}
