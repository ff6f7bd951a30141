package dev.stepsolver.emulator.codeconnections;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.diff.DiffFormatter;
import org.eclipse.jgit.errors.RepositoryNotFoundException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.util.io.DisabledOutputStream;

/**
 * A local git repository read with JGit, as a connection reads the provider's: branch heads, commits,
 * the files a push changed, and the tree of a commit as a zip that keeps Unix file modes (a
 * {@code ./mvnw} stays executable in CodeBuild). The repository is opened for each call, so commits
 * made meanwhile by anyone (a test, the user's {@code git}) are seen at once.
 */
public final class LocalRepository {

    /** The most a source zip may hold: it is handed to S3 in memory. */
    public static final long MAX_ZIP_BYTES = 512L * 1024 * 1024;
    private static final int MAX_ENTRIES = 200_000;

    private final Path directory;
    private final String fullRepositoryId;

    private LocalRepository(Path directory, String fullRepositoryId) {
        this.directory = directory;
        this.fullRepositoryId = fullRepositoryId;
    }

    /**
     * The repository a link names.
     *
     * @throws GitAccessException when the location is neither a path nor a {@code file://} URL
     */
    public static LocalRepository of(RepositoryLink link) throws GitAccessException {
        return new LocalRepository(path(link.location()), link.fullRepositoryId());
    }

    /** A location as a directory: a path, or a {@code file://} URL. */
    static Path path(String location) throws GitAccessException {
        try {
            if (location.startsWith("file:")) {
                return Path.of(URI.create(location)).toAbsolutePath().normalize();
            }
            if (location.matches("[a-zA-Z][a-zA-Z0-9+.-]*://.*")) {
                throw new GitAccessException("Only local repositories can be connected (a path or a file:// URL), not "
                        + location);
            }
            return Path.of(location).toAbsolutePath().normalize();
        } catch (IllegalArgumentException e) {
            throw new GitAccessException("Not a usable repository location: " + location, e);
        }
    }

    public Path directory() {
        return directory;
    }

    private Git open() throws GitAccessException {
        try {
            return Git.open(directory.toFile());
        } catch (RepositoryNotFoundException e) {
            throw new GitAccessException("The repository " + fullRepositoryId + " (" + directory
                    + ") is not a git repository");
        } catch (IOException e) {
            throw new GitAccessException("The repository " + fullRepositoryId + " (" + directory
                    + ") cannot be read: " + e.getMessage(), e);
        }
    }

    /** The commit a branch points at, if the branch exists. */
    public Optional<CommitInfo> branchHead(String branch) throws GitAccessException {
        try (Git git = open()) {
            Ref ref = git.getRepository().exactRef(Constants.R_HEADS + branch);
            if (ref == null || ref.getObjectId() == null) {
                return Optional.empty();
            }
            return Optional.of(info(git.getRepository(), ref.getObjectId()));
        } catch (IOException e) {
            throw new GitAccessException("Cannot read branch " + branch + " of " + fullRepositoryId + ": "
                    + e.getMessage(), e);
        }
    }

    /** A commit by its id (full or abbreviated). */
    public CommitInfo commit(String id) throws GitAccessException {
        try (Git git = open()) {
            return info(git.getRepository(), resolve(git.getRepository(), id));
        } catch (IOException e) {
            throw new GitAccessException("Cannot read commit " + id + " of " + fullRepositoryId + ": "
                    + e.getMessage(), e);
        }
    }

    private ObjectId resolve(Repository repository, String id) throws IOException, GitAccessException {
        ObjectId resolved;
        try {
            resolved = repository.resolve(id + "^{commit}");
        } catch (org.eclipse.jgit.errors.RevisionSyntaxException | org.eclipse.jgit.errors.AmbiguousObjectException
                | org.eclipse.jgit.errors.MissingObjectException e) {
            resolved = null;
        }
        if (resolved == null || !repository.getObjectDatabase().has(resolved)) {
            throw new GitAccessException("The commit " + id + " is not in the repository " + fullRepositoryId);
        }
        return resolved;
    }

    private static CommitInfo info(Repository repository, ObjectId id) throws IOException {
        try (RevWalk walk = new RevWalk(repository)) {
            RevCommit commit = walk.parseCommit(id);
            return new CommitInfo(commit.getName(), commit.getFullMessage(),
                    commit.getAuthorIdent().getWhenAsInstant(), commit.getAuthorIdent().getName());
        }
    }

    /**
     * The paths that differ between two commits (old and new names of renamed files both count);
     * without {@code from}, or when {@code from} is not in the repository, every file of {@code to}.
     */
    public Set<String> changedFiles(Optional<String> from, String to) throws GitAccessException {
        try (Git git = open(); RevWalk walk = new RevWalk(git.getRepository())) {
            Repository repository = git.getRepository();
            RevCommit newCommit = walk.parseCommit(resolve(repository, to));
            Optional<RevCommit> oldCommit = Optional.empty();
            if (from.isPresent()) {
                try {
                    ObjectId oldId = repository.resolve(from.get() + "^{commit}");
                    if (oldId != null && repository.getObjectDatabase().has(oldId)) {
                        oldCommit = Optional.of(walk.parseCommit(oldId));
                    }
                } catch (org.eclipse.jgit.errors.RevisionSyntaxException
                        | org.eclipse.jgit.errors.MissingObjectException e) {
                    // an unknown base: every file counts as changed
                }
            }
            Set<String> changed = new LinkedHashSet<>();
            if (oldCommit.isEmpty()) {
                try (TreeWalk tree = new TreeWalk(repository)) {
                    tree.addTree(newCommit.getTree());
                    tree.setRecursive(true);
                    while (tree.next()) {
                        changed.add(tree.getPathString());
                    }
                }
                return changed;
            }
            try (DiffFormatter diff = new DiffFormatter(DisabledOutputStream.INSTANCE)) {
                diff.setRepository(repository);
                for (DiffEntry entry : diff.scan(oldCommit.get().getTree(), newCommit.getTree())) {
                    if (!DiffEntry.DEV_NULL.equals(entry.getOldPath())) {
                        changed.add(entry.getOldPath());
                    }
                    if (!DiffEntry.DEV_NULL.equals(entry.getNewPath())) {
                        changed.add(entry.getNewPath());
                    }
                }
            }
            return changed;
        } catch (IOException e) {
            throw new GitAccessException("Cannot compare " + from.orElse("nothing") + " with " + to + " in "
                    + fullRepositoryId + ": " + e.getMessage(), e);
        }
    }

    /**
     * The files of a commit as a zip, at its root (CodePipeline's CODE_ZIP): regular files 0644,
     * executables 0755, symbolic links as links; submodules are left out as GitHub's archives do.
     */
    public byte[] zip(String commitId) throws GitAccessException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (Git git = open(); RevWalk walk = new RevWalk(git.getRepository());
                ZipArchiveOutputStream zip = new ZipArchiveOutputStream(new Bounded(bytes, MAX_ZIP_BYTES))) {
            Repository repository = git.getRepository();
            RevCommit commit = walk.parseCommit(resolve(repository, commitId));
            long time = commit.getCommitterIdent().getWhenAsInstant().toEpochMilli();
            int entries = 0;
            try (TreeWalk tree = new TreeWalk(repository)) {
                tree.addTree(commit.getTree());
                tree.setRecursive(true);
                while (tree.next()) {
                    FileMode mode = tree.getFileMode(0);
                    if (mode == FileMode.GITLINK) {
                        continue;
                    }
                    if (++entries > MAX_ENTRIES) {
                        throw new GitAccessException("The commit " + commitId + " has more than " + MAX_ENTRIES
                                + " files");
                    }
                    ZipArchiveEntry entry = new ZipArchiveEntry(tree.getPathString());
                    entry.setTime(time);
                    if (mode == FileMode.SYMLINK) {
                        entry.setUnixMode(0120777);
                    } else {
                        entry.setUnixMode(mode == FileMode.EXECUTABLE_FILE ? 0100755 : 0100644);
                    }
                    zip.putArchiveEntry(entry);
                    ObjectLoader loader = repository.open(tree.getObjectId(0));
                    try (InputStream in = loader.openStream()) {
                        in.transferTo(zip);
                    }
                    zip.closeArchiveEntry();
                }
            }
            zip.finish();
        } catch (Bounded.TooBig e) {
            throw new GitAccessException("The commit " + commitId + " of " + fullRepositoryId
                    + " zips to more than " + MAX_ZIP_BYTES + " bytes");
        } catch (IOException e) {
            throw new GitAccessException("Cannot read commit " + commitId + " of " + fullRepositoryId + ": "
                    + e.getMessage(), e);
        }
        return bytes.toByteArray();
    }

    /**
     * A full clone checked out at {@code commitId} on {@code branch}, {@code .git} included, as a zip
     * (CODEBUILD_CLONE_REF: CodeBuild gets a repository it can run git commands in).
     */
    public byte[] cloneZip(String commitId, String branch, Path scratch) throws GitAccessException {
        Path checkout = null;
        try {
            Files.createDirectories(scratch);
            checkout = Files.createTempDirectory(scratch, "clone-");
            try (Git clone = Git.cloneRepository().setURI(directory.toUri().toString())
                    .setDirectory(checkout.toFile()).setBranch(branch).setCloneAllBranches(false).call()) {
                ObjectId target = resolve(clone.getRepository(), commitId);
                clone.reset().setMode(org.eclipse.jgit.api.ResetCommand.ResetType.HARD).setRef(target.getName())
                        .call();
            }
            return zipDirectory(checkout);
        } catch (GitAPIException | IOException e) {
            throw new GitAccessException("Cannot clone " + fullRepositoryId + " at " + commitId + ": "
                    + e.getMessage(), e);
        } finally {
            if (checkout != null) {
                deleteTree(checkout);
            }
        }
    }

    private byte[] zipDirectory(Path root) throws IOException, GitAccessException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).sorted().toList();
        }
        if (files.size() > MAX_ENTRIES) {
            throw new GitAccessException("The clone of " + fullRepositoryId + " has more than " + MAX_ENTRIES
                    + " files");
        }
        try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(new Bounded(bytes, MAX_ZIP_BYTES))) {
            for (Path file : files) {
                ZipArchiveEntry entry = new ZipArchiveEntry(root.relativize(file).toString().replace('\\', '/'));
                entry.setUnixMode(0100000 | mode(Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS)));
                zip.putArchiveEntry(entry);
                Files.copy(file, zip);
                zip.closeArchiveEntry();
            }
            zip.finish();
        } catch (Bounded.TooBig e) {
            throw new GitAccessException("The clone of " + fullRepositoryId + " zips to more than " + MAX_ZIP_BYTES
                    + " bytes");
        }
        return bytes.toByteArray();
    }

    private static int mode(Set<PosixFilePermission> permissions) {
        int mode = 0;
        for (PosixFilePermission permission : permissions) {
            mode |= 1 << (8 - permission.ordinal());
        }
        return mode;
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> walk = Files.walk(root)) {
            List<Path> all = new ArrayList<>(walk.sorted(Comparator.reverseOrder()).toList());
            for (Path path : all) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            // a temporary directory left behind is not worth failing the action for
        }
    }

    /** An output stream that refuses to grow past a bound (a repository is input like any other). */
    private static final class Bounded extends OutputStream {
        static final class TooBig extends IOException {
            private static final long serialVersionUID = 1L;
        }

        private final OutputStream out;
        private final long limit;
        private long written;

        Bounded(OutputStream out, long limit) {
            this.out = out;
            this.limit = limit;
        }

        @Override
        public void write(int b) throws IOException {
            count(1);
            out.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            count(len);
            out.write(b, off, len);
        }

        private void count(int more) throws TooBig {
            written += more;
            if (written > limit) {
                throw new TooBig();
            }
        }
    }

    @Override
    public String toString() {
        return fullRepositoryId + " at " + directory;
    }
}
