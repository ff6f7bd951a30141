package dev.stepsolver.emulator.apigateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Resource matching as API Gateway does it, on a hand-built resource tree. */
class RouteTableTest {

    private final Map<String, ResourceRecord> resources = new HashMap<>();

    private void resource(String id, String parentId, String pathPart, String path, String... methods) {
        Map<String, MethodRecord> byMethod = new HashMap<>();
        for (String method : methods) {
            byMethod.put(method, new MethodRecord(method, "NONE", false, null, null, Map.of(), Map.of(), Map.of(),
                    null));
        }
        resources.put(id, new ResourceRecord(id, parentId, pathPart, path, byMethod));
    }

    private Optional<RouteTable.Match> match(String method, String path) {
        return RouteTable.of(resources).match(method, path);
    }

    private String resourceOf(String method, String path) {
        return match(method, path).map(m -> m.resource().path()).orElse("none");
    }

    @Test
    void theRootMatchesTheEmptyPathAndASlash() {
        resource("r", null, null, "/", "GET");

        assertThat(resourceOf("GET", "/")).isEqualTo("/");
        assertThat(resourceOf("GET", "")).isEqualTo("/");
    }

    @Test
    void aLiteralPartWinsOverAVariableAndAVariableOverAGreedyPart() {
        resource("r", null, null, "/");
        resource("u", "r", "users", "/users");
        resource("me", "u", "me", "/users/me", "GET");
        resource("id", "u", "{id}", "/users/{id}", "GET");
        resource("p", "r", "{proxy+}", "/{proxy+}", "ANY");

        assertThat(resourceOf("GET", "/users/me")).isEqualTo("/users/me");
        assertThat(resourceOf("GET", "/users/42")).isEqualTo("/users/{id}");
        assertThat(resourceOf("GET", "/users/42/orders")).isEqualTo("/{proxy+}");
    }

    @Test
    void aVariableCapturesItsDecodedSegment() {
        resource("r", null, null, "/");
        resource("id", "r", "{name}", "/{name}", "GET");

        assertThat(match("GET", "/a%20b").orElseThrow().pathParameters()).isEqualTo(Map.of("name", "a b"));
    }

    @Test
    void aGreedyPartTakesOneOrMoreSegmentsButNotNone() {
        resource("r", null, null, "/");
        resource("p", "r", "{proxy+}", "/{proxy+}", "ANY");

        assertThat(match("DELETE", "/a/b/c").orElseThrow().pathParameters()).isEqualTo(Map.of("proxy", "a/b/c"));
        assertThat(match("GET", "/")).isEmpty();
    }

    @Test
    void theRequestsOwnMethodWinsOverAny() {
        resource("r", null, null, "/", "ANY", "POST");

        assertThat(match("POST", "/").orElseThrow().method().httpMethod()).isEqualTo("POST");
        assertThat(match("GET", "/").orElseThrow().method().httpMethod()).isEqualTo("ANY");
    }

    @Test
    void aResourceWithoutTheMethodFallsBackToALessSpecificOne() {
        resource("r", null, null, "/");
        resource("a", "r", "a", "/a", "GET");
        resource("p", "r", "{proxy+}", "/{proxy+}", "ANY");

        assertThat(resourceOf("POST", "/a")).isEqualTo("/{proxy+}");
    }

    @Test
    void aPathWithNoResourceOrMethodMatchesNothing() {
        resource("r", null, null, "/", "GET");
        resource("a", "r", "a", "/a", "GET");

        assertThat(match("GET", "/b")).isEmpty();
        assertThat(match("PUT", "/a")).isEmpty();
        assertThat(match("GET", "/a/b")).isEmpty();
    }

    @Test
    void aTrailingSlashIsIgnored() {
        resource("r", null, null, "/");
        resource("a", "r", "a", "/a", "GET");

        assertThat(resourceOf("GET", "/a/")).isEqualTo("/a");
    }

    @Test
    void aPathOfManySegmentsIsRefusedWithoutWalkingIt() {
        resource("r", null, null, "/");
        resource("p", "r", "{proxy+}", "/{proxy+}", "ANY");

        assertThat(match("GET", "/x".repeat(1000))).isEmpty();
        assertThat(match("GET", String.join("/", List.of("", "a", "b")))).isPresent();
    }
}
