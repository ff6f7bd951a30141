package dev.stepsolver.emulator.lambda.runtime;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * Applies image layers (tar, or gzip-compressed tar) one after the other onto a directory, with the
 * OCI whiteouts ({@code .wh.<name>} deletes {@code <name>} of lower layers, {@code .wh..wh..opq}
 * empties a directory of lower layers' content). No entry may write outside the directory: paths
 * with {@code ..} are refused, absolute symbolic links are re-rooted inside it, and a link that would
 * lead out is skipped.
 */
final class ImageUnpacker {

    static final long MAX_UNPACKED_BYTES = 10L * 1024 * 1024 * 1024;
    static final int MAX_ENTRIES = 1_000_000;
    private static final String WHITEOUT = ".wh.";
    private static final String OPAQUE = ".wh..wh..opq";

    private final Path root;
    private long written;
    private int entries;

    ImageUnpacker(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    /** A layer that cannot be applied (unsupported compression, a hostile path, over the limits). */
    static final class InvalidLayerException extends IOException {
        private static final long serialVersionUID = 1L;

        InvalidLayerException(String message) {
            super(message);
        }
    }

    /** Applies one layer on top of what is already unpacked. */
    void apply(InputStream layer) throws IOException {
        BufferedInputStream in = new BufferedInputStream(layer, 64 * 1024);
        in.mark(4);
        byte[] magic = in.readNBytes(4);
        in.reset();
        InputStream tar;
        if (magic.length >= 2 && (magic[0] & 0xff) == 0x1f && (magic[1] & 0xff) == 0x8b) {
            tar = new GzipCompressorInputStream(in, true);
        } else if (magic.length == 4 && (magic[0] & 0xff) == 0x28 && (magic[1] & 0xff) == 0xb5
                && (magic[2] & 0xff) == 0x2f && (magic[3] & 0xff) == 0xfd) {
            throw new InvalidLayerException("zstd-compressed layers are not supported; push gzip layers");
        } else {
            tar = in;
        }
        Set<Path> createdByThisLayer = new HashSet<>();
        try (TarArchiveInputStream archive = new TarArchiveInputStream(tar)) {
            TarArchiveEntry entry;
            while ((entry = archive.getNextEntry()) != null) {
                if (++entries > MAX_ENTRIES) {
                    throw new InvalidLayerException("the image has more than " + MAX_ENTRIES + " files");
                }
                applyEntry(entry, archive, createdByThisLayer);
            }
        }
    }

    private void applyEntry(TarArchiveEntry entry, InputStream content, Set<Path> created) throws IOException {
        Path target = resolve(entry.getName());
        if (target.equals(root)) {
            return;
        }
        String base = target.getFileName().toString();
        if (base.equals(OPAQUE)) {
            Path directory = target.getParent();
            if (Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)) {
                try (DirectoryStream<Path> children = Files.newDirectoryStream(directory)) {
                    for (Path child : children) {
                        if (!created.contains(child)) {
                            deleteRecursively(child);
                        }
                    }
                }
            }
            return;
        }
        if (base.startsWith(WHITEOUT)) {
            Path hidden = target.resolveSibling(base.substring(WHITEOUT.length()));
            if (!created.contains(hidden)) {
                deleteRecursively(hidden);
            }
            return;
        }
        createParents(target);
        if (entry.isDirectory()) {
            if (!Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
                deleteRecursively(target);
                Files.createDirectories(target);
            }
        } else if (entry.isSymbolicLink()) {
            String linkTarget = entry.getLinkName();
            Path link = linkTarget.startsWith("/")
                    ? target.getParent().relativize(resolve(linkTarget))
                    : Path.of(linkTarget);
            if (!target.getParent().resolve(link).normalize().startsWith(root)) {
                return;
            }
            deleteRecursively(target);
            Files.createSymbolicLink(target, link);
        } else if (entry.isLink()) {
            Path source = resolve(entry.getLinkName());
            if (Files.isRegularFile(source, LinkOption.NOFOLLOW_LINKS)) {
                deleteRecursively(target);
                Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } else if (entry.isFile()) {
            deleteRecursively(target);
            try (OutputStream out = Files.newOutputStream(target)) {
                byte[] buffer = new byte[64 * 1024];
                int read;
                while ((read = content.read(buffer)) >= 0) {
                    written += read;
                    if (written > MAX_UNPACKED_BYTES) {
                        throw new InvalidLayerException("the image unpacks to more than " + MAX_UNPACKED_BYTES
                                + " bytes");
                    }
                    out.write(buffer, 0, read);
                }
            }
            if ((entry.getMode() & 0111) != 0) {
                Set<PosixFilePermission> permissions = EnumSet.copyOf(Files.getPosixFilePermissions(target));
                permissions.add(PosixFilePermission.OWNER_EXECUTE);
                Files.setPosixFilePermissions(target, permissions);
            }
        } else {
            // devices, fifos: nothing a function needs
            return;
        }
        created.add(target);
    }

    /** The path of an entry inside the root; refuses anything that would leave it. */
    private Path resolve(String name) throws InvalidLayerException {
        String relative = name;
        while (relative.startsWith("/") || relative.startsWith("./")) {
            relative = relative.startsWith("/") ? relative.substring(1) : relative.substring(2);
        }
        for (String segment : relative.split("/")) {
            if (segment.equals("..")) {
                throw new InvalidLayerException("a layer entry leaves the image: " + name);
            }
        }
        Path path = root.resolve(relative).normalize();
        if (!path.startsWith(root)) {
            throw new InvalidLayerException("a layer entry leaves the image: " + name);
        }
        return path;
    }

    /** Creates the parents of {@code target}, refusing to go through a symbolic link that leads out. */
    private void createParents(Path target) throws IOException {
        Path parent = target.getParent();
        if (!Files.exists(parent)) {
            try {
                Files.createDirectories(parent);
            } catch (FileAlreadyExistsException e) {
                throw new InvalidLayerException("a layer puts a file under a non-directory: " + target);
            }
        }
        if (!parent.toRealPath().startsWith(root.toRealPath())) {
            throw new InvalidLayerException("a layer entry goes through a link out of the image: " + target);
        }
    }

    static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
            try (Stream<Path> walk = Files.walk(path)) {
                for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        } else {
            Files.deleteIfExists(path);
        }
    }
}
