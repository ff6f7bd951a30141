package dev.stepsolver.emulator.codeconnections;

import java.time.Instant;

/**
 * A commit as a source action reports it.
 *
 * @param id the full SHA-1
 * @param message the full commit message
 * @param authorDate when the author made it
 */
public record CommitInfo(String id, String message, Instant authorDate, String authorName) {

    /** The first line of the message, as consoles show a revision summary. */
    public String summary() {
        int newline = message.indexOf('\n');
        return (newline < 0 ? message : message.substring(0, newline)).strip();
    }
}
