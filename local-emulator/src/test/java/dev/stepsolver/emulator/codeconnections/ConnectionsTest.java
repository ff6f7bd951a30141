package dev.stepsolver.emulator.codeconnections;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stepsolver.emulator.Clients;
import dev.stepsolver.emulator.LocalEmulator;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.services.codeconnections.CodeConnectionsClient;
import software.amazon.awssdk.services.codeconnections.model.Connection;
import software.amazon.awssdk.services.codeconnections.model.ConnectionStatus;
import software.amazon.awssdk.services.codeconnections.model.ResourceNotFoundException;
import software.amazon.awssdk.services.codestarconnections.CodeStarConnectionsClient;

/** Connections through both SDK clients, and the local repositories they reach. */
class ConnectionsTest {

    private static LocalEmulator emulator;
    private static CodeConnectionsClient connections;
    private static CodeStarConnectionsClient codeStar;

    @TempDir
    static Path temp;

    @BeforeAll
    static void start() {
        emulator = LocalEmulator.builder().port(0).repository("acme/configured", temp.resolve("configured").toString())
                .build().start();
        connections = Clients.configure(CodeConnectionsClient.builder(), emulator.endpoint(), "test", "test")
                .httpClientBuilder(ApacheHttpClient.builder()).build();
        codeStar = Clients.configure(CodeStarConnectionsClient.builder(), emulator.endpoint(), "test", "test")
                .httpClientBuilder(ApacheHttpClient.builder()).build();
    }

    @AfterAll
    static void stop() {
        connections.close();
        codeStar.close();
        emulator.close();
    }

    @Test
    void aCreatedConnectionIsAvailableAtOnce() {
        String arn = connections.createConnection(r -> r.connectionName("gh-available").providerType("GitHub"))
                .connectionArn();

        Connection connection = connections.getConnection(r -> r.connectionArn(arn)).connection();

        assertThat(arn).matches("arn:aws:codeconnections:us-east-1:000000000000:connection/[0-9a-f-]{36}");
        assertThat(connection.connectionStatus()).isEqualTo(ConnectionStatus.AVAILABLE);
        assertThat(connection.connectionName()).isEqualTo("gh-available");
        assertThat(connection.providerTypeAsString()).isEqualTo("GitHub");
        assertThat(connection.ownerAccountId()).isEqualTo("000000000000");
    }

    @Test
    void theCodeStarApiMakesCodeStarArnsThatBothApisRead() {
        String arn = codeStar.createConnection(r -> r.connectionName("gh-codestar").providerType("GitHub"))
                .connectionArn();

        assertThat(arn).startsWith("arn:aws:codestar-connections:us-east-1:000000000000:connection/");
        assertThat(connections.getConnection(r -> r.connectionArn(arn)).connection().connectionName())
                .isEqualTo("gh-codestar");
        assertThat(codeStar.getConnection(r -> r.connectionArn(arn)).connection().connectionStatusAsString())
                .isEqualTo("AVAILABLE");
    }

    @Test
    void listConnectionsFiltersByProviderAndPages() {
        connections.createConnection(r -> r.connectionName("bb-1").providerType("Bitbucket"));
        connections.createConnection(r -> r.connectionName("bb-2").providerType("Bitbucket"));

        var first = connections.listConnections(r -> r.providerTypeFilter("Bitbucket").maxResults(1));
        var second = connections.listConnections(r -> r.providerTypeFilter("Bitbucket").maxResults(1)
                .nextToken(first.nextToken()));

        assertThat(first.connections()).extracting(Connection::connectionName).containsExactly("bb-1");
        assertThat(second.connections()).extracting(Connection::connectionName).containsExactly("bb-2");
        assertThat(second.nextToken()).isNull();
    }

    @Test
    void aDeletedConnectionIsNotFound() {
        String arn = connections.createConnection(r -> r.connectionName("gone").providerType("GitHub"))
                .connectionArn();

        connections.deleteConnection(r -> r.connectionArn(arn));

        assertThatThrownBy(() -> connections.getConnection(r -> r.connectionArn(arn)))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void tagsAreKeptPerConnection() {
        String arn = connections.createConnection(r -> r.connectionName("tagged").providerType("GitHub")
                .tags(t -> t.key("team").value("core"))).connectionArn();

        connections.tagResource(r -> r.resourceArn(arn).tags(t -> t.key("env").value("dev")));
        connections.untagResource(r -> r.resourceArn(arn).tagKeys("team"));

        assertThat(connections.listTagsForResource(r -> r.resourceArn(arn)).tags())
                .extracting(t -> t.key() + "=" + t.value()).containsExactly("env=dev");
    }

    @Test
    void aRepositoryFromTheConfigurationIsLinked() {
        assertThat(emulator.context().backend(ConnectionsBackend.class).repository("acme/configured"))
                .hasValueSatisfying(link -> assertThat(link.location()).isEqualTo(
                        temp.resolve("configured").toAbsolutePath().toString()));
    }

    @Test
    void aRepositoryCanBeLinkedAfterStartThroughTheEmulatorRoute() throws Exception {
        try (GitFixture git = GitFixture.init(temp.resolve("linked"))) {
            git.commit("one", Map.of("a.txt", "a"));
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> linked = http.send(HttpRequest.newBuilder(URI.create(emulator.endpoint()
                    + "/_emulator/connections/repositories")).POST(HttpRequest.BodyPublishers.ofString(
                    "{\"fullRepositoryId\":\"acme/linked\",\"location\":\"" + git.directory().toUri() + "\"}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> listed = http.send(HttpRequest.newBuilder(URI.create(emulator.endpoint()
                    + "/_emulator/connections/repositories")).GET().build(), HttpResponse.BodyHandlers.ofString());

            assertThat(linked.statusCode()).isEqualTo(200);
            assertThat(listed.body()).contains("acme/linked").contains(git.directory().toString());
            assertThat(emulator.context().backend(ConnectionsBackend.class).open("acme/linked").branchHead("main"))
                    .hasValueSatisfying(head -> assertThat(head.message()).isEqualTo("one"));
        }
    }

    @Test
    void aMalformedRepositoryLinkIsRefused() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                emulator.endpoint() + "/_emulator/connections/repositories")).POST(HttpRequest.BodyPublishers
                .ofString("{\"fullRepositoryId\":\"no-slash\",\"location\":\"/tmp\"}")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("owner/repo");
    }
}
