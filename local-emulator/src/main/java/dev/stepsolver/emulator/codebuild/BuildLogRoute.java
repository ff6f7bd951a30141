package dev.stepsolver.emulator.codebuild;

import dev.stepsolver.emulator.http.DataPlaneRoute;
import dev.stepsolver.emulator.protocol.AwsException;
import dev.stepsolver.emulator.protocol.EdgeRequest;
import dev.stepsolver.emulator.protocol.EdgeResponse;
import dev.stepsolver.emulator.protocol.RequestHead;

/**
 * {@code GET /_emulator/codebuild/logs/{buildId}[?offset=N]}: a build's log as plain text, from byte
 * {@code offset}, while it runs or after (the {@code logs.deepLink} of BatchGetBuilds). The headers
 * {@code X-Log-Next-Offset} and {@code X-Build-Complete} let a client follow it.
 */
final class BuildLogRoute {

    private BuildLogRoute() {
    }

    static DataPlaneRoute of(CodeBuildBackend backend) {
        return DataPlaneRoute.buffered(BuildLogRoute::matches, request -> serve(backend, request));
    }

    private static boolean matches(RequestHead head) {
        return "GET".equals(head.method()) && head.rawPath().startsWith(CodeBuildOperations.LOGS_PATH);
    }

    private static EdgeResponse serve(CodeBuildBackend backend, EdgeRequest request) {
        String id = RequestHead.percentDecode(request.rawPath().substring(CodeBuildOperations.LOGS_PATH.length()));
        long offset;
        try {
            offset = Long.parseLong(request.queryParameter("offset").orElse("0"));
        } catch (NumberFormatException e) {
            return text(400, "offset must be a number of bytes\n");
        }
        if (offset < 0) {
            return text(400, "offset must not be negative\n");
        }
        LogChunk chunk;
        try {
            chunk = backend.readLog(id, offset);
        } catch (AwsException e) {
            return text(404, e.getMessage() + "\n");
        }
        return EdgeResponse.status(200)
                .header("X-Log-Next-Offset", Long.toString(chunk.nextOffset()))
                .header("X-Build-Complete", Boolean.toString(chunk.complete()))
                .header("Cache-Control", "no-store")
                .body(chunk.text(), "text/plain; charset=utf-8")
                .build();
    }

    private static EdgeResponse text(int status, String body) {
        return EdgeResponse.status(status).body(body, "text/plain; charset=utf-8").build();
    }
}
