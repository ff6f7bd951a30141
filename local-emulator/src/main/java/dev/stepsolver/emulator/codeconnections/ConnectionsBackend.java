package dev.stepsolver.emulator.codeconnections;

import dev.stepsolver.emulator.protocol.AwsException;
import dev.stepsolver.emulator.state.PersistentCollection;
import dev.stepsolver.emulator.state.StateStore;
import dev.stepsolver.emulator.time.EmulatorClock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * CodeConnections (and its older name, CodeStar Connections): connections, always AVAILABLE, and the
 * local git repositories they reach by {@code FullRepositoryId} ({@code owner/repo}), linked from the
 * emulator's configuration or at run time ({@link #linkRepository}).
 *
 * <p>The in-process API for CodePipeline: {@link #requireAvailable(String)} and
 * {@link #repository(String)}.
 */
public final class ConnectionsBackend {

    /** Which API a connection was created through: it decides the ARN's service part. */
    public enum Api {
        CODECONNECTIONS("codeconnections"), CODESTAR_CONNECTIONS("codestar-connections");

        private final String arnService;

        Api(String arnService) {
            this.arnService = arnService;
        }

        public String arnService() {
            return arnService;
        }
    }

    static final int MAX_CONNECTIONS = 250;
    private static final Pattern ARN = Pattern.compile(
            "arn:aws[a-zA-Z-]*:(codeconnections|codestar-connections):([a-z0-9-]+):(\\d{12}):connection/([A-Za-z0-9-]+)");
    private static final Pattern REPOSITORY_ID = Pattern.compile("[^/\\s]+/[^\\s]+");
    private static final Set<String> PROVIDERS = Set.of("Bitbucket", "GitHub", "GitHubEnterpriseServer", "GitLab",
            "GitLabSelfManaged", "AzureDevOps");

    private final EmulatorClock clock;
    private final String region;
    private final String accountId;
    private final PersistentCollection<ConnectionRecord> connectionStore;
    private final PersistentCollection<RepositoryLink> linkStore;
    private final Map<String, ConnectionRecord> connections = new ConcurrentHashMap<>();
    private final Map<String, RepositoryLink> links = new ConcurrentHashMap<>();

    /**
     * @param configured repositories from the emulator's configuration; they replace stored links of the
     *     same id
     */
    public ConnectionsBackend(EmulatorClock clock, StateStore state, String region, String accountId,
            Map<String, String> configured) {
        this.clock = clock;
        this.region = region;
        this.accountId = accountId;
        this.connectionStore = state.collection("codeconnections.connections", ConnectionRecord.class);
        this.linkStore = state.collection("codeconnections.repositories", RepositoryLink.class);
        connectionStore.loadAll().values().forEach(c -> connections.put(c.id(), c));
        linkStore.loadAll().values().forEach(l -> links.put(l.fullRepositoryId(), l));
        configured.forEach(this::linkRepository);
    }

    // ================================================================ connections

    public synchronized ConnectionRecord createConnection(Api api, String name, Optional<String> providerType,
            Optional<String> hostArn, Map<String, String> tags) {
        if (name.isEmpty() || name.length() > 32) {
            throw AwsException.badRequest("ValidationException", "1 validation error detected: Value '" + name
                    + "' at 'connectionName' failed to satisfy constraint: Member must have length less than or"
                    + " equal to 32");
        }
        if (providerType.isEmpty() && hostArn.isEmpty()) {
            throw AwsException.badRequest("InvalidInputException", "ProviderType or HostArn must be provided");
        }
        String provider = providerType.orElse("GitHubEnterpriseServer");
        if (!PROVIDERS.contains(provider)) {
            throw AwsException.badRequest("ValidationException", "1 validation error detected: Value '" + provider
                    + "' at 'providerType' failed to satisfy constraint: Member must satisfy enum value set: "
                    + new java.util.TreeSet<>(PROVIDERS));
        }
        if (connections.values().stream().anyMatch(c -> c.name().equals(name))) {
            throw AwsException.badRequest("ResourceAlreadyExistsException",
                    "Connection with name " + name + " already exists");
        }
        if (connections.size() >= MAX_CONNECTIONS) {
            throw AwsException.badRequest("LimitExceededException", "Exceeded the maximum number of connections ("
                    + MAX_CONNECTIONS + ")");
        }
        String id = UUID.randomUUID().toString();
        String arn = "arn:aws:" + api.arnService() + ":" + region + ":" + accountId + ":connection/" + id;
        ConnectionRecord connection = new ConnectionRecord(arn, id, name, provider, accountId, "AVAILABLE",
                clock.now(), tags);
        connectionStore.put(id, connection);
        connections.put(id, connection);
        return connection;
    }

    /**
     * A connection by either form of its ARN.
     *
     * @throws AwsException ResourceNotFoundException
     */
    public ConnectionRecord connection(String arn) {
        return find(arn).orElseThrow(() -> notFound(arn));
    }

    private Optional<ConnectionRecord> find(String arn) {
        Matcher matcher = ARN.matcher(arn);
        if (!matcher.matches() || !matcher.group(3).equals(accountId)) {
            return Optional.empty();
        }
        return Optional.ofNullable(connections.get(matcher.group(4)));
    }

    /**
     * The connection a source action names, which must exist and be AVAILABLE.
     *
     * @throws AwsException ResourceNotFoundException, ResourceUnavailableException
     */
    public ConnectionRecord requireAvailable(String arn) {
        ConnectionRecord connection = connection(arn);
        if (!"AVAILABLE".equals(connection.status())) {
            throw AwsException.badRequest("ResourceUnavailableException", "Connection " + arn + " is not available");
        }
        return connection;
    }

    /** Connections, oldest first, filtered as ListConnections filters. */
    public List<ConnectionRecord> connections(Optional<String> providerType) {
        return connections.values().stream()
                .filter(c -> providerType.isEmpty() || providerType.get().equals(c.providerType()))
                .sorted(Comparator.comparing(ConnectionRecord::created).thenComparing(ConnectionRecord::id))
                .toList();
    }

    public synchronized void deleteConnection(String arn) {
        ConnectionRecord connection = connection(arn);
        connectionStore.remove(connection.id());
        connections.remove(connection.id());
    }

    public synchronized void tag(String arn, Map<String, String> tags) {
        ConnectionRecord connection = connection(arn);
        Map<String, String> merged = new LinkedHashMap<>(connection.tags());
        merged.putAll(tags);
        if (merged.size() > 200) {
            throw AwsException.badRequest("LimitExceededException", "Tags cannot exceed 200 tags per resource");
        }
        save(connection.withTags(merged));
    }

    public synchronized void untag(String arn, List<String> keys) {
        ConnectionRecord connection = connection(arn);
        Map<String, String> remaining = new LinkedHashMap<>(connection.tags());
        keys.forEach(remaining::remove);
        save(connection.withTags(remaining));
    }

    private void save(ConnectionRecord connection) {
        connectionStore.put(connection.id(), connection);
        connections.put(connection.id(), connection);
    }

    private static AwsException notFound(String arn) {
        return AwsException.badRequest("ResourceNotFoundException", "Connection " + arn + " does not exist");
    }

    // ================================================================ repositories

    /**
     * Links {@code owner/repo} to a local repository (a path or {@code file://} URL), replacing any
     * earlier link.
     *
     * @throws IllegalArgumentException for a malformed id or location
     */
    public synchronized RepositoryLink linkRepository(String fullRepositoryId, String location) {
        if (!REPOSITORY_ID.matcher(fullRepositoryId).matches() || fullRepositoryId.length() > 200) {
            throw new IllegalArgumentException("A FullRepositoryId looks like owner/repo, got '" + fullRepositoryId
                    + "'");
        }
        String normalized;
        try {
            normalized = LocalRepository.path(location).toString();
        } catch (GitAccessException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        RepositoryLink link = new RepositoryLink(fullRepositoryId, normalized);
        linkStore.put(fullRepositoryId, link);
        links.put(fullRepositoryId, link);
        return link;
    }

    public synchronized void unlinkRepository(String fullRepositoryId) {
        linkStore.remove(fullRepositoryId);
        links.remove(fullRepositoryId);
    }

    /** The local repository linked to {@code owner/repo}, if any. */
    public Optional<RepositoryLink> repository(String fullRepositoryId) {
        return Optional.ofNullable(links.get(fullRepositoryId));
    }

    public List<RepositoryLink> repositories() {
        List<RepositoryLink> all = new ArrayList<>(links.values());
        all.sort(Comparator.comparing(RepositoryLink::fullRepositoryId));
        return all;
    }

    /**
     * The linked repository, opened for reading.
     *
     * @throws GitAccessException when none is linked or its location is unusable
     */
    public LocalRepository open(String fullRepositoryId) throws GitAccessException {
        RepositoryLink link = repository(fullRepositoryId).orElseThrow(() -> new GitAccessException(
                "No local repository is linked to " + fullRepositoryId + ": start the emulator with --repository "
                        + fullRepositoryId + "=PATH or POST it to /_emulator/connections/repositories"));
        return LocalRepository.of(link);
    }
}
