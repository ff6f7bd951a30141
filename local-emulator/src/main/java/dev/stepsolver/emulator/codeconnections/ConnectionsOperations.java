package dev.stepsolver.emulator.codeconnections;

import dev.stepsolver.emulator.codeconnections.ConnectionsBackend.Api;
import dev.stepsolver.emulator.protocol.AwsCall;
import dev.stepsolver.emulator.protocol.AwsException;
import dev.stepsolver.emulator.protocol.OperationTable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import software.amazon.awssdk.services.codeconnections.model.Connection;
import software.amazon.awssdk.services.codeconnections.model.CreateConnectionRequest;
import software.amazon.awssdk.services.codeconnections.model.CreateConnectionResponse;
import software.amazon.awssdk.services.codeconnections.model.DeleteConnectionRequest;
import software.amazon.awssdk.services.codeconnections.model.DeleteConnectionResponse;
import software.amazon.awssdk.services.codeconnections.model.GetConnectionRequest;
import software.amazon.awssdk.services.codeconnections.model.GetConnectionResponse;
import software.amazon.awssdk.services.codeconnections.model.ListConnectionsRequest;
import software.amazon.awssdk.services.codeconnections.model.ListConnectionsResponse;
import software.amazon.awssdk.services.codeconnections.model.ListTagsForResourceRequest;
import software.amazon.awssdk.services.codeconnections.model.ListTagsForResourceResponse;
import software.amazon.awssdk.services.codeconnections.model.Tag;
import software.amazon.awssdk.services.codeconnections.model.TagResourceRequest;
import software.amazon.awssdk.services.codeconnections.model.TagResourceResponse;
import software.amazon.awssdk.services.codeconnections.model.UntagResourceRequest;
import software.amazon.awssdk.services.codeconnections.model.UntagResourceResponse;

/**
 * The connection operations of both APIs. CodeConnections and CodeStar Connections have the same
 * operations and shapes in two SDK packages; each gets its own table over the one backend.
 */
final class ConnectionsOperations {

    private ConnectionsOperations() {
    }

    /** A page of connections: AWS pages with an opaque token; here it is the next index. */
    record Page(List<ConnectionRecord> items, Optional<String> nextToken) {
    }

    static Page page(List<ConnectionRecord> all, Integer maxResults, String nextToken) {
        int size = maxResults == null ? 50 : maxResults;
        if (size < 0 || size > 100) {
            throw AwsException.badRequest("ValidationException", "1 validation error detected: Value '" + size
                    + "' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 100");
        }
        int start = 0;
        if (nextToken != null) {
            try {
                start = Integer.parseInt(nextToken);
            } catch (NumberFormatException e) {
                throw AwsException.badRequest("ValidationException", "Invalid NextToken: " + nextToken);
            }
            if (start < 0 || start > all.size()) {
                throw AwsException.badRequest("ValidationException", "Invalid NextToken: " + nextToken);
            }
        }
        int end = Math.min(all.size(), start + size);
        return new Page(all.subList(start, end), end < all.size() ? Optional.of(Integer.toString(end)) : Optional.empty());
    }

    static <T> Map<String, String> tags(List<T> tags, Function<T, String> key, Function<T, String> value) {
        Map<String, String> map = new LinkedHashMap<>();
        tags.forEach(tag -> map.put(key.apply(tag), value.apply(tag)));
        return map;
    }

    /** {@code CodeConnections_20231201.*}. */
    static OperationTable codeConnections(ConnectionsBackend backend) {
        return OperationTable.builder()
                .add("CreateConnection", CreateConnectionRequest::builder, (CreateConnectionRequest in, AwsCall call) -> {
                    ConnectionRecord created = backend.createConnection(Api.CODECONNECTIONS, in.connectionName(),
                            Optional.ofNullable(in.providerTypeAsString()), Optional.ofNullable(in.hostArn()),
                            tags(in.tags(), Tag::key, Tag::value));
                    return CreateConnectionResponse.builder().connectionArn(created.arn()).tags(in.tags()).build();
                })
                .require("ConnectionName")
                .add("GetConnection", GetConnectionRequest::builder, (GetConnectionRequest in, AwsCall call) ->
                        GetConnectionResponse.builder().connection(model(backend.connection(in.connectionArn())))
                                .build())
                .require("ConnectionArn")
                .add("ListConnections", ListConnectionsRequest::builder, (ListConnectionsRequest in, AwsCall call) -> {
                    Page page = page(backend.connections(Optional.ofNullable(in.providerTypeFilterAsString())),
                            in.maxResults(), in.nextToken());
                    return ListConnectionsResponse.builder()
                            .connections(page.items().stream().map(ConnectionsOperations::model).toList())
                            .nextToken(page.nextToken().orElse(null)).build();
                })
                .add("DeleteConnection", DeleteConnectionRequest::builder, (DeleteConnectionRequest in, AwsCall call) -> {
                    backend.deleteConnection(in.connectionArn());
                    return DeleteConnectionResponse.builder().build();
                })
                .require("ConnectionArn")
                .add("TagResource", TagResourceRequest::builder, (TagResourceRequest in, AwsCall call) -> {
                    backend.tag(in.resourceArn(), tags(in.tags(), Tag::key, Tag::value));
                    return TagResourceResponse.builder().build();
                })
                .require("ResourceArn", "Tags")
                .add("UntagResource", UntagResourceRequest::builder, (UntagResourceRequest in, AwsCall call) -> {
                    backend.untag(in.resourceArn(), in.tagKeys());
                    return UntagResourceResponse.builder().build();
                })
                .require("ResourceArn", "TagKeys")
                .add("ListTagsForResource", ListTagsForResourceRequest::builder,
                        (ListTagsForResourceRequest in, AwsCall call) -> ListTagsForResourceResponse.builder()
                                .tags(backend.connection(in.resourceArn()).tags().entrySet().stream()
                                        .map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList())
                                .build())
                .require("ResourceArn")
                .build();
    }

    private static Connection model(ConnectionRecord connection) {
        return Connection.builder().connectionName(connection.name()).connectionArn(connection.arn())
                .providerType(connection.providerType()).ownerAccountId(connection.ownerAccountId())
                .connectionStatus(connection.status()).build();
    }

    /** {@code CodeStar_connections_20191201.*}: the same operations in the older SDK package. */
    static OperationTable codeStarConnections(ConnectionsBackend backend) {
        return OperationTable.builder()
                .add("CreateConnection",
                        software.amazon.awssdk.services.codestarconnections.model.CreateConnectionRequest::builder,
                        (software.amazon.awssdk.services.codestarconnections.model.CreateConnectionRequest in,
                                AwsCall call) -> {
                            ConnectionRecord created = backend.createConnection(Api.CODESTAR_CONNECTIONS,
                                    in.connectionName(), Optional.ofNullable(in.providerTypeAsString()),
                                    Optional.ofNullable(in.hostArn()), tags(in.tags(),
                                            software.amazon.awssdk.services.codestarconnections.model.Tag::key,
                                            software.amazon.awssdk.services.codestarconnections.model.Tag::value));
                            return software.amazon.awssdk.services.codestarconnections.model.CreateConnectionResponse
                                    .builder().connectionArn(created.arn()).tags(in.tags()).build();
                        })
                .require("ConnectionName")
                .add("GetConnection",
                        software.amazon.awssdk.services.codestarconnections.model.GetConnectionRequest::builder,
                        (software.amazon.awssdk.services.codestarconnections.model.GetConnectionRequest in,
                                AwsCall call) -> software.amazon.awssdk.services.codestarconnections.model
                                        .GetConnectionResponse.builder()
                                        .connection(codeStarModel(backend.connection(in.connectionArn()))).build())
                .require("ConnectionArn")
                .add("ListConnections",
                        software.amazon.awssdk.services.codestarconnections.model.ListConnectionsRequest::builder,
                        (software.amazon.awssdk.services.codestarconnections.model.ListConnectionsRequest in,
                                AwsCall call) -> {
                            Page page = page(backend.connections(Optional.ofNullable(in.providerTypeFilterAsString())),
                                    in.maxResults(), in.nextToken());
                            return software.amazon.awssdk.services.codestarconnections.model.ListConnectionsResponse
                                    .builder()
                                    .connections(page.items().stream().map(ConnectionsOperations::codeStarModel).toList())
                                    .nextToken(page.nextToken().orElse(null)).build();
                        })
                .add("DeleteConnection",
                        software.amazon.awssdk.services.codestarconnections.model.DeleteConnectionRequest::builder,
                        (software.amazon.awssdk.services.codestarconnections.model.DeleteConnectionRequest in,
                                AwsCall call) -> {
                            backend.deleteConnection(in.connectionArn());
                            return software.amazon.awssdk.services.codestarconnections.model.DeleteConnectionResponse
                                    .builder().build();
                        })
                .require("ConnectionArn")
                .add("ListTagsForResource",
                        software.amazon.awssdk.services.codestarconnections.model.ListTagsForResourceRequest::builder,
                        (software.amazon.awssdk.services.codestarconnections.model.ListTagsForResourceRequest in,
                                AwsCall call) -> software.amazon.awssdk.services.codestarconnections.model
                                        .ListTagsForResourceResponse.builder()
                                        .tags(backend.connection(in.resourceArn()).tags().entrySet().stream()
                                                .map(e -> software.amazon.awssdk.services.codestarconnections.model.Tag
                                                        .builder().key(e.getKey()).value(e.getValue()).build())
                                                .toList())
                                        .build())
                .require("ResourceArn")
                .build();
    }

    private static software.amazon.awssdk.services.codestarconnections.model.Connection codeStarModel(
            ConnectionRecord connection) {
        return software.amazon.awssdk.services.codestarconnections.model.Connection.builder()
                .connectionName(connection.name()).connectionArn(connection.arn())
                .providerType(connection.providerType()).ownerAccountId(connection.ownerAccountId())
                .connectionStatus(connection.status()).build();
    }
}
