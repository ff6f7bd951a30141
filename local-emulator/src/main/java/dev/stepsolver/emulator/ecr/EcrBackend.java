package dev.stepsolver.emulator.ecr;

import dev.stepsolver.emulator.protocol.AwsException;
import dev.stepsolver.emulator.state.BlobStore;
import dev.stepsolver.emulator.state.PersistentCollection;
import dev.stepsolver.emulator.state.StateCorruptedException;
import dev.stepsolver.emulator.state.StateStore;
import dev.stepsolver.emulator.time.EmulatorClock;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * ECR: repositories and their images, and the OCI registry storage behind them. Blobs (layers,
 * configs) are content-addressed and shared by every repository; an upload becomes a blob only once
 * its bytes match the digest the client names, so nothing half-uploaded is ever visible.
 */
public final class EcrBackend implements AutoCloseable {

    /** Lambda's image size limit is 10 GB: no layer is bigger. */
    public static final long MAX_BLOB_BYTES = 10L * 1024 * 1024 * 1024;
    static final int MAX_MANIFEST_BYTES = 4 * 1024 * 1024;
    private static final int MAX_UPLOADS = 256;
    private static final Duration UPLOAD_IDLE_LIMIT = Duration.ofHours(1);
    private static final Pattern REPOSITORY_NAME =
            Pattern.compile("(?:[a-z0-9]+(?:[._-][a-z0-9]+)*/)*[a-z0-9]+(?:[._-][a-z0-9]+)*");
    private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");
    private static final Pattern ECR_HOST = Pattern.compile("(\\d{12})\\.dkr\\.ecr\\.([a-z0-9-]+)\\.amazonaws\\.com");

    private final EmulatorClock clock;
    private final String accountId;
    private final String region;
    private final Supplier<URI> endpoint;
    private final RegistryTokens tokens;
    private final PersistentCollection<Repository> repositoryStore;
    private final PersistentCollection<ImageRecord> imageStore;
    private final PersistentCollection<BlobRecord> blobIndex;
    private final BlobStore blobStore;
    private final Map<String, Repository> repositories = new TreeMap<>();
    private final Map<String, Map<String, ImageRecord>> images = new TreeMap<>();
    private final Map<String, BlobRecord> blobs = new ConcurrentHashMap<>();
    private final Map<String, Upload> uploads = new ConcurrentHashMap<>();
    private final Path uploadDirectory;

    /** An upload in progress: bytes so far in a scratch file, hashed as they arrive. */
    private static final class Upload {
        final String id;
        final String repository;
        final Path file;
        final MessageDigest hash = Digest.sha256();
        long offset;
        Instant touched;
        boolean finished;

        Upload(String id, String repository, Path file, Instant touched) {
            this.id = id;
            this.repository = repository;
            this.file = file;
            this.touched = touched;
        }
    }

    /** Where an image lives: repository and tag or digest. */
    public record ImageReference(String repository, String reference) {
        public boolean byDigest() {
            return reference.startsWith("sha256:");
        }
    }

    /** An ECR image identifier: digest, tag, or both. */
    public record ImageId(Optional<String> digest, Optional<String> tag) {
    }

    /** A BatchGetImage / BatchDeleteImage failure for one identifier. */
    public record ImageFailure(ImageId imageId, String code, String reason) {
    }

    /**
     * @param endpoint the emulator's base URL, known once it listens (for repository URIs)
     * @param secretMaterial what registry passwords are signed with (derived from the credentials)
     */
    public EcrBackend(EmulatorClock clock, StateStore state, String accountId, String region, Supplier<URI> endpoint,
            String secretMaterial) {
        this.clock = clock;
        this.accountId = accountId;
        this.region = region;
        this.endpoint = endpoint;
        this.tokens = new RegistryTokens(secretMaterial);
        this.repositoryStore = state.collection("ecr.repositories", Repository.class);
        this.imageStore = state.collection("ecr.images", ImageRecord.class);
        this.blobIndex = state.collection("ecr.blob-index", BlobRecord.class);
        this.blobStore = state.blobs("ecr.blobs");
        repositoryStore.loadAll().values().forEach(r -> {
            repositories.put(r.name(), r);
            images.put(r.name(), new TreeMap<>());
        });
        for (BlobRecord blob : blobIndex.loadAll().values()) {
            if (blobStore.read(blob.blobId()).isEmpty()) {
                throw new StateCorruptedException(blobStore.locate(blob.blobId()), "the bytes of blob "
                        + blob.digest() + " are missing", null);
            }
            blobs.put(blob.digest(), blob);
        }
        for (ImageRecord image : imageStore.loadAll().values()) {
            Map<String, ImageRecord> inRepository = images.get(image.repository());
            if (inRepository == null) {
                throw new StateCorruptedException("ecr.images/" + image.repository() + "@" + image.digest(),
                        "the image's repository is missing", null);
            }
            inRepository.put(image.digest(), image);
        }
        try {
            this.uploadDirectory = Files.createTempDirectory("ecr-uploads");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a scratch directory for registry uploads", e);
        }
    }

    public String accountId() {
        return accountId;
    }

    // ================================================================ ECR API

    public synchronized Repository createRepository(String name, Optional<String> tagMutability) {
        if (name.length() < 2 || name.length() > 256 || !REPOSITORY_NAME.matcher(name).matches()) {
            throw AwsException.badRequest("InvalidParameterException", "Invalid parameter at 'repositoryName' failed"
                    + " to satisfy constraint: 'must satisfy regular expression '" + REPOSITORY_NAME.pattern() + "''");
        }
        String mutability = tagMutability.orElse("MUTABLE");
        if (!mutability.equals("MUTABLE") && !mutability.equals("IMMUTABLE")) {
            throw AwsException.badRequest("InvalidParameterException", "Invalid parameter at 'imageTagMutability'"
                    + " failed to satisfy constraint: 'Member must satisfy enum value set: [MUTABLE, IMMUTABLE]'");
        }
        if (repositories.containsKey(name)) {
            throw AwsException.badRequest("RepositoryAlreadyExistsException", "The repository with name '" + name
                    + "' already exists in the registry with id '" + accountId + "'");
        }
        Repository repository = new Repository(name, "arn:aws:ecr:" + region + ":" + accountId + ":repository/" + name,
                accountId, clock.now().truncatedTo(ChronoUnit.SECONDS), mutability);
        repositoryStore.put(name, repository);
        repositories.put(name, repository);
        images.put(name, new TreeMap<>());
        return repository;
    }

    /** The named repositories (all when none is named), by name. */
    public synchronized List<Repository> describeRepositories(List<String> names) {
        if (names.isEmpty()) {
            return List.copyOf(repositories.values());
        }
        List<Repository> found = new ArrayList<>();
        for (String name : names) {
            found.add(repository(name));
        }
        return found;
    }

    public synchronized Repository deleteRepository(String name, boolean force) {
        Repository repository = repository(name);
        Map<String, ImageRecord> contents = images.get(name);
        if (!contents.isEmpty() && !force) {
            throw AwsException.badRequest("RepositoryNotEmptyException", "The repository with name '" + name
                    + "' in registry with id '" + accountId + "' cannot be deleted because it still contains images");
        }
        for (ImageRecord image : contents.values()) {
            imageStore.remove(imageKey(name, image.digest()));
        }
        repositoryStore.remove(name);
        repositories.remove(name);
        images.remove(name);
        return repository;
    }

    /** The repository's URI, which Docker clients, Jib and Lambda's ImageUri use. */
    public String repositoryUri(String name) {
        return registryHost() + "/" + name;
    }

    /** {@code localhost:<port>}: the registry's host as clients name it. */
    public String registryHost() {
        URI uri = endpoint.get();
        String host = uri.getHost();
        boolean loopbackOrAny = host.equals("127.0.0.1") || host.equals("localhost") || host.equals("0.0.0.0")
                || host.equals("[::1]") || host.equals("[::]");
        return (loopbackOrAny ? "localhost" : host) + ":" + uri.getPort();
    }

    /** The images of a repository matching {@code ids} (all, filtered by tag status, when none are given). */
    public synchronized List<ImageRecord> describeImages(String repositoryName, List<ImageId> ids,
            Optional<String> tagStatus) {
        repository(repositoryName);
        if (ids.isEmpty()) {
            return images.get(repositoryName).values().stream()
                    .filter(image -> switch (tagStatus.orElse("ANY")) {
                        case "TAGGED" -> !image.tags().isEmpty();
                        case "UNTAGGED" -> image.tags().isEmpty();
                        default -> true;
                    })
                    .sorted(Comparator.comparing(ImageRecord::pushedAt).thenComparing(ImageRecord::digest))
                    .toList();
        }
        List<ImageRecord> found = new ArrayList<>();
        for (ImageId id : ids) {
            found.add(find(repositoryName, id).orElseThrow(() -> imageNotFound(repositoryName, id)));
        }
        return found;
    }

    /** BatchGetImage: the images found, and a failure for each identifier that names none. */
    public synchronized Map.Entry<List<ImageRecord>, List<ImageFailure>> batchGetImage(String repositoryName,
            List<ImageId> ids, List<String> acceptedMediaTypes) {
        repository(repositoryName);
        List<ImageRecord> found = new ArrayList<>();
        List<ImageFailure> failures = new ArrayList<>();
        for (ImageId id : ids) {
            if (id.digest().isEmpty() && id.tag().isEmpty()) {
                failures.add(new ImageFailure(id, "MissingDigestAndTag", "Invalid request: missing image digest and"
                        + " image tag"));
                continue;
            }
            Optional<ImageRecord> image = find(repositoryName, id);
            if (image.isEmpty()) {
                failures.add(new ImageFailure(id, "ImageNotFound", "Requested image not found"));
            } else if (!acceptedMediaTypes.isEmpty() && !acceptedMediaTypes.contains(image.get().manifestMediaType())) {
                failures.add(new ImageFailure(id, "UnsupportedImageType", "The image's manifest media type "
                        + image.get().manifestMediaType() + " is not among the accepted media types"));
            } else {
                found.add(image.get());
            }
        }
        return Map.entry(found, failures);
    }

    /**
     * BatchDeleteImage: a digest deletes the image with all its tags; a tag removes that tag, and the
     * image with it when it was the last one (as ECR does).
     */
    public synchronized Map.Entry<List<ImageId>, List<ImageFailure>> batchDeleteImage(String repositoryName,
            List<ImageId> ids) {
        repository(repositoryName);
        List<ImageId> deleted = new ArrayList<>();
        List<ImageFailure> failures = new ArrayList<>();
        for (ImageId id : ids) {
            if (id.digest().isEmpty() && id.tag().isEmpty()) {
                failures.add(new ImageFailure(id, "MissingDigestAndTag", "Invalid request: missing image digest and"
                        + " image tag"));
                continue;
            }
            Optional<ImageRecord> image = find(repositoryName, id);
            if (image.isEmpty()) {
                failures.add(new ImageFailure(id, "ImageNotFound", "Requested image not found"));
                continue;
            }
            ImageRecord record = image.get();
            if (id.digest().isEmpty() && record.tags().size() > 1) {
                List<String> rest = new ArrayList<>(record.tags());
                rest.remove(id.tag().get());
                save(record.withTags(rest));
                deleted.add(new ImageId(Optional.of(record.digest()), id.tag()));
            } else {
                imageStore.remove(imageKey(repositoryName, record.digest()));
                images.get(repositoryName).remove(record.digest());
                if (id.tag().isPresent()) {
                    deleted.add(new ImageId(Optional.of(record.digest()), id.tag()));
                } else {
                    record.tags().forEach(tag -> deleted.add(new ImageId(Optional.of(record.digest()), Optional.of(tag))));
                    if (record.tags().isEmpty()) {
                        deleted.add(new ImageId(Optional.of(record.digest()), Optional.empty()));
                    }
                }
            }
        }
        return Map.entry(deleted, failures);
    }

    /** A registry password (base64 {@code AWS:password}) and when it expires. */
    public record AuthorizationToken(String token, Instant expiresAt, String proxyEndpoint) {
    }

    public AuthorizationToken authorizationToken() {
        Instant expiresAt = clock.now().plus(RegistryTokens.VALIDITY).truncatedTo(ChronoUnit.SECONDS);
        return new AuthorizationToken(tokens.authorizationToken(accountId, expiresAt), expiresAt,
                "http://" + registryHost());
    }

    private Repository repository(String name) {
        Repository repository = repositories.get(name);
        if (repository == null) {
            throw AwsException.badRequest("RepositoryNotFoundException", "The repository with name '" + name
                    + "' does not exist in the registry with id '" + accountId + "'");
        }
        return repository;
    }

    private AwsException imageNotFound(String repositoryName, ImageId id) {
        return AwsException.badRequest("ImageNotFoundException", "The image with imageId {"
                + id.digest().map(d -> "imageDigest:'" + d + "'").orElse("")
                + (id.digest().isPresent() && id.tag().isPresent() ? ", " : "")
                + id.tag().map(t -> "imageTag:'" + t + "'").orElse("")
                + "} does not exist within the repository with name '" + repositoryName
                + "' in the registry with id '" + accountId + "'");
    }

    private Optional<ImageRecord> find(String repositoryName, ImageId id) {
        Map<String, ImageRecord> contents = images.get(repositoryName);
        if (contents == null) {
            return Optional.empty();
        }
        Optional<ImageRecord> byDigest = id.digest().map(contents::get);
        Optional<ImageRecord> byTag = id.tag().flatMap(tag -> contents.values().stream()
                .filter(image -> image.tags().contains(tag)).findFirst());
        if (id.digest().isPresent() && id.tag().isPresent()) {
            return byDigest.filter(image -> byTag.isPresent() && byTag.get().digest().equals(image.digest()));
        }
        return id.digest().isPresent() ? byDigest : byTag;
    }

    private void save(ImageRecord image) {
        imageStore.put(imageKey(image.repository(), image.digest()), image);
        images.get(image.repository()).put(image.digest(), image);
    }

    private static String imageKey(String repository, String digest) {
        return repository + "@" + digest;
    }

    // ================================================================ registry (OCI Distribution)

    /** Whether a registry request's {@code Authorization} header carries a valid, unexpired password. */
    public boolean authorized(Optional<String> authorizationHeader) {
        return authorizationHeader.flatMap(header -> tokens.verify(header, clock.now()))
                .filter(accountId::equals).isPresent();
    }

    /** @throws RegistryError NAME_UNKNOWN when there is no such repository */
    public synchronized void requireRepository(String name) {
        if (!repositories.containsKey(name)) {
            throw RegistryError.nameUnknown(name, accountId);
        }
    }

    public Optional<BlobRecord> blob(Digest digest) {
        return Optional.ofNullable(blobs.get(digest.toString()));
    }

    /** The bytes of a stored blob. */
    public Optional<BlobStore.Blob> blobContent(Digest digest) {
        return blob(digest).flatMap(record -> blobStore.read(record.blobId()));
    }

    /** Opens a stored blob's bytes as a stream. */
    public Optional<InputStream> openBlob(Digest digest) throws IOException {
        Optional<BlobStore.Blob> content = blobContent(digest);
        if (content.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(switch (content.get()) {
            case BlobStore.Blob.OnDisk disk -> Files.newInputStream(disk.file());
            case BlobStore.Blob.InMemory memory -> new java.io.ByteArrayInputStream(memory.bytes());
        });
    }

    /** What an upload's status is: its id and how many bytes it holds. */
    public record UploadState(String id, long offset) {
    }

    public UploadState startUpload(String repository) {
        requireRepository(repository);
        expireIdleUploads();
        if (uploads.size() >= MAX_UPLOADS) {
            throw new RegistryError("TOOMANYREQUESTS", "too many uploads in progress", 429);
        }
        String id = UUID.randomUUID().toString();
        Path file = uploadDirectory.resolve(id);
        try {
            Files.createFile(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        uploads.put(id, new Upload(id, repository, file, clock.now()));
        return new UploadState(id, 0);
    }

    public UploadState uploadState(String repository, String id) {
        Upload upload = upload(repository, id);
        synchronized (upload) {
            return new UploadState(id, upload.offset);
        }
    }

    /**
     * Appends a chunk. {@code rangeStart}, when the client sends {@code Content-Range}, must be where
     * the upload stands (416 otherwise, as the spec says).
     */
    public UploadState appendUpload(String repository, String id, InputStream chunk, Optional<Long> rangeStart)
            throws IOException {
        Upload upload = upload(repository, id);
        synchronized (upload) {
            if (upload.finished) {
                throw RegistryError.uploadUnknown(id);
            }
            if (rangeStart.isPresent() && rangeStart.get() != upload.offset) {
                throw new RegistryError("BLOB_UPLOAD_INVALID", "chunk starts at " + rangeStart.get()
                        + " but the upload holds " + upload.offset + " bytes", 416);
            }
            append(upload, chunk);
            return new UploadState(id, upload.offset);
        }
    }

    /**
     * Finishes an upload with its last chunk (possibly empty): the bytes must hash to
     * {@code expected}, then they become the blob; on a mismatch the upload is dropped and nothing
     * is stored.
     */
    public Digest completeUpload(String repository, String id, InputStream lastChunk, String expected)
            throws IOException {
        Upload upload = upload(repository, id);
        Optional<Digest> digest = Digest.parse(expected);
        synchronized (upload) {
            if (upload.finished) {
                throw RegistryError.uploadUnknown(id);
            }
            try {
                if (digest.isEmpty()) {
                    throw RegistryError.digestInvalid("invalid digest: " + expected);
                }
                append(upload, lastChunk);
                String actual = HexFormat.of().formatHex(upload.hash.digest());
                if (!actual.equals(digest.get().hex())) {
                    throw RegistryError.digestInvalid("provided digest did not match uploaded content: expected "
                            + expected + ", got sha256:" + actual);
                }
                commitBlob(digest.get(), upload.file, upload.offset);
                return digest.get();
            } finally {
                upload.finished = true;
                uploads.remove(id);
                Files.deleteIfExists(upload.file);
            }
        }
    }

    public void cancelUpload(String repository, String id) throws IOException {
        Upload upload = upload(repository, id);
        synchronized (upload) {
            upload.finished = true;
            uploads.remove(id);
            Files.deleteIfExists(upload.file);
        }
    }

    private Upload upload(String repository, String id) {
        Upload upload = uploads.get(id);
        if (upload == null || !upload.repository.equals(repository)) {
            throw RegistryError.uploadUnknown(id);
        }
        upload.touched = clock.now();
        return upload;
    }

    private void append(Upload upload, InputStream chunk) throws IOException {
        try (OutputStream out = new DigestOutputStream(Files.newOutputStream(upload.file, StandardOpenOption.APPEND),
                upload.hash)) {
            byte[] buffer = new byte[64 * 1024];
            int read;
            while ((read = chunk.read(buffer)) >= 0) {
                if (upload.offset + read > MAX_BLOB_BYTES) {
                    throw new RegistryError("SIZE_INVALID", "a blob may not exceed " + MAX_BLOB_BYTES + " bytes", 400);
                }
                out.write(buffer, 0, read);
                upload.offset += read;
            }
        }
    }

    private void commitBlob(Digest digest, Path file, long size) throws IOException {
        if (blobs.containsKey(digest.toString())) {
            return;
        }
        String blobId = blobStore.writeFile(file);
        synchronized (this) {
            if (blobs.containsKey(digest.toString())) {
                blobStore.delete(blobId);
                return;
            }
            BlobRecord record = new BlobRecord(digest.toString(), blobId, size);
            blobIndex.put(digest.toString(), record);
            blobs.put(digest.toString(), record);
        }
    }

    /** Drops uploads nobody has touched for an hour (a client that gave up), so scratch space stays bounded. */
    private void expireIdleUploads() {
        Instant limit = clock.now().minus(UPLOAD_IDLE_LIMIT);
        for (Upload upload : List.copyOf(uploads.values())) {
            if (upload.touched.isBefore(limit)) {
                try {
                    cancelUpload(upload.repository, upload.id);
                } catch (IOException | RegistryError e) {
                    // already gone
                }
            }
        }
    }

    /**
     * Stores a manifest under a tag or its digest, after checking that everything it references is
     * in the registry.
     *
     * @return the manifest's digest
     */
    public Digest putManifest(String repositoryName, String reference, byte[] bytes, Optional<String> contentType) {
        if (bytes.length > MAX_MANIFEST_BYTES) {
            throw new RegistryError("SIZE_INVALID", "a manifest may not exceed " + MAX_MANIFEST_BYTES + " bytes", 400);
        }
        ManifestDocument manifest = ManifestDocument.parse(bytes, contentType);
        Digest digest = Digest.of(bytes);
        Optional<String> tag = Optional.empty();
        if (reference.startsWith("sha256:")) {
            if (!reference.equals(digest.toString())) {
                throw RegistryError.digestInvalid("manifest digest " + digest + " does not match " + reference);
            }
        } else if (TAG.matcher(reference).matches()) {
            tag = Optional.of(reference);
        } else {
            throw new RegistryError("TAG_INVALID", "invalid tag: " + reference, 400);
        }
        synchronized (this) {
            requireRepository(repositoryName);
            Repository repository = repositories.get(repositoryName);
            Map<String, ImageRecord> contents = images.get(repositoryName);
            long size = 0;
            if (manifest.isIndex()) {
                for (ManifestDocument.Descriptor entry : manifest.manifests()) {
                    if (!contents.containsKey(entry.digest().toString())) {
                        throw new RegistryError("MANIFEST_BLOB_UNKNOWN", "manifest unknown to the repository: "
                                + entry.digest(), 400);
                    }
                    size += contents.get(entry.digest().toString()).sizeInBytes();
                }
            } else {
                List<ManifestDocument.Descriptor> referenced = new ArrayList<>(manifest.layers());
                referenced.add(manifest.config().orElseThrow());
                for (ManifestDocument.Descriptor descriptor : referenced) {
                    BlobRecord blob = blobs.get(descriptor.digest().toString());
                    if (blob == null) {
                        throw new RegistryError("MANIFEST_BLOB_UNKNOWN", "blob unknown to registry: "
                                + descriptor.digest(), 400);
                    }
                }
                size = manifest.layers().stream().mapToLong(ManifestDocument.Descriptor::size).sum();
            }
            if (tag.isPresent()) {
                for (ImageRecord other : List.copyOf(contents.values())) {
                    if (other.tags().contains(tag.get()) && !other.digest().equals(digest.toString())) {
                        if (repository.immutableTags()) {
                            throw new RegistryError("TAG_INVALID", "The image tag '" + tag.get() + "' already exists"
                                    + " in the '" + repositoryName + "' repository and cannot be overwritten because"
                                    + " the repository is immutable.", 400);
                        }
                        List<String> rest = new ArrayList<>(other.tags());
                        rest.remove(tag.get());
                        save(other.withTags(rest));
                    }
                }
            }
            ImageRecord existing = contents.get(digest.toString());
            List<String> tags = new ArrayList<>(existing == null ? List.of() : existing.tags());
            tag.filter(t -> !tags.contains(t)).ifPresent(tags::add);
            ImageRecord image = existing != null ? existing.withTags(tags)
                    : new ImageRecord(repositoryName, digest.toString(), manifest.mediaType(),
                            Base64.getEncoder().encodeToString(bytes), tags, clock.now(), size,
                            manifest.config().map(ManifestDocument.Descriptor::mediaType).orElse(manifest.mediaType()));
            save(image);
        }
        return digest;
    }

    /** The image a tag or digest names in a repository. */
    public synchronized ImageRecord manifest(String repositoryName, String reference) {
        requireRepository(repositoryName);
        ImageId id = reference.startsWith("sha256:") ? new ImageId(Optional.of(reference), Optional.empty())
                : new ImageId(Optional.empty(), Optional.of(reference));
        return find(repositoryName, id).orElseThrow(() -> RegistryError.manifestUnknown(reference));
    }

    public synchronized void deleteManifest(String repositoryName, String reference) {
        if (!reference.startsWith("sha256:")) {
            throw new RegistryError("UNSUPPORTED", "manifests are deleted by digest", 400);
        }
        ImageRecord image = manifest(repositoryName, reference);
        imageStore.remove(imageKey(repositoryName, image.digest()));
        images.get(repositoryName).remove(image.digest());
    }

    public synchronized List<String> tags(String repositoryName) {
        requireRepository(repositoryName);
        return images.get(repositoryName).values().stream().flatMap(i -> i.tags().stream()).sorted().toList();
    }

    public synchronized List<String> repositoryNames() {
        return List.copyOf(repositories.keySet());
    }

    // ================================================================ for other services (Lambda)

    /**
     * Reads an image URI that names this registry: {@code localhost:<port>/repo:tag},
     * {@code .../repo@sha256:...}, or the ECR form {@code <account>.dkr.ecr.<region>.amazonaws.com/repo:tag}.
     * Empty when it names another registry or is malformed.
     */
    public Optional<ImageReference> parseImageUri(String imageUri) {
        int slash = imageUri.indexOf('/');
        if (slash <= 0) {
            return Optional.empty();
        }
        String host = imageUri.substring(0, slash);
        String rest = imageUri.substring(slash + 1);
        URI own = endpoint.get();
        boolean ours = host.equals(registryHost()) || host.equals("127.0.0.1:" + own.getPort())
                || host.equals("localhost:" + own.getPort());
        Matcher ecr = ECR_HOST.matcher(host);
        if (!ours && !(ecr.matches() && ecr.group(1).equals(accountId))) {
            return Optional.empty();
        }
        String repository;
        String reference;
        int at = rest.indexOf('@');
        if (at >= 0) {
            repository = rest.substring(0, at);
            reference = rest.substring(at + 1);
            if (Digest.parse(reference).isEmpty()) {
                return Optional.empty();
            }
        } else {
            int colon = rest.lastIndexOf(':');
            repository = colon >= 0 ? rest.substring(0, colon) : rest;
            reference = colon >= 0 ? rest.substring(colon + 1) : "latest";
            if (!TAG.matcher(reference).matches()) {
                return Optional.empty();
            }
        }
        return REPOSITORY_NAME.matcher(repository).matches() ? Optional.of(new ImageReference(repository, reference))
                : Optional.empty();
    }

    /** The image a reference names, if it exists. */
    public synchronized Optional<ImageRecord> findImage(ImageReference reference) {
        if (!repositories.containsKey(reference.repository())) {
            return Optional.empty();
        }
        ImageId id = reference.byDigest() ? new ImageId(Optional.of(reference.reference()), Optional.empty())
                : new ImageId(Optional.empty(), Optional.of(reference.reference()));
        return find(reference.repository(), id);
    }

    /** An image's full identity: the URI pinned to its digest. */
    public String pinnedUri(ImageRecord image) {
        return repositoryUri(image.repository()) + "@" + image.digest();
    }

    @Override
    public void close() {
        for (Upload upload : List.copyOf(uploads.values())) {
            try {
                Files.deleteIfExists(upload.file);
            } catch (IOException e) {
                // scratch space; the directory goes next
            }
        }
        uploads.clear();
        try {
            Files.deleteIfExists(uploadDirectory);
        } catch (IOException e) {
            // left in the temporary directory
        }
    }
}
