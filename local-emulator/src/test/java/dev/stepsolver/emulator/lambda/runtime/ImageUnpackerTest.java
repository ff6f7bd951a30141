package dev.stepsolver.emulator.lambda.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Layers applied in order, with OCI whiteouts, and nothing written outside the image. */
class ImageUnpackerTest {

    @TempDir
    Path root;

    /** A layer from entries: a value of null is a directory, "->target" a symbolic link. */
    private static byte[] layer(Map<String, String> entries, boolean gzip) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = gzip ? new GzipCompressorOutputStream(bytes) : bytes;
                TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (Map.Entry<String, String> entry : entries.entrySet()) {
                if (entry.getValue() == null) {
                    tar.putArchiveEntry(new TarArchiveEntry(entry.getKey() + "/"));
                } else if (entry.getValue().startsWith("->")) {
                    TarArchiveEntry link = new TarArchiveEntry(entry.getKey(), TarArchiveEntry.LF_SYMLINK);
                    link.setLinkName(entry.getValue().substring(2));
                    tar.putArchiveEntry(link);
                } else {
                    byte[] content = entry.getValue().getBytes(StandardCharsets.UTF_8);
                    TarArchiveEntry file = new TarArchiveEntry(entry.getKey());
                    file.setSize(content.length);
                    tar.putArchiveEntry(file);
                    tar.write(content);
                }
                tar.closeArchiveEntry();
            }
        }
        return bytes.toByteArray();
    }

    private static Map<String, String> entries(String... pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map;
    }

    @Test
    void laterLayersReplaceFilesOfEarlierOnes() throws IOException {
        ImageUnpacker unpacker = new ImageUnpacker(root);

        unpacker.apply(new ByteArrayInputStream(layer(entries("var/task/a.txt", "one", "var/task/b.txt", "b"), true)));
        unpacker.apply(new ByteArrayInputStream(layer(entries("var/task/a.txt", "two"), false)));

        assertThat(root.resolve("var/task/a.txt")).hasContent("two");
        assertThat(root.resolve("var/task/b.txt")).hasContent("b");
    }

    @Test
    void aWhiteoutDeletesAFileOfALowerLayer() throws IOException {
        ImageUnpacker unpacker = new ImageUnpacker(root);
        unpacker.apply(new ByteArrayInputStream(layer(entries("var/task/lib/old.jar", "old", "var/task/keep", "k"),
                true)));

        unpacker.apply(new ByteArrayInputStream(layer(entries("var/task/lib/.wh.old.jar", ""), true)));

        assertThat(root.resolve("var/task/lib/old.jar")).doesNotExist();
        assertThat(root.resolve("var/task/keep")).exists();
    }

    @Test
    void anOpaqueWhiteoutEmptiesADirectoryButKeepsWhatItsOwnLayerAdds() throws IOException {
        ImageUnpacker unpacker = new ImageUnpacker(root);
        unpacker.apply(new ByteArrayInputStream(layer(entries("var/task/lib/a.jar", "a", "var/task/lib/b.jar", "b"),
                true)));

        unpacker.apply(new ByteArrayInputStream(layer(entries("var/task/lib/c.jar", "c",
                "var/task/lib/.wh..wh..opq", ""), true)));

        try (var files = Files.list(root.resolve("var/task/lib"))) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("c.jar");
        }
    }

    @Test
    void anEntryThatClimbsOutOfTheImageIsRefused() throws IOException {
        ImageUnpacker unpacker = new ImageUnpacker(root.resolve("image"));

        assertThatThrownBy(() -> unpacker.apply(new ByteArrayInputStream(layer(entries("../escaped.txt", "x"), true))))
                .isInstanceOf(ImageUnpacker.InvalidLayerException.class);
        assertThat(root.resolve("escaped.txt")).doesNotExist();
    }

    @Test
    void anAbsoluteSymbolicLinkIsReRootedInsideTheImage() throws IOException {
        ImageUnpacker unpacker = new ImageUnpacker(root);

        unpacker.apply(new ByteArrayInputStream(layer(entries("opt/data.txt", "data", "var/task/link", "->/opt/data.txt"),
                true)));

        assertThat(root.resolve("var/task/link").toRealPath()).isEqualTo(root.resolve("opt/data.txt").toRealPath());
    }

    @Test
    void aZstdLayerIsRefusedWithAClearMessage() {
        byte[] zstd = {0x28, (byte) 0xb5, 0x2f, (byte) 0xfd, 0, 0, 0, 0};

        assertThatThrownBy(() -> new ImageUnpacker(root).apply(new ByteArrayInputStream(zstd)))
                .hasMessageContaining("zstd");
    }
}
