package dev.stepsolver.emulator.codebuild;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * One bash process that runs all of a build's commands, so variables, functions, options and the
 * working directory carry from command to command and phase to phase, as with CodeBuild's
 * {@code shell: bash}. Each command is written to a file and {@code source}d with stdin from
 * {@code /dev/null}; a line carrying a random marker and the status follows it on the output.
 *
 * <p>A command that ends the shell ({@code exit 1}, {@code set -e} and a failure) fails with the
 * shell's status, as in CodeBuild; the shell's exit trap saved its variables, functions, options
 * and directory, and the next command runs in a new shell that restores them. Background processes
 * of the old shell are killed then (AWS would keep them; a leak on this machine is worse).
 */
final class BashSession implements AutoCloseable {

    /** Thrown when the session was killed (stop, timeout, shutdown) while a command ran. */
    static final class KilledException extends Exception {
        private static final long serialVersionUID = 1L;

        KilledException() {
            super("the build's processes were killed", null, false, false);
        }
    }

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final int MAX_LINE_CHARS = 16 * 1024;
    private static final long DRAIN_MILLIS = 2_000;
    /** Bash's own variables, which are read-only or meaningless in another shell. */
    private static final String SKIPPED_VARIABLES = "BASH|BASH_*|BASHOPTS|BASHPID|COMP_WORDBREAKS|DIRSTACK|EPOCH*"
            + "|EUID|FUNCNAME|GROUPS|HISTCMD|LINENO|OLDPWD|OPTIND|PIPESTATUS|PPID|PWD|RANDOM|SECONDS|SHELLOPTS|SHLVL"
            + "|SRANDOM|UID|_|__cb_*";

    private final Path control;
    private final Path workDirectory;
    private final Map<String, String> environment;
    private final boolean posix;
    private final Consumer<String> output;
    private final String marker = "__CODEBUILD_EMULATOR_" + UUID.randomUUID().toString().replace("-", "") + "__";
    private final AtomicBoolean killed = new AtomicBoolean();
    private final Object lock = new Object();
    private Shell shell;
    private int commands;

    /**
     * @param control a private directory for command files and saved shell state
     * @param workDirectory where the shell starts
     * @param environment the whole environment of the shell
     * @param posix {@code shell: sh}: bash in POSIX mode
     * @param output receives each output line (stdout and stderr, interleaved as written)
     */
    BashSession(Path control, Path workDirectory, Map<String, String> environment, boolean posix,
            Consumer<String> output) {
        this.control = control;
        this.workDirectory = workDirectory;
        this.environment = Map.copyOf(environment);
        this.posix = posix;
        this.output = output;
    }

    /** One incarnation of the shell process. */
    private record Shell(Process process, Writer stdin, BlockingQueue<Event> events, Thread reader) {
    }

    private sealed interface Event {
        record Status(int status) implements Event {
        }

        record OutputClosed() implements Event {
        }

        record ProcessExited() implements Event {
        }

        record Killed() implements Event {
        }
    }

    /**
     * Runs {@code command} and returns its exit status.
     *
     * @throws KilledException when the session is killed before the command ends
     */
    int run(String command) throws IOException, InterruptedException, KilledException {
        Path file;
        Shell current;
        synchronized (lock) {
            if (killed.get()) {
                throw new KilledException();
            }
            current = ensureShell();
            file = control.resolve("command-" + (++commands) + ".sh");
        }
        Files.writeString(file, command.endsWith("\n") ? command : command + "\n", StandardCharsets.UTF_8);
        String line = "source " + quote(file.toString()) + " </dev/null; printf '%s %d\\n' '" + marker + "' \"$?\"\n";
        try {
            current.stdin().write(line);
            current.stdin().flush();
        } catch (IOException e) {
            // the shell is already gone: its exit status is the answer
        }
        return await(current);
    }

    /** Sets (and exports) a variable in the session, as later commands will see it. */
    void export(String name, String value) throws IOException, InterruptedException, KilledException {
        requireName(name);
        run("export " + name + "=" + quote(value));
    }

    /**
     * The values of {@code names} in the session now; a name that is not set maps to empty.
     */
    Map<String, Optional<String>> read(List<String> names) throws IOException, InterruptedException, KilledException {
        names.forEach(BashSession::requireName);
        Path values = control.resolve("values-" + UUID.randomUUID());
        StringBuilder script = new StringBuilder(": > " + quote(values.toString()) + "\n");
        for (String name : names) {
            script.append("if [ -n \"${").append(name).append("+x}\" ]; then printf '1%s\\0' \"$").append(name)
                    .append("\"; else printf '0\\0'; fi >> ").append(quote(values.toString())).append('\n');
        }
        run(script.toString());
        String[] fields = Files.exists(values) ? Files.readString(values, StandardCharsets.UTF_8).split("\0", -1)
                : new String[0];
        Map<String, Optional<String>> result = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            String field = i < fields.length ? fields[i] : "0";
            result.put(names.get(i), field.startsWith("1") ? Optional.of(field.substring(1)) : Optional.empty());
        }
        Files.deleteIfExists(values);
        return result;
    }

    /** {@code text} after the shell's expansions ({@code $VAR}, {@code $(command)}), as in a here-document. */
    String expand(String text) throws IOException, InterruptedException, KilledException {
        Path result = control.resolve("expanded-" + UUID.randomUUID());
        String end = "__CODEBUILD_EMULATOR_END_" + UUID.randomUUID().toString().replace("-", "");
        run("cat > " + quote(result.toString()) + " <<" + end + "\n" + text.replace("\n", " ") + "\n" + end);
        String expanded = Files.exists(result) ? Files.readString(result, StandardCharsets.UTF_8).strip() : text;
        Files.deleteIfExists(result);
        return expanded;
    }

    /** Kills the shell and everything it started; running and later commands fail with {@link KilledException}. */
    void kill() {
        Shell current;
        synchronized (lock) {
            if (!killed.compareAndSet(false, true)) {
                return;
            }
            current = shell;
        }
        if (current != null) {
            ProcessTrees.kill(current.process().toHandle(), true);
            current.events().add(new Event.Killed());
        }
    }

    /** Ends the session: what the commands left running is killed, then the shell. */
    @Override
    public void close() {
        Shell current;
        synchronized (lock) {
            current = shell;
            shell = null;
        }
        if (current != null) {
            end(current);
        }
    }

    private Shell ensureShell() throws IOException {
        if (shell != null && shell.process().isAlive()) {
            return shell;
        }
        if (shell != null) {
            end(shell);
        }
        Path state = control.resolve("shell-state.sh");
        boolean restore = Files.exists(state);
        List<String> command = new ArrayList<>(List.of("bash", "--noprofile", "--norc"));
        if (posix) {
            command.add("--posix");
        }
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDirectory.toFile())
                .redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().putAll(environment);
        Process process = builder.start();
        BlockingQueue<Event> events = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> pump(process.getInputStream(), events), "codebuild-output");
        reader.setDaemon(true);
        reader.start();
        process.onExit().thenRun(() -> events.add(new Event.ProcessExited()));
        Writer stdin = new BufferedWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8));
        String quotedState = quote(state.toString());
        StringBuilder init = new StringBuilder();
        if (restore) {
            init.append("source ").append(quotedState).append(" >/dev/null 2>&1\n");
        }
        // Saves what the next shell needs, should a command end this one.
        init.append("trap '{ for __cb_v in $(compgen -v); do case $__cb_v in ").append(SKIPPED_VARIABLES)
                .append(") ;; *) declare -p \"$__cb_v\" ;; esac; done; declare -f; set +o; shopt -p;")
                .append(" printf \"cd -- %q\\n\" \"$PWD\"; } > ").append(quotedState.replace("'", "'\\''"))
                .append(" 2>/dev/null' EXIT\n");
        stdin.write(init.toString());
        stdin.flush();
        shell = new Shell(process, stdin, events, reader);
        return shell;
    }

    private int await(Shell current) throws InterruptedException, KilledException {
        while (true) {
            Event event = current.events().take();
            switch (event) {
                case Event.Status status -> {
                    if (killed.get()) {
                        throw new KilledException();
                    }
                    return status.status();
                }
                case Event.Killed killedEvent -> throw new KilledException();
                case Event.OutputClosed closed -> {
                    return ended(current);
                }
                case Event.ProcessExited exited -> {
                    // The output may still hold the command's last lines (or its status line).
                    Event late = current.events().poll(DRAIN_MILLIS, TimeUnit.MILLISECONDS);
                    if (late instanceof Event.Status status) {
                        return status.status();
                    }
                    return ended(current);
                }
            }
        }
    }

    private int ended(Shell current) throws InterruptedException, KilledException {
        if (killed.get()) {
            throw new KilledException();
        }
        current.process().waitFor(DRAIN_MILLIS, TimeUnit.MILLISECONDS);
        current.reader().join(DRAIN_MILLIS);
        int status = current.process().isAlive() ? 1 : current.process().exitValue();
        synchronized (lock) {
            if (shell == current) {
                end(current);
                shell = null;
            }
        }
        return status;
    }

    private void end(Shell current) {
        ProcessTrees.kill(current.process().toHandle(), false);
        try {
            current.stdin().close();
        } catch (IOException e) {
            // already closed by the shell's exit
        }
        try {
            if (!current.process().waitFor(DRAIN_MILLIS, TimeUnit.MILLISECONDS)) {
                ProcessTrees.kill(current.process().toHandle(), true);
            }
        } catch (InterruptedException e) {
            ProcessTrees.kill(current.process().toHandle(), true);
            Thread.currentThread().interrupt();
        }
    }

    /** Splits the shell's output into lines, turning marker lines into status events. */
    private void pump(InputStream stream, BlockingQueue<Event> events) {
        Reader in = new InputStreamReader(stream, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE));
        StringBuilder line = new StringBuilder();
        char[] buffer = new char[8192];
        try (in) {
            int read;
            while ((read = in.read(buffer)) >= 0) {
                for (int i = 0; i < read; i++) {
                    char c = buffer[i];
                    if (c == '\n') {
                        emit(line, events);
                        line.setLength(0);
                    } else if (c != '\r') {
                        line.append(c);
                        if (line.length() >= MAX_LINE_CHARS) {
                            emit(line, events);
                            line.setLength(0);
                        }
                    }
                }
            }
        } catch (IOException e) {
            // the process is gone: what was read is all there is
        }
        if (!line.isEmpty()) {
            emit(line, events);
        }
        events.add(new Event.OutputClosed());
    }

    private void emit(StringBuilder line, BlockingQueue<Event> events) {
        int at = line.indexOf(marker);
        if (at < 0) {
            output.accept(line.toString());
            return;
        }
        if (at > 0) {
            // a command's last output without a newline, followed by the status line
            output.accept(line.substring(0, at));
        }
        String status = line.substring(at + marker.length()).trim();
        try {
            events.add(new Event.Status(Integer.parseInt(status)));
        } catch (NumberFormatException e) {
            events.add(new Event.Status(1));
        }
    }

    private static void requireName(String name) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("not a variable name: " + name);
        }
    }

    /** Single-quotes {@code text} for bash. */
    static String quote(String text) {
        return "'" + text.replace("'", "'\\''") + "'";
    }
}
