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

    /** The best this JVM offers: the AOT cache on JDK 25 and later, AppCDS before. */
    public static StartupCache best() {
        return Runtime.version().feature() >= 25 ? AOT_CACHE : APP_CDS;
    }
}
