package dev.stepsolver.emulator.codebuild;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The file patterns of buildspec {@code artifacts}, {@code reports} and {@code exclude-paths}, with
 * CodeBuild's meaning: {@code **} spans directories and {@code **}{@code /} may match no directory at
 * all (so {@code **}{@code /*} is every file, the top level included); a pattern naming a directory
 * takes everything under it. Symbolic links are not followed.
 */
final class FileGlobs {

    /** More files than any build here produces; a bound so a runaway tree cannot stall a build. */
    static final int MAX_FILES = 500_000;
    private static final int MAX_DEPTH = 64;
    private static final int MAX_OPTIONAL_SEGMENTS = 6;

    private final List<PathMatcher> matchers = new ArrayList<>();
    private final List<String> directories = new ArrayList<>();

    private FileGlobs(List<String> patterns) {
        for (String raw : patterns) {
            String pattern = normalize(raw);
            if (pattern.isEmpty()) {
                continue;
            }
            if (!hasGlob(pattern)) {
                directories.add(pattern);
            }
            for (String variant : variants(pattern)) {
                matchers.add(FileSystems.getDefault().getPathMatcher("glob:" + variant));
            }
        }
    }

    static FileGlobs of(List<String> patterns) {
        return new FileGlobs(patterns);
    }

    /** Whether {@code relative} (with {@code /} separators) matches one of the patterns. */
    boolean matches(String relative) {
        Path path = Path.of(relative);
        for (PathMatcher matcher : matchers) {
            if (matcher.matches(path)) {
                return true;
            }
        }
        for (String directory : directories) {
            if (relative.startsWith(directory + "/")) {
                return true;
            }
        }
        return false;
    }

    /**
     * Regular files under {@code base} matching {@code include} and not {@code exclude}, as sorted
     * relative paths with {@code /} separators.
     *
     * @throws TooManyFilesException past {@link #MAX_FILES}
     */
    static List<String> select(Path base, List<String> include, List<String> exclude) throws IOException {
        FileGlobs included = of(include);
        FileGlobs excluded = of(exclude);
        Set<String> result = new TreeSet<>();
        if (!Files.isDirectory(base)) {
            return List.of();
        }
        int[] seen = {0};
        try (Stream<Path> walk = Files.walk(base, MAX_DEPTH, new FileVisitOption[0])) {
            walk.forEach(file -> {
                if (++seen[0] > MAX_FILES) {
                    throw new TooManyFilesException(base);
                }
                if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                    return;
                }
                String relative = base.relativize(file).toString().replace('\\', '/');
                if (included.matches(relative) && !excluded.matches(relative)) {
                    result.add(relative);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return List.copyOf(result);
    }

    /** Thrown when a directory tree holds more entries than {@link #MAX_FILES}. */
    static final class TooManyFilesException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        TooManyFilesException(Path base) {
            super("more than " + MAX_FILES + " entries under " + base, null, false, false);
        }
    }

    private static String normalize(String pattern) {
        String p = pattern.trim().replace('\\', '/');
        while (p.startsWith("./")) {
            p = p.substring(2);
        }
        while (p.startsWith("/")) {
            p = p.substring(1);
        }
        while (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p;
    }

    private static boolean hasGlob(String pattern) {
        return pattern.chars().anyMatch(c -> c == '*' || c == '?' || c == '[' || c == '{');
    }

    /** The pattern with each {@code **}{@code /} either kept or dropped (so it may match zero directories). */
    private static Set<String> variants(String pattern) {
        Set<String> result = new LinkedHashSet<>();
        result.add(pattern);
        int optional = 0;
        List<String> frontier = new ArrayList<>(result);
        while (optional < MAX_OPTIONAL_SEGMENTS && !frontier.isEmpty()) {
            List<String> next = new ArrayList<>();
            for (String variant : frontier) {
                int at = variant.indexOf("**/");
                while (at >= 0) {
                    if (at == 0 || variant.charAt(at - 1) == '/') {
                        String dropped = variant.substring(0, at) + variant.substring(at + 3);
                        if (result.add(dropped)) {
                            next.add(dropped);
                        }
                    }
                    at = variant.indexOf("**/", at + 1);
                }
            }
            frontier = next;
            optional++;
        }
        return result;
    }
}
