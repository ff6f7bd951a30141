package dev.stepsolver.emulator.codeconnections;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;

/** A local git repository made with JGit in a test's temporary directory, committed to as a developer would. */
public final class GitFixture implements AutoCloseable {

    private final Git git;
    private final Path directory;

    private GitFixture(Git git, Path directory) {
        this.git = git;
        this.directory = directory;
    }

    /** A new repository on branch {@code main}. */
    public static GitFixture init(Path directory) {
        try {
            Files.createDirectories(directory);
            return new GitFixture(Git.init().setDirectory(directory.toFile()).setInitialBranch("main").call(),
                    directory);
        } catch (GitAPIException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public Path directory() {
        return directory;
    }

    /** Writes {@code files} (path to content; a path ending in {@code *} is made executable) and commits them all. */
    public String commit(String message, Map<String, String> files) {
        try {
            for (Map.Entry<String, String> file : files.entrySet()) {
                boolean executable = file.getKey().endsWith("*");
                String name = executable ? file.getKey().substring(0, file.getKey().length() - 1) : file.getKey();
                Path path = directory.resolve(name);
                Files.createDirectories(path.getParent());
                Files.writeString(path, file.getValue());
                Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(executable ? "rwxr-xr-x"
                        : "rw-r--r--"));
            }
            git.add().addFilepattern(".").call();
            PersonIdent author = new PersonIdent("Dev", "dev@example.com");
            return git.commit().setMessage(message).setAuthor(author).setCommitter(author).call().getName();
        } catch (GitAPIException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Creates {@code branch} at the current commit and checks it out. */
    public void checkoutNewBranch(String branch) {
        try {
            git.checkout().setCreateBranch(true).setName(branch).call();
        } catch (GitAPIException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        git.close();
    }
}
