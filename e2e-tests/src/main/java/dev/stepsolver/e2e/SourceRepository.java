package dev.stepsolver.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.lib.PersonIdent;

/**
 * The local git repository the pipeline's source action is connected to, made from the project's
 * current sources: its tracked files plus the untracked ones git would not ignore (so work in
 * progress is part of the run), never build output. Commits stand for pushes: the pipeline polls
 * the branch and starts an execution for each new head.
 */
public final class SourceRepository implements AutoCloseable {

    private static final PersonIdent AUTHOR = new PersonIdent("Local Pipeline", "local-pipeline@stepsolver.invalid");
    /** Directories never copied when the sources are not a git work tree. */
    private static final Set<String> SKIPPED = Set.of(".git", "target", ".idea", ".vscode", "node_modules");
    private static final int MAX_FILES = 20_000;

    private final Git git;
    private final Path directory;
    private final String branch;

    private SourceRepository(Git git, Path directory, String branch) {
        this.git = git;
        this.directory = directory;
        this.branch = branch;
    }

    /**
     * Copies the sources under {@code sources} into a new repository at {@code directory} (which must
     * not exist or be empty) and commits them on {@code branch}.
     */
    public static SourceRepository copyOf(Path sources, Path directory, String branch) throws IOException {
        List<String> files = sourceFiles(sources);
        Files.createDirectories(directory);
        try (Stream<Path> existing = Files.list(directory)) {
            if (existing.findAny().isPresent()) {
                throw new IOException(directory + " is not empty");
            }
        }
        for (String file : files) {
            Path target = directory.resolve(file);
            Files.createDirectories(target.getParent());
            Files.copy(sources.resolve(file), target, StandardCopyOption.COPY_ATTRIBUTES);
        }
        try {
            Git git = Git.init().setDirectory(directory.toFile()).setInitialBranch(branch).call();
            SourceRepository repository = new SourceRepository(git, directory, branch);
            repository.commitAll("Local pipeline: the project's sources");
            return repository;
        } catch (GitAPIException e) {
            throw new IOException("cannot create the git repository at " + directory + ": " + e.getMessage(), e);
        }
    }

    public Path directory() {
        return directory;
    }

    public String branch() {
        return branch;
    }

    /** The commit the branch points to. */
    public String head() throws IOException {
        return git.getRepository().resolve("refs/heads/" + branch).name();
    }

    /**
     * Changes files ({@code path -> new content from old content}; a new path starts from "") and
     * commits them: the local equivalent of a push.
     *
     * @return the new commit's id
     * @throws IllegalArgumentException when an edit leaves its file unchanged (a scenario that meant
     *     to change something would otherwise test nothing)
     */
    public String commit(String message, Map<String, UnaryOperator<String>> edits) throws IOException {
        for (Map.Entry<String, UnaryOperator<String>> edit : edits.entrySet()) {
            Path file = directory.resolve(edit.getKey()).normalize();
            if (!file.startsWith(directory)) {
                throw new IllegalArgumentException("outside the repository: " + edit.getKey());
            }
            String before = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
            String after = edit.getValue().apply(before);
            if (after.equals(before)) {
                throw new IllegalArgumentException("the edit of " + edit.getKey() + " changes nothing");
            }
            Files.createDirectories(file.getParent());
            Files.writeString(file, after, StandardCharsets.UTF_8);
        }
        return commitAll(message);
    }

    private String commitAll(String message) throws IOException {
        try {
            git.add().addFilepattern(".").call();
            git.add().addFilepattern(".").setUpdate(true).call();
            return git.commit().setMessage(message).setAuthor(AUTHOR).setCommitter(AUTHOR).call().getId().name();
        } catch (GitAPIException e) {
            throw new IOException("cannot commit in " + directory + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        git.close();
    }

    /** Paths relative to {@code sources}, sorted: git's view when it is a work tree, a filtered walk otherwise. */
    static List<String> sourceFiles(Path sources) throws IOException {
        Set<String> files = new TreeSet<>();
        if (Files.exists(sources.resolve(".git"))) {
            // a directory, or a file pointing at one (a linked work tree, a submodule)
            try (Git git = Git.open(sources.toFile())) {
                DirCache index = git.getRepository().readDirCache();
                for (int i = 0; i < index.getEntryCount(); i++) {
                    files.add(index.getEntry(i).getPathString());
                }
                files.addAll(git.status().call().getUntracked());
            } catch (GitAPIException e) {
                throw new IOException("cannot read the git status of " + sources + ": " + e.getMessage(), e);
            }
            files.removeIf(file -> !Files.isRegularFile(sources.resolve(file)));
        } else {
            Files.walkFileTree(sources, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
                    return !dir.equals(sources) && SKIPPED.contains(dir.getFileName().toString())
                            ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                    if (attributes.isRegularFile() && !file.getFileName().toString().equals(".git")) {
                        files.add(sources.relativize(file).toString().replace('\\', '/'));
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        }
        if (files.size() > MAX_FILES) {
            throw new IOException(sources + " has " + files.size() + " files to copy; at most " + MAX_FILES
                    + " are expected of this project");
        }
        return new ArrayList<>(files);
    }

    /** Deletes a directory tree (a previous run's work directory). */
    static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + root, e);
        }
    }
}
