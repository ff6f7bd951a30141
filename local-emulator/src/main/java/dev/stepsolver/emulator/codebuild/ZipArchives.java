package dev.stepsolver.emulator.codebuild;

import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Source and artifact zips through the JDK's zip file system, which (unlike {@code ZipInputStream})
 * reads and writes Unix permissions: a source's {@code ./mvnw} stays executable, as in CodeBuild.
 */
final class ZipArchives {

    static final int MAX_ENTRIES = 200_000;
    static final long MAX_UNPACKED_BYTES = 8L * 1024 * 1024 * 1024;

    private ZipArchives() {
    }

    /** A zip that cannot be unpacked safely or at all. */
    static final class BadArchiveException extends Exception {
        private static final long serialVersionUID = 1L;

        BadArchiveException(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * Unpacks {@code zip} into {@code target}, keeping stored permissions; entries that would land
     * outside {@code target} ({@code ../} tricks) are refused.
     */
    static void unzip(Path zip, Path target) throws IOException, BadArchiveException {
        Path root = target.toAbsolutePath().normalize();
        Files.createDirectories(root);
        FileSystem fs;
        try {
            fs = FileSystems.newFileSystem(zip, Map.of("enablePosixFileAttributes", "true"));
        } catch (IOException | RuntimeException e) {
            throw new BadArchiveException("the source is not a readable zip file: " + e.getMessage());
        }
        try (fs; Stream<Path> entries = Files.walk(fs.getPath("/"))) {
            long[] totals = {0, 0};
            for (Path entry : (Iterable<Path>) entries::iterator) {
                if (++totals[0] > MAX_ENTRIES) {
                    throw new BadArchiveException("the source zip has more than " + MAX_ENTRIES + " entries");
                }
                String name = entry.toString();
                if (name.equals("/")) {
                    continue;
                }
                Path destination = root.resolve(name.substring(1)).normalize();
                if (!destination.startsWith(root)) {
                    throw new BadArchiveException("the source zip has an entry outside its root: " + name);
                }
                if (Files.isDirectory(entry)) {
                    Files.createDirectories(destination);
                    continue;
                }
                totals[1] += Files.size(entry);
                if (totals[1] > MAX_UNPACKED_BYTES) {
                    throw new BadArchiveException("the source zip unpacks to more than " + MAX_UNPACKED_BYTES
                            + " bytes");
                }
                Files.createDirectories(destination.getParent());
                Files.copy(entry, destination, StandardCopyOption.REPLACE_EXISTING);
                Object stored = Files.getAttribute(entry, "zip:permissions");
                if (stored instanceof Set<?> permissions && !permissions.isEmpty()) {
                    @SuppressWarnings("unchecked")
                    Set<PosixFilePermission> posix = (Set<PosixFilePermission>) permissions;
                    try {
                        Files.setPosixFilePermissions(destination, posix);
                    } catch (UnsupportedOperationException e) {
                        // not a POSIX file system: the content is what matters
                    }
                }
            }
        } catch (java.util.zip.ZipException e) {
            throw new BadArchiveException("the source zip is corrupt: " + e.getMessage());
        }
    }

    /**
     * Writes the {@code files} (relative to {@code base}) into a new zip at {@code zip}, with their
     * permissions; with {@code discardPaths} each goes to the zip's root under its file name (a
     * later file of the same name replaces an earlier one, as flattening implies).
     */
    static void zip(Path base, List<String> files, boolean discardPaths, Path zip) throws IOException {
        Files.deleteIfExists(zip);
        try (FileSystem fs = FileSystems.newFileSystem(zip, Map.of("create", "true",
                "enablePosixFileAttributes", "true", "useTempFile", Boolean.TRUE))) {
            for (String file : files) {
                Path source = base.resolve(file);
                String name = discardPaths ? source.getFileName().toString() : file;
                Path entry = fs.getPath("/" + name);
                if (entry.getParent() != null) {
                    Files.createDirectories(entry.getParent());
                }
                Files.copy(source, entry, StandardCopyOption.REPLACE_EXISTING);
                try {
                    Files.setPosixFilePermissions(entry, Files.getPosixFilePermissions(source));
                } catch (UnsupportedOperationException e) {
                    // the source file system has no POSIX permissions: leave the zip's default
                }
            }
        }
    }
}
