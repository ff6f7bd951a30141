package dev.stepsolver.emulator.ecr;

/** A content-addressed blob (layer or config): its digest, where its bytes are stored, its size. */
public record BlobRecord(String digest, String blobId, long size) {
}
