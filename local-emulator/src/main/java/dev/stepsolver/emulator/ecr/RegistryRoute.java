package dev.stepsolver.emulator.ecr;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepsolver.emulator.http.DataPlaneRoute;
import dev.stepsolver.emulator.http.JettyExchange;
import dev.stepsolver.emulator.protocol.EdgeResponse;
import dev.stepsolver.emulator.protocol.Mappers;
import dev.stepsolver.emulator.protocol.RequestHead;
import dev.stepsolver.emulator.state.BlobStore;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The OCI Distribution v2 API on the emulator's port ({@code /v2/...}), over {@link EcrBackend}:
 * Basic authentication with ECR passwords, blobs (HEAD, GET, monolithic, chunked and mounted
 * uploads), manifests by tag and digest, tag lists. Bodies stream; nothing is buffered whole but
 * manifests.
 */
final class RegistryRoute implements DataPlaneRoute {

    private static final Logger LOG = LoggerFactory.getLogger(RegistryRoute.class);

    private static final Pattern UPLOADS = Pattern.compile("/v2/(.+)/blobs/uploads/?");
    private static final Pattern UPLOAD = Pattern.compile("/v2/(.+)/blobs/uploads/([A-Za-z0-9-]+)");
    private static final Pattern BLOB = Pattern.compile("/v2/(.+)/blobs/([^/]+)");
    private static final Pattern MANIFEST = Pattern.compile("/v2/(.+)/manifests/([^/]+)");
    private static final Pattern TAGS = Pattern.compile("/v2/(.+)/tags/list");
    private static final Pattern RANGE_START = Pattern.compile("(?:bytes[ =])?(\\d+)-\\d+(?:/\\d+)?");

    private final EcrBackend backend;

    RegistryRoute(EcrBackend backend) {
        this.backend = backend;
    }

    @Override
    public boolean matches(RequestHead head) {
        return head.rawPath().equals("/v2") || head.rawPath().startsWith("/v2/");
    }

    @Override
    public void handle(Request request, Response response, Callback callback) {
        RequestHead head = JettyExchange.head(request);
        EdgeResponse answer;
        try {
            answer = route(head, request);
        } catch (RegistryError e) {
            answer = error(e.code(), e.getMessage(), e.status());
        } catch (IOException e) {
            LOG.warn("Registry request {} {} failed", head.method(), head.rawPath(), e);
            answer = error("UNKNOWN", "the request could not be read: " + e.getMessage(), 400);
        } catch (RuntimeException e) {
            LOG.error("Registry request {} {} failed unexpectedly", head.method(), head.rawPath(), e);
            answer = error("UNKNOWN", "internal error", 500);
        }
        JettyExchange.write(answer, request, response, callback);
    }

    private EdgeResponse route(RequestHead head, Request request) throws IOException {
        if (!backend.authorized(head.header("Authorization"))) {
            return EdgeResponse.status(401)
                    .header("Docker-Distribution-API-Version", "registry/2.0")
                    .header("WWW-Authenticate", "Basic realm=\"http://" + backend.registryHost()
                            + "/\",service=\"ecr.amazonaws.com\"")
                    .body(errorBody("UNAUTHORIZED", "authentication required"), "application/json")
                    .build();
        }
        String path = head.path();
        String method = head.method();
        if (path.equals("/v2") || path.equals("/v2/")) {
            return ok(200).body("{}", "application/json").build();
        }
        if (path.equals("/v2/_catalog") && method.equals("GET")) {
            ObjectNode catalog = Mappers.JSON.createObjectNode();
            ArrayNode names = catalog.putArray("repositories");
            backend.repositoryNames().forEach(names::add);
            return json(catalog);
        }
        Matcher m;
        if ((m = UPLOADS.matcher(path)).matches()) {
            return method.equals("POST") ? startUpload(m.group(1), head, request) : notAllowed(method);
        }
        if ((m = UPLOAD.matcher(path)).matches()) {
            return upload(m.group(1), m.group(2), head, request);
        }
        if ((m = BLOB.matcher(path)).matches()) {
            return blob(m.group(1), m.group(2), method);
        }
        if ((m = MANIFEST.matcher(path)).matches()) {
            return manifest(m.group(1), m.group(2), head, request);
        }
        if ((m = TAGS.matcher(path)).matches() && method.equals("GET")) {
            ObjectNode list = Mappers.JSON.createObjectNode();
            list.put("name", m.group(1));
            ArrayNode tags = list.putArray("tags");
            backend.tags(m.group(1)).forEach(tags::add);
            return json(list);
        }
        return error("NAME_UNKNOWN", "no registry resource at " + path, 404);
    }

    private EdgeResponse startUpload(String repository, RequestHead head, Request request) throws IOException {
        Optional<String> mount = head.queryParameter("mount");
        if (mount.isPresent()) {
            backend.requireRepository(repository);
            Optional<Digest> digest = Digest.parse(mount.get());
            if (digest.isPresent() && backend.blob(digest.get()).isPresent()) {
                // blobs are shared by every repository: mounting one that exists is instant
                return created(repository, digest.get());
            }
        }
        EcrBackend.UploadState state = backend.startUpload(repository);
        Optional<String> digest = head.queryParameter("digest");
        if (digest.isPresent() && mount.isEmpty()) {
            try (InputStream body = Content.Source.asInputStream(request)) {
                return created(repository, backend.completeUpload(repository, state.id(), body, digest.get()));
            }
        }
        return accepted(repository, state);
    }

    private EdgeResponse upload(String repository, String id, RequestHead head, Request request) throws IOException {
        switch (head.method()) {
            case "GET" -> {
                EcrBackend.UploadState state = backend.uploadState(repository, id);
                return ok(204).header("Location", uploadLocation(repository, id))
                        .header("Range", range(state.offset())).header("Docker-Upload-UUID", id).build();
            }
            case "PATCH" -> {
                Optional<Long> start = head.header("Content-Range").flatMap(RegistryRoute::rangeStart);
                try (InputStream body = Content.Source.asInputStream(request)) {
                    return accepted(repository, backend.appendUpload(repository, id, body, start));
                }
            }
            case "PUT" -> {
                String digest = head.queryParameter("digest").orElseThrow(() -> RegistryError.digestInvalid(
                        "the digest query parameter is required to complete an upload"));
                try (InputStream body = Content.Source.asInputStream(request)) {
                    return created(repository, backend.completeUpload(repository, id, body, digest));
                }
            }
            case "DELETE" -> {
                backend.cancelUpload(repository, id);
                return ok(204).build();
            }
            default -> {
                return notAllowed(head.method());
            }
        }
    }

    private EdgeResponse blob(String repository, String reference, String method) {
        backend.requireRepository(repository);
        Digest digest = Digest.parse(reference).orElseThrow(() -> RegistryError.digestInvalid("invalid digest: "
                + reference));
        if (!method.equals("GET") && !method.equals("HEAD")) {
            return notAllowed(method);
        }
        BlobStore.Blob content = backend.blobContent(digest).orElseThrow(() -> RegistryError.blobUnknown(reference));
        EdgeResponse.Builder response = ok(200).header("Docker-Content-Digest", digest.toString())
                .header("Content-Type", "application/octet-stream")
                .header("ETag", "\"" + digest + "\"");
        return switch (content) {
            case BlobStore.Blob.OnDisk disk -> response.body(new EdgeResponse.FileRange(disk.file(), 0, disk.length()))
                    .build();
            case BlobStore.Blob.InMemory memory -> response.body(memory.bytes(), "application/octet-stream").build();
        };
    }

    private EdgeResponse manifest(String repository, String reference, RequestHead head, Request request)
            throws IOException {
        switch (head.method()) {
            case "GET", "HEAD" -> {
                ImageRecord image = backend.manifest(repository, reference);
                return ok(200).header("Docker-Content-Digest", image.digest())
                        .header("ETag", "\"" + image.digest() + "\"")
                        .body(image.manifest(), image.manifestMediaType()).build();
            }
            case "PUT" -> {
                byte[] bytes;
                try (InputStream body = Content.Source.asInputStream(request)) {
                    bytes = body.readNBytes(EcrBackend.MAX_MANIFEST_BYTES + 1);
                }
                Digest digest = backend.putManifest(repository, reference, bytes, head.header("Content-Type"));
                return ok(201).header("Location", absolute("/v2/" + repository + "/manifests/" + digest))
                        .header("Docker-Content-Digest", digest.toString()).build();
            }
            case "DELETE" -> {
                backend.deleteManifest(repository, reference);
                return ok(202).build();
            }
            default -> {
                return notAllowed(head.method());
            }
        }
    }

    private static Optional<Long> rangeStart(String header) {
        Matcher m = RANGE_START.matcher(header.trim());
        return m.matches() ? Optional.of(Long.parseLong(m.group(1))) : Optional.empty();
    }

    private EdgeResponse created(String repository, Digest digest) {
        return ok(201).header("Location", absolute("/v2/" + repository + "/blobs/" + digest))
                .header("Docker-Content-Digest", digest.toString()).build();
    }

    private EdgeResponse accepted(String repository, EcrBackend.UploadState state) {
        return ok(202).header("Location", uploadLocation(repository, state.id()))
                .header("Range", range(state.offset()))
                .header("Docker-Upload-UUID", state.id()).build();
    }

    private String uploadLocation(String repository, String id) {
        return absolute("/v2/" + repository + "/blobs/uploads/" + id);
    }

    private String absolute(String path) {
        return "http://" + backend.registryHost() + path;
    }

    /** The spec's inclusive range of bytes received; an empty upload reports {@code 0-0}. */
    private static String range(long offset) {
        return "0-" + Math.max(0, offset - 1);
    }

    private static EdgeResponse.Builder ok(int status) {
        return EdgeResponse.status(status).header("Docker-Distribution-API-Version", "registry/2.0");
    }

    private static EdgeResponse json(ObjectNode node) {
        try {
            return ok(200).body(Mappers.JSON.writeValueAsBytes(node), "application/json").build();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static EdgeResponse notAllowed(String method) {
        return error("UNSUPPORTED", "The operation is unsupported: " + method, 405);
    }

    static EdgeResponse error(String code, String message, int status) {
        return ok(status).body(errorBody(code, message), "application/json").build();
    }

    private static byte[] errorBody(String code, String message) {
        ObjectNode root = Mappers.JSON.createObjectNode();
        ObjectNode error = root.putArray("errors").addObject();
        error.put("code", code);
        error.put("message", message);
        error.putObject("detail");
        try {
            return Mappers.JSON.writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
