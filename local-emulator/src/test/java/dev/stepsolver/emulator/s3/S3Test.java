package dev.stepsolver.emulator.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stepsolver.emulator.Clients;
import dev.stepsolver.emulator.LocalEmulator;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

class S3Test {

    private static LocalEmulator emulator;
    private static S3Client s3;

    @BeforeAll
    static void start() {
        emulator = LocalEmulator.builder().port(0).build().start();
        s3 = Clients.s3(emulator.endpoint());
    }

    @AfterAll
    static void stop() {
        s3.close();
        emulator.close();
    }

    private static String md5(byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(data));
    }

    @Test
    void anObjectPutCanBeReadBackWithItsMetadataAndAnMd5ETag() throws Exception {
        s3.createBucket(r -> r.bucket("artifacts"));
        byte[] data = "the source zip".getBytes(StandardCharsets.UTF_8);

        String etag = s3.putObject(r -> r.bucket("artifacts").key("src/app.zip").contentType("application/zip")
                .metadata(Map.of("commit", "abc123")), RequestBody.fromBytes(data)).eTag();
        ResponseBytes<GetObjectResponse> read = s3.getObjectAsBytes(r -> r.bucket("artifacts").key("src/app.zip"));

        assertThat(etag).isEqualTo("\"" + md5(data) + "\"");
        assertThat(read.asByteArray()).isEqualTo(data);
        assertThat(read.response().contentType()).isEqualTo("application/zip");
        assertThat(read.response().metadata()).containsEntry("commit", "abc123");
        assertThat(read.response().eTag()).isEqualTo(etag);
    }

    @Test
    void headObjectReportsSizeWithoutTheBody() {
        s3.createBucket(r -> r.bucket("heads"));
        s3.putObject(r -> r.bucket("heads").key("k"), RequestBody.fromString("12345"));

        HeadObjectResponse head = s3.headObject(r -> r.bucket("heads").key("k"));

        assertThat(head.contentLength()).isEqualTo(5);
        assertThat(head.lastModified()).isNotNull();
    }

    @Test
    void keysWithSpacesSlashesAndUnicodeSurviveTheRoundTrip() {
        s3.createBucket(r -> r.bucket("odd-keys"));
        String key = "dir one//sub dir/ünïcode +plus%percent.txt";

        s3.putObject(r -> r.bucket("odd-keys").key(key), RequestBody.fromString("odd"));

        assertThat(s3.getObjectAsBytes(r -> r.bucket("odd-keys").key(key)).asUtf8String()).isEqualTo("odd");
        assertThat(s3.listObjectsV2(r -> r.bucket("odd-keys")).contents()).extracting(S3Object::key).containsExactly(key);
    }

    @Test
    void aLargeObjectIsUploadedAndReadIntact() {
        s3.createBucket(r -> r.bucket("large"));
        byte[] data = new byte[3 * 1024 * 1024 + 17];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 31 + 7);
        }

        s3.putObject(r -> r.bucket("large").key("blob"), RequestBody.fromBytes(data));

        assertThat(s3.getObjectAsBytes(r -> r.bucket("large").key("blob")).asByteArray()).isEqualTo(data);
    }

    @Test
    void aRangeReadReturnsThePartAsked() {
        s3.createBucket(r -> r.bucket("ranges"));
        s3.putObject(r -> r.bucket("ranges").key("abc"), RequestBody.fromString("abcdefghij"));

        String part = s3.getObjectAsBytes(r -> r.bucket("ranges").key("abc").range("bytes=2-4")).asUtf8String();

        assertThat(part).isEqualTo("cde");
    }

    @Test
    void listObjectsV2FiltersByPrefixAndPagesWithContinuationTokens() {
        s3.createBucket(r -> r.bucket("listing"));
        for (int i = 0; i < 5; i++) {
            int n = i;
            s3.putObject(r -> r.bucket("listing").key("logs/" + n), RequestBody.fromString("x"));
        }
        s3.putObject(r -> r.bucket("listing").key("other"), RequestBody.fromString("x"));

        List<String> keys = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            String current = token;
            ListObjectsV2Response page = s3.listObjectsV2(r -> r.bucket("listing").prefix("logs/").maxKeys(2)
                    .continuationToken(current));
            page.contents().forEach(o -> keys.add(o.key()));
            token = page.nextContinuationToken();
            pages++;
        } while (token != null);

        assertThat(keys).containsExactly("logs/0", "logs/1", "logs/2", "logs/3", "logs/4");
        assertThat(pages).isEqualTo(3);
    }

    @Test
    void aDelimiterGroupsKeysIntoCommonPrefixes() {
        s3.createBucket(r -> r.bucket("tree"));
        for (String key : List.of("a/1", "a/2", "b/1", "top")) {
            s3.putObject(r -> r.bucket("tree").key(key), RequestBody.fromString("x"));
        }

        ListObjectsV2Response listing = s3.listObjectsV2(r -> r.bucket("tree").delimiter("/"));

        assertThat(listing.commonPrefixes()).extracting(p -> p.prefix()).containsExactly("a/", "b/");
        assertThat(listing.contents()).extracting(S3Object::key).containsExactly("top");
    }

    @Test
    void concurrentWritersNeitherLoseNorMixObjects() throws Exception {
        s3.createBucket(r -> r.bucket("concurrent"));
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<?>> writes = new ArrayList<>();
            for (int writer = 0; writer < 4; writer++) {
                int w = writer;
                writes.add(pool.submit(() -> {
                    for (int i = 0; i < 25; i++) {
                        int n = i;
                        s3.putObject(r -> r.bucket("concurrent").key("w" + w + "/" + n),
                                RequestBody.fromString("writer " + w + " item " + n));
                        s3.putObject(r -> r.bucket("concurrent").key("shared"), RequestBody.fromString("w" + w));
                    }
                }));
            }
            for (java.util.concurrent.Future<?> write : writes) {
                write.get(60, java.util.concurrent.TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(s3.listObjectsV2(r -> r.bucket("concurrent").prefix("w")).keyCount()).isEqualTo(100);
        assertThat(s3.getObjectAsBytes(r -> r.bucket("concurrent").key("w3/24")).asUtf8String())
                .isEqualTo("writer 3 item 24");
        assertThat(s3.getObjectAsBytes(r -> r.bucket("concurrent").key("shared")).asUtf8String())
                .isIn("w0", "w1", "w2", "w3");
    }

    @Test
    void listBucketsIncludesCreatedBuckets() {
        s3.createBucket(r -> r.bucket("listed-bucket"));

        assertThat(s3.listBuckets().buckets()).extracting(b -> b.name()).contains("listed-bucket");
    }

    @Test
    void headBucketFailsWith404ForAMissingBucket() {
        s3.createBucket(r -> r.bucket("present"));

        s3.headBucket(r -> r.bucket("present"));
        assertThatThrownBy(() -> s3.headBucket(r -> r.bucket("absent")))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(404));
    }

    @Test
    void aMissingBucketFailsWithNoSuchBucket() {
        assertThatThrownBy(() -> s3.getObject(r -> r.bucket("no-such-bucket").key("k")))
                .isInstanceOfSatisfying(NoSuchBucketException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(404);
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("The specified bucket does not exist");
                });
    }

    @Test
    void aMissingKeyFailsWithNoSuchKey() {
        s3.createBucket(r -> r.bucket("keys"));

        assertThatThrownBy(() -> s3.getObject(r -> r.bucket("keys").key("nothing-here")))
                .isInstanceOfSatisfying(NoSuchKeyException.class, e ->
                        assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("The specified key does not exist."));
        assertThatThrownBy(() -> s3.headObject(r -> r.bucket("keys").key("nothing-here")))
                .isInstanceOf(NoSuchKeyException.class);
    }

    @Test
    void aDeletedObjectIsGoneAndDeletingAgainSucceeds() {
        s3.createBucket(r -> r.bucket("deletions"));
        s3.putObject(r -> r.bucket("deletions").key("k"), RequestBody.fromString("x"));

        s3.deleteObject(r -> r.bucket("deletions").key("k"));
        s3.deleteObject(r -> r.bucket("deletions").key("k"));

        assertThatThrownBy(() -> s3.headObject(r -> r.bucket("deletions").key("k")))
                .isInstanceOf(NoSuchKeyException.class);
    }

    @Test
    void creatingABucketYouOwnOutsideUsEast1FailsWithBucketAlreadyOwnedByYou() {
        try (S3Client euS3 = Clients.configure(S3Client.builder(), emulator.endpoint(), "test", "test")
                .region(Region.EU_WEST_1).forcePathStyle(true)
                .httpClientBuilder(software.amazon.awssdk.http.apache.ApacheHttpClient.builder()).build()) {
            euS3.createBucket(r -> r.bucket("eu-bucket")
                    .createBucketConfiguration(c -> c.locationConstraint("eu-west-1")));

            assertThatThrownBy(() -> euS3.createBucket(r -> r.bucket("eu-bucket")
                    .createBucketConfiguration(c -> c.locationConstraint("eu-west-1"))))
                    .isInstanceOfSatisfying(BucketAlreadyOwnedByYouException.class,
                            e -> assertThat(e.statusCode()).isEqualTo(409));
        }
    }

    @Test
    void aWrongSecretIsRejectedWithS3sSignatureDoesNotMatch() {
        try (S3Client wrong = Clients.configure(S3Client.builder(), emulator.endpoint(), "test", "bad").forcePathStyle(true)
                .httpClientBuilder(software.amazon.awssdk.http.apache.ApacheHttpClient.builder()).build()) {
            assertThatThrownBy(wrong::listBuckets)
                    .isInstanceOfSatisfying(S3Exception.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(403);
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("SignatureDoesNotMatch");
                    });
        }
    }
}
