package dev.stepsolver.emulator.s3;

import dev.stepsolver.emulator.protocol.AwsException;
import dev.stepsolver.emulator.protocol.Fault;
import dev.stepsolver.emulator.state.BlobStore;
import dev.stepsolver.emulator.state.PersistentCollection;
import dev.stepsolver.emulator.state.StateCorruptedException;
import dev.stepsolver.emulator.state.StateStore;
import dev.stepsolver.emulator.time.EmulatorClock;
import java.nio.charset.StandardCharsets;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.regex.Pattern;

/** S3 buckets and objects: metadata as documents, bodies as blobs, both written through. */
public final class S3Backend {

    private static final Pattern BUCKET_NAME = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    private static final Pattern IP_ADDRESS = Pattern.compile("\\d+\\.\\d+\\.\\d+\\.\\d+");
    private static final int MAX_KEY_BYTES = 1024;

    private final EmulatorClock clock;
    private final PersistentCollection<Bucket> bucketStore;
    private final PersistentCollection<S3Object> objectStore;
    private final BlobStore bodies;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final Map<String, ConcurrentSkipListMap<String, S3Object>> objects = new ConcurrentHashMap<>();

    public S3Backend(EmulatorClock clock, StateStore state) {
        this.clock = clock;
        this.bucketStore = state.collection("s3.buckets", Bucket.class);
        this.objectStore = state.collection("s3.objects", S3Object.class);
        this.bodies = state.blobs("s3.bodies");
        for (Bucket bucket : bucketStore.loadAll().values()) {
            buckets.put(bucket.name(), bucket);
            objects.put(bucket.name(), new ConcurrentSkipListMap<>());
        }
        for (S3Object object : objectStore.loadAll().values()) {
            ConcurrentSkipListMap<String, S3Object> inBucket = objects.get(object.bucket());
            if (inBucket == null) {
                throw new StateCorruptedException("s3.objects/" + object.bucket() + "/" + object.key(),
                        "the object's bucket is missing", null);
            }
            if (bodies.read(object.blobId()).isEmpty()) {
                throw new StateCorruptedException(bodies.locate(object.blobId()),
                        "the body of s3://" + object.bucket() + "/" + object.key() + " is missing", null);
            }
            inBucket.put(object.key(), object);
        }
    }

    // ------------------------------------------------------------- buckets

    /**
     * Creates a bucket. Re-creating one you own fails with BucketAlreadyOwnedByYou, except in
     * us-east-1, where AWS answers 200 for compatibility.
     */
    public synchronized Bucket createBucket(String name, String region) {
        if (!BUCKET_NAME.matcher(name).matches() || name.contains("..") || IP_ADDRESS.matcher(name).matches()) {
            throw AwsException.badRequest("InvalidBucketName", "The specified bucket is not valid.")
                    .withDetail("BucketName", name);
        }
        Bucket existing = buckets.get(name);
        if (existing != null) {
            if ("us-east-1".equals(existing.region()) && "us-east-1".equals(region)) {
                return existing;
            }
            throw new AwsException("BucketAlreadyOwnedByYou", "Your previous request to create the named bucket"
                    + " succeeded and you already own it.", 409, Fault.SENDER, Map.of("BucketName", name));
        }
        Bucket bucket = new Bucket(name, region, clock.now().truncatedTo(ChronoUnit.SECONDS));
        bucketStore.put(name, bucket);
        objects.put(name, new ConcurrentSkipListMap<>());
        buckets.put(name, bucket);
        return bucket;
    }

    public Bucket bucket(String name) {
        Bucket bucket = buckets.get(name);
        if (bucket == null) {
            throw noSuchBucket(name);
        }
        return bucket;
    }

    public List<Bucket> listBuckets() {
        return new TreeMap<>(buckets).values().stream().toList();
    }

    public synchronized void deleteBucket(String name) {
        bucket(name);
        if (!objects.get(name).isEmpty()) {
            throw new AwsException("BucketNotEmpty", "The bucket you tried to delete is not empty", 409,
                    Fault.SENDER, Map.of("BucketName", name));
        }
        bucketStore.remove(name);
        buckets.remove(name);
        objects.remove(name);
    }

    // ------------------------------------------------------------- objects

    /** What PutObject stores besides the body. */
    public record PutRequest(String contentType, Map<String, String> userMetadata, Map<String, String> headers,
            Map<String, String> checksums) {
    }

    public S3Object putObject(String bucketName, String key, byte[] data, PutRequest request) {
        bucket(bucketName);
        checkKey(key);
        String blobId = bodies.write(data);
        S3Object object = new S3Object(bucketName, key, blobId, data.length, "\"" + Checksums.md5Hex(data) + "\"",
                request.contentType(), clock.now().truncatedTo(ChronoUnit.SECONDS), request.userMetadata(),
                request.headers(), request.checksums());
        S3Object previous;
        synchronized (this) {
            ConcurrentSkipListMap<String, S3Object> inBucket = objects.get(bucketName);
            if (inBucket == null) {
                bodies.delete(blobId);
                throw noSuchBucket(bucketName);
            }
            objectStore.put(objectId(bucketName, key), object);
            previous = inBucket.put(key, object);
        }
        if (previous != null) {
            bodies.delete(previous.blobId());
        }
        return object;
    }

    public S3Object headObject(String bucketName, String key) {
        bucket(bucketName);
        S3Object object = objects.getOrDefault(bucketName, new ConcurrentSkipListMap<>()).get(key);
        if (object == null) {
            throw new AwsException("NoSuchKey", "The specified key does not exist.", 404, Fault.SENDER,
                    Map.of("Key", key));
        }
        return object;
    }

    /** An object and its body. */
    public record ObjectWithBody(S3Object object, BlobStore.Blob body) {
    }

    public ObjectWithBody getObject(String bucketName, String key) {
        S3Object object = headObject(bucketName, key);
        BlobStore.Blob body = bodies.read(object.blobId())
                .orElseThrow(() -> AwsException.internal("The body of " + key + " is missing"));
        return new ObjectWithBody(object, body);
    }

    /** Deletes a key; deleting a key that does not exist succeeds, as in S3. */
    public void deleteObject(String bucketName, String key) {
        bucket(bucketName);
        S3Object removed;
        synchronized (this) {
            ConcurrentSkipListMap<String, S3Object> inBucket = objects.get(bucketName);
            if (inBucket == null || !inBucket.containsKey(key)) {
                return;
            }
            objectStore.remove(objectId(bucketName, key));
            removed = inBucket.remove(key);
        }
        if (removed != null) {
            bodies.delete(removed.blobId());
        }
    }

    /** One page of a listing. */
    public record Listing(List<S3Object> contents, List<String> commonPrefixes, boolean truncated,
            Optional<String> nextContinuationToken) {
    }

    /**
     * Lists keys in order, after the continuation token or {@code startAfter}, grouping by
     * {@code delimiter} into common prefixes; at most {@code maxKeys} entries in all.
     */
    public Listing listObjectsV2(String bucketName, String prefix, Optional<String> delimiter,
            Optional<String> continuationToken, Optional<String> startAfter, int maxKeys) {
        bucket(bucketName);
        if (maxKeys < 0) {
            throw AwsException.badRequest("InvalidArgument", "maxKeys should be non-negative");
        }
        String after = continuationToken.map(S3Backend::decodeToken).or(() -> startAfter).orElse(null);
        NavigableMap<String, S3Object> view = objects.get(bucketName);
        if (after != null) {
            view = view.tailMap(after, false);
        }
        List<S3Object> contents = new ArrayList<>();
        TreeSet<String> prefixes = new TreeSet<>();
        String lastReturned = null;
        boolean truncated = false;
        for (Map.Entry<String, S3Object> entry : view.entrySet()) {
            String key = entry.getKey();
            if (!key.startsWith(prefix)) {
                if (key.compareTo(prefix) > 0) {
                    break;
                }
                continue;
            }
            String commonPrefix = null;
            if (delimiter.isPresent() && !delimiter.get().isEmpty()) {
                int at = key.indexOf(delimiter.get(), prefix.length());
                if (at >= 0) {
                    commonPrefix = key.substring(0, at + delimiter.get().length());
                }
            }
            if (commonPrefix != null && prefixes.contains(commonPrefix)) {
                continue;
            }
            if (contents.size() + prefixes.size() >= maxKeys) {
                truncated = true;
                break;
            }
            if (commonPrefix != null) {
                prefixes.add(commonPrefix);
                // the next page starts after every key under this prefix
                lastReturned = commonPrefix + Character.MAX_VALUE;
            } else {
                contents.add(entry.getValue());
                lastReturned = key;
            }
        }
        Optional<String> token = truncated && lastReturned != null ? Optional.of(encodeToken(lastReturned))
                : Optional.empty();
        return new Listing(contents, new ArrayList<>(prefixes), truncated, token);
    }

    private static String encodeToken(String key) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(key.getBytes(StandardCharsets.UTF_8));
    }

    private static String decodeToken(String token) {
        try {
            return new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw AwsException.badRequest("InvalidArgument", "The continuation token provided is incorrect")
                    .withDetail("ArgumentName", "continuation-token");
        }
    }

    private static void checkKey(String key) {
        if (key.isEmpty() || key.getBytes(StandardCharsets.UTF_8).length > MAX_KEY_BYTES) {
            throw AwsException.badRequest("KeyTooLongError", "Your key is too long");
        }
    }

    private static String objectId(String bucket, String key) {
        return bucket + "/" + key;
    }

    private static AwsException noSuchBucket(String name) {
        return new AwsException("NoSuchBucket", "The specified bucket does not exist", 404, Fault.SENDER,
                Map.of("BucketName", name));
    }
}
