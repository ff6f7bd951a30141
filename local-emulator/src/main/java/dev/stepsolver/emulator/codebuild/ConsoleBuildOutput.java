package dev.stepsolver.emulator.codebuild;

import java.io.PrintStream;

/** Echoes every build's log to a console, each line prefixed with the build ({@code [project:number]}). */
public final class ConsoleBuildOutput implements BuildListener {

    private final PrintStream out;

    public ConsoleBuildOutput(PrintStream out) {
        this.out = out;
    }

    @Override
    public void logLine(Build build, String line) {
        out.println("[" + build.projectName() + ":" + build.buildNumber() + "] " + line);
    }

    @Override
    public void completed(Build build) {
        out.println("[" + build.projectName() + ":" + build.buildNumber() + "] build " + build.id() + " "
                + build.status());
    }
}
