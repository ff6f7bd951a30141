package dev.stepsolver.emulator.s3;

import dev.stepsolver.emulator.auth.SigV4;
import dev.stepsolver.emulator.protocol.AwsCall;
import dev.stepsolver.emulator.protocol.AwsException;
import dev.stepsolver.emulator.protocol.AwsServiceEndpoint;
import dev.stepsolver.emulator.protocol.EdgeRequest;
import dev.stepsolver.emulator.protocol.EdgeResponse;
import dev.stepsolver.emulator.protocol.ErrorRenderer;
import dev.stepsolver.emulator.protocol.ModelWriter;
import dev.stepsolver.emulator.protocol.RequestHead;
import dev.stepsolver.emulator.protocol.RequestIds;
import dev.stepsolver.emulator.protocol.WireProtocol;
import dev.stepsolver.emulator.protocol.XmlDocument;
import dev.stepsolver.emulator.state.BlobStore;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * S3's REST-XML wire adapter, path-style ({@code /bucket/key}) and {@code bucket.localhost}
 * virtual-host style. S3's few XML documents are written by hand here rather than bound to models.
 */
public final class S3Endpoint implements AwsServiceEndpoint {

    static final String NAMESPACE = "http://s3.amazonaws.com/doc/2006-03-01/";
    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);
    /** Representation headers stored with an object and returned on GET/HEAD. */
    private static final List<String> STORED_HEADERS = List.of("Content-Encoding", "Content-Disposition",
            "Content-Language", "Cache-Control", "Expires");
    private static final Set<String> BUCKET_SUBRESOURCES_NOT_SERVED = Set.of("acl", "policy", "versioning", "tagging",
            "cors", "lifecycle", "notification", "website", "encryption", "logging", "replication", "uploads",
            "versions", "object-lock", "ownershipControls", "publicAccessBlock", "accelerate", "requestPayment",
            "analytics", "inventory", "metrics", "intelligent-tiering", "policyStatus", "delete");
    private static final Set<String> OBJECT_SUBRESOURCES_NOT_SERVED = Set.of("acl", "tagging", "uploads", "uploadId",
            "retention", "legal-hold", "torrent", "attributes", "restore", "select");

    private final S3Backend backend;

    public S3Endpoint(S3Backend backend) {
        this.backend = backend;
    }

    @Override
    public String signingName() {
        return "s3";
    }

    @Override
    public WireProtocol protocolOf(RequestHead head) {
        return WireProtocol.REST_XML;
    }

    @Override
    public String newRequestId() {
        return RequestIds.newS3RequestId();
    }

    @Override
    public EdgeResponse renderError(RequestHead head, AwsException error, String requestId) {
        return ErrorRenderer.restXml(error, requestId, RequestIds.newS3ExtendedId(), "HEAD".equals(head.method()));
    }

    /** Bucket and key of a request, from a virtual host name or the path. */
    private record Target(Optional<String> bucket, Optional<String> key) {
    }

    private static Target target(RequestHead head) {
        Optional<String> virtualBucket = head.hostName().flatMap(S3Endpoint::bucketFromHost);
        String raw = head.rawPath().isEmpty() ? "/" : head.rawPath();
        String path = raw.substring(1);
        if (virtualBucket.isPresent()) {
            return new Target(virtualBucket, path.isEmpty() ? Optional.empty() : Optional.of(RequestHead.percentDecode(path)));
        }
        if (path.isEmpty()) {
            return new Target(Optional.empty(), Optional.empty());
        }
        int slash = path.indexOf('/');
        if (slash < 0 || slash == path.length() - 1) {
            String bucket = slash < 0 ? path : path.substring(0, slash);
            return new Target(Optional.of(RequestHead.percentDecode(bucket)), Optional.empty());
        }
        return new Target(Optional.of(RequestHead.percentDecode(path.substring(0, slash))),
                Optional.of(RequestHead.percentDecode(path.substring(slash + 1))));
    }

    /** {@code bucket.localhost} or {@code bucket.s3.<anything>.localhost}-style hosts. */
    private static Optional<String> bucketFromHost(String host) {
        String lower = host.toLowerCase(Locale.ROOT);
        if (!lower.endsWith(".localhost")) {
            return Optional.empty();
        }
        int s3 = lower.indexOf(".s3.");
        String bucket = s3 > 0 ? lower.substring(0, s3) : lower.substring(0, lower.length() - ".localhost".length());
        return bucket.isEmpty() || bucket.equals("s3") ? Optional.empty() : Optional.of(bucket);
    }

    @Override
    public EdgeResponse handle(AwsCall call) {
        EdgeRequest request = call.request();
        Target target = target(request.head());
        Map<String, List<String>> query = request.queryParameters();
        String method = request.method();
        if (target.bucket().isEmpty()) {
            if ("GET".equals(method)) {
                return listBuckets(call);
            }
            throw methodNotAllowed(method);
        }
        String bucket = target.bucket().get();
        if (target.key().isEmpty()) {
            rejectSubresources(query, BUCKET_SUBRESOURCES_NOT_SERVED);
            return switch (method) {
                case "PUT" -> createBucket(bucket, request, call);
                case "HEAD" -> headBucket(bucket, call);
                case "DELETE" -> {
                    backend.deleteBucket(bucket);
                    yield ok(204, call).build();
                }
                case "GET" -> {
                    if (query.containsKey("location")) {
                        yield getBucketLocation(bucket, call);
                    }
                    if (query.containsKey("list-type") && !"2".equals(first(query, "list-type").orElse(""))) {
                        throw AwsException.badRequest("InvalidArgument", "Invalid List Type specified");
                    }
                    yield listObjects(bucket, query, call, query.containsKey("list-type"));
                }
                default -> throw methodNotAllowed(method);
            };
        }
        String key = target.key().get();
        rejectSubresources(query, OBJECT_SUBRESOURCES_NOT_SERVED);
        return switch (method) {
            case "PUT" -> {
                if (request.header("x-amz-copy-source").isPresent()) {
                    throw new AwsException("NotImplemented",
                            "A header you provided implies functionality that is not implemented", 501)
                            .withDetail("Header", "x-amz-copy-source");
                }
                yield putObject(bucket, key, request, call);
            }
            case "GET" -> getObject(bucket, key, request, call, false);
            case "HEAD" -> getObject(bucket, key, request, call, true);
            case "DELETE" -> {
                backend.deleteObject(bucket, key);
                yield ok(204, call).build();
            }
            default -> throw methodNotAllowed(method);
        };
    }

    // ------------------------------------------------------------- buckets

    private EdgeResponse listBuckets(AwsCall call) {
        XmlDocument xml = XmlDocument.create().startRoot("ListAllMyBucketsResult", NAMESPACE);
        xml.start("Owner").element("ID", ownerId(call)).element("DisplayName", "emulator").end();
        xml.start("Buckets");
        for (Bucket bucket : backend.listBuckets()) {
            xml.start("Bucket").element("Name", bucket.name())
                    .element("CreationDate", ModelWriter.ISO_MILLIS.format(bucket.creationDate()))
                    .element("BucketRegion", bucket.region()).end();
        }
        xml.end().end();
        return ok(200, call).body(xml.toBytes(), "application/xml").build();
    }

    private EdgeResponse createBucket(String name, EdgeRequest request, AwsCall call) {
        String region = locationConstraint(request.body()).orElse("us-east-1");
        backend.createBucket(name, region);
        return ok(200, call).header("Location", "/" + name).build();
    }

    private EdgeResponse headBucket(String name, AwsCall call) {
        Bucket bucket = backend.bucket(name);
        return ok(200, call).header("x-amz-bucket-region", bucket.region())
                .header("x-amz-bucket-location-type", "AvailabilityZone").build();
    }

    private EdgeResponse getBucketLocation(String name, AwsCall call) {
        Bucket bucket = backend.bucket(name);
        XmlDocument xml = XmlDocument.create().startRoot("LocationConstraint", NAMESPACE);
        // us-east-1 is reported as an empty constraint, as AWS does
        if (!"us-east-1".equals(bucket.region())) {
            xml.text(bucket.region());
        }
        xml.end();
        return ok(200, call).body(xml.toBytes(), "application/xml").build();
    }

    private EdgeResponse listObjects(String bucket, Map<String, List<String>> query, AwsCall call, boolean v2) {
        String prefix = first(query, "prefix").orElse("");
        Optional<String> delimiter = first(query, "delimiter").filter(d -> !d.isEmpty());
        int maxKeys = first(query, "max-keys").map(S3Endpoint::parseMaxKeys).orElse(1000);
        boolean urlEncoding = first(query, "encoding-type").filter("url"::equals).isPresent();
        Optional<String> continuation = v2 ? first(query, "continuation-token") : Optional.empty();
        Optional<String> startAfter = v2 ? first(query, "start-after") : first(query, "marker");
        S3Backend.Listing listing = backend.listObjectsV2(bucket, prefix, delimiter, continuation,
                startAfter, Math.min(maxKeys, 1000));

        XmlDocument xml = XmlDocument.create().startRoot("ListBucketResult", NAMESPACE);
        xml.element("Name", bucket).element("Prefix", encode(prefix, urlEncoding));
        if (v2) {
            continuation.ifPresent(token -> xml.element("ContinuationToken", token));
            startAfter.ifPresent(after -> xml.element("StartAfter", encode(after, urlEncoding)));
            xml.element("KeyCount", Integer.toString(listing.contents().size() + listing.commonPrefixes().size()));
        } else {
            xml.element("Marker", encode(startAfter.orElse(""), urlEncoding));
        }
        xml.element("MaxKeys", Integer.toString(maxKeys));
        delimiter.ifPresent(d -> xml.element("Delimiter", encode(d, urlEncoding)));
        xml.element("IsTruncated", Boolean.toString(listing.truncated()));
        if (v2) {
            listing.nextContinuationToken().ifPresent(token -> xml.element("NextContinuationToken", token));
        } else if (listing.truncated()) {
            String last = listing.contents().isEmpty() ? listing.commonPrefixes().getLast()
                    : listing.contents().getLast().key();
            xml.element("NextMarker", encode(last, urlEncoding));
        }
        if (urlEncoding) {
            xml.element("EncodingType", "url");
        }
        for (S3Object object : listing.contents()) {
            xml.start("Contents").element("Key", encode(object.key(), urlEncoding))
                    .element("LastModified", ModelWriter.ISO_MILLIS.format(object.lastModified()))
                    .element("ETag", object.etag())
                    .element("Size", Long.toString(object.size()))
                    .element("StorageClass", "STANDARD");
            if (!v2) {
                xml.start("Owner").element("ID", ownerId(call)).element("DisplayName", "emulator").end();
            }
            xml.end();
        }
        for (String commonPrefix : listing.commonPrefixes()) {
            xml.start("CommonPrefixes").element("Prefix", encode(commonPrefix, urlEncoding)).end();
        }
        xml.end();
        return ok(200, call).body(xml.toBytes(), "application/xml").build();
    }

    // ------------------------------------------------------------- objects

    private EdgeResponse putObject(String bucket, String key, EdgeRequest request, AwsCall call) {
        byte[] data = request.body();
        Checksums.verifyContentMd5(request.header("Content-MD5"), data);
        Map<String, String> headerValues = new LinkedHashMap<>();
        request.headers().asMap().forEach((name, values) -> headerValues.put(name, values.get(0)));
        Map<String, String> checksums = Checksums.verify(headerValues, data);
        Map<String, String> userMetadata = new LinkedHashMap<>();
        headerValues.forEach((name, value) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.startsWith("x-amz-meta-")) {
                userMetadata.put(lower.substring("x-amz-meta-".length()), value);
            }
        });
        Map<String, String> stored = new LinkedHashMap<>();
        for (String name : STORED_HEADERS) {
            request.header(name).filter(value -> !value.isBlank()).ifPresent(value -> stored.put(name, value));
        }
        String contentType = request.header("Content-Type").orElse("binary/octet-stream");
        S3Object object = backend.putObject(bucket, key, data,
                new S3Backend.PutRequest(contentType, userMetadata, stored, checksums));
        EdgeResponse.Builder response = ok(200, call).header("ETag", object.etag());
        checksums.forEach(response::header);
        return response.build();
    }

    private EdgeResponse getObject(String bucket, String key, EdgeRequest request, AwsCall call, boolean headOnly) {
        S3Backend.ObjectWithBody found = headOnly ? null : backend.getObject(bucket, key);
        S3Object object = headOnly ? backend.headObject(bucket, key) : found.object();
        Optional<long[]> range = request.header("Range").flatMap(header -> parseRange(header, object.size()));
        long offset = range.map(r -> r[0]).orElse(0L);
        long length = range.map(r -> r[1] - r[0] + 1).orElse(object.size());
        EdgeResponse.Builder response = ok(range.isPresent() ? 206 : 200, call)
                .header("ETag", object.etag())
                .header("Last-Modified", HTTP_DATE.format(object.lastModified()))
                .header("Content-Type", object.contentType())
                .header("Accept-Ranges", "bytes");
        object.headers().forEach(response::header);
        object.userMetadata().forEach((name, value) -> response.header("x-amz-meta-" + name, value));
        if (range.isPresent()) {
            response.header("Content-Range", "bytes " + range.get()[0] + "-" + range.get()[1] + "/" + object.size());
        } else if (request.header("x-amz-checksum-mode").filter("ENABLED"::equalsIgnoreCase).isPresent()) {
            // checksums cover the whole object only
            object.checksums().forEach(response::header);
        }
        if (headOnly) {
            return response.header("Content-Length", Long.toString(length)).build();
        }
        EdgeResponse.Body body = switch (found.body()) {
            case BlobStore.Blob.OnDisk disk -> new EdgeResponse.FileRange(disk.file(), offset, length);
            case BlobStore.Blob.InMemory memory ->
                    new EdgeResponse.Bytes(Arrays.copyOfRange(memory.bytes(), (int) offset, (int) (offset + length)));
        };
        return response.body(body).build();
    }

    /** {@code bytes=a-b}, {@code bytes=a-}, {@code bytes=-n}; an unsatisfiable range is an error, others ignored. */
    private static Optional<long[]> parseRange(String header, long size) {
        String value = header.trim();
        if (!value.startsWith("bytes=") || value.contains(",")) {
            return Optional.empty();
        }
        String spec = value.substring("bytes=".length()).trim();
        int dash = spec.indexOf('-');
        if (dash < 0) {
            return Optional.empty();
        }
        try {
            long start;
            long end;
            if (dash == 0) {
                long suffix = Long.parseLong(spec.substring(1));
                start = Math.max(0, size - suffix);
                end = size - 1;
            } else {
                start = Long.parseLong(spec.substring(0, dash));
                end = dash == spec.length() - 1 ? size - 1 : Math.min(Long.parseLong(spec.substring(dash + 1)), size - 1);
            }
            if (start >= size || start > end) {
                throw new AwsException("InvalidRange", "The requested range is not satisfiable", 416)
                        .withDetail("RangeRequested", value)
                        .withDetail("ActualObjectSize", Long.toString(size));
            }
            return Optional.of(new long[] {start, end});
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    // ------------------------------------------------------------- helpers

    private static EdgeResponse.Builder ok(int status, AwsCall call) {
        return EdgeResponse.status(status)
                .header("x-amz-request-id", call.requestId())
                .header("x-amz-id-2", RequestIds.newS3ExtendedId());
    }

    private static String ownerId(AwsCall call) {
        return SigV4.sha256Hex(call.caller().accountId().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static String encode(String value, boolean urlEncoding) {
        return urlEncoding ? SigV4.uriEncode(value, false) : value;
    }

    private static Optional<String> first(Map<String, List<String>> query, String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    private static int parseMaxKeys(String text) {
        try {
            int value = Integer.parseInt(text.trim());
            if (value < 0) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw AwsException.badRequest("InvalidArgument", "Provided max-keys not an integer or within integer range")
                    .withDetail("ArgumentName", "max-keys").withDetail("ArgumentValue", text);
        }
    }

    private static void rejectSubresources(Map<String, List<String>> query, Set<String> notServed) {
        for (String name : query.keySet()) {
            if (notServed.contains(name)) {
                throw new AwsException("NotImplemented",
                        "A header or query you provided implies functionality that is not implemented", 501);
            }
        }
    }

    private static AwsException methodNotAllowed(String method) {
        return new AwsException("MethodNotAllowed", "The specified method is not allowed against this resource.",
                405).withDetail("Method", method).withDetail("ResourceType", "OBJECT");
    }

    /** The LocationConstraint of a CreateBucketConfiguration body, parsed with entity expansion off. */
    private static Optional<String> locationConstraint(byte[] body) {
        if (body.length == 0) {
            return Optional.empty();
        }
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setNamespaceAware(true);
            Document document = factory.newDocumentBuilder().parse(new ByteArrayInputStream(body));
            NodeList nodes = document.getElementsByTagNameNS("*", "LocationConstraint");
            if (nodes.getLength() == 0) {
                return Optional.empty();
            }
            String region = nodes.item(0).getTextContent().trim();
            return region.isEmpty() ? Optional.empty() : Optional.of(region);
        } catch (ParserConfigurationException | SAXException | IOException e) {
            throw AwsException.badRequest("MalformedXML", "The XML you provided was not well-formed or did not"
                    + " validate against our published schema");
        }
    }
}
