package dev.stepsolver.emulator.state;

import java.nio.file.Path;

/** A state file cannot be read back: startup stops and names the file, nothing is dropped silently. */
public final class StateCorruptedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String location;

    public StateCorruptedException(Path file, String reason, Throwable cause) {
        this(file.toString(), reason, cause);
    }

    /** @param location the file (or entry) that cannot be read */
    public StateCorruptedException(String location, String reason, Throwable cause) {
        super("State file " + location + " is corrupt or half-written (" + reason + "). The emulator will not"
                + " start with it: restore it, or move it away to drop that entry.", cause);
        this.location = location;
    }

    public String location() {
        return location;
    }
}
