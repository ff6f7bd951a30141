package dev.stepsolver.emulator.state;

import java.nio.file.Path;

/** A state file cannot be read back: startup stops and names the file, nothing is dropped silently. */
public final class StateCorruptedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient Path file;

    public StateCorruptedException(Path file, String reason, Throwable cause) {
        super("State file " + file + " is corrupt or half-written (" + reason + "). The emulator will not start"
                + " with it: restore it, or move it away to drop that entry.", cause);
        this.file = file;
    }

    public Path file() {
        return file;
    }
}
