package dev.stepsolver.emulator.ecr;

/**
 * An OCI Distribution error: a code from the spec's list (BLOB_UNKNOWN, DIGEST_INVALID...), a
 * message, and the HTTP status the registry answers with.
 */
public final class RegistryError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String code;
    private final int status;

    public RegistryError(String code, String message, int status) {
        super(message, null, false, false);
        this.code = code;
        this.status = status;
    }

    public String code() {
        return code;
    }

    public int status() {
        return status;
    }

    static RegistryError nameUnknown(String repository, String registryId) {
        return new RegistryError("NAME_UNKNOWN", "The repository with name '" + repository
                + "' does not exist in the registry with id '" + registryId + "'", 404);
    }

    static RegistryError blobUnknown(String digest) {
        return new RegistryError("BLOB_UNKNOWN", "blob unknown to registry: " + digest, 404);
    }

    static RegistryError uploadUnknown(String id) {
        return new RegistryError("BLOB_UPLOAD_UNKNOWN", "blob upload unknown to registry: " + id, 404);
    }

    static RegistryError manifestUnknown(String reference) {
        return new RegistryError("MANIFEST_UNKNOWN", "manifest unknown: " + reference, 404);
    }

    static RegistryError digestInvalid(String message) {
        return new RegistryError("DIGEST_INVALID", message, 400);
    }

    static RegistryError manifestInvalid(String message) {
        return new RegistryError("MANIFEST_INVALID", message, 400);
    }
}
