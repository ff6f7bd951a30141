package dev.stepsolver.emulator.lambda.runtime;

/**
 * How function JVMs start faster on their second and later cold starts: a class-data archive made
 * by the first process of an image (per image digest and JVM options), used by the next ones.
 */
public enum StartupCache {
    /** Only the JDK's default class-data archive. */
    NONE,
    /** A dynamic AppCDS archive ({@code -XX:ArchiveClassesAtExit}, then {@code -XX:SharedArchiveFile}). */
    APP_CDS,
    /** The JDK 25 AOT cache ({@code -XX:AOTCacheOutput}, then {@code -XX:AOTCache}): AppCDS plus linked classes. */
    AOT_CACHE;

    /**
     * The default: dynamic AppCDS. Measured on the Lambda benchmark's solver-sized image (JDK 25, two
     * cores under a load of 3.5 to 5), cold starts took a median 303 / 511 ms (two runs) with it,
     * 438 / 527 ms with the AOT cache, 806 / 879 ms with neither.
     */
    public static StartupCache best() {
        return APP_CDS;
    }
}
