package dev.stepsolver.emulator.codebuild;

import java.io.PrintWriter;

/** Echoes every build's log to a console, each line prefixed with the build ({@code [project:number]}). */
public final class ConsoleBuildOutput implements BuildListener {

    private final PrintWriter out;

    public ConsoleBuildOutput(PrintWriter out) {
        this.out = out;
    }

    @Override
    public void logLine(Build build, String line) {
        out.println(prefix(build) + line);
        out.flush();
    }

    @Override
    public void completed(Build build) {
        out.println(prefix(build) + "build " + build.id() + " " + build.status());
        out.flush();
    }

    private static String prefix(Build build) {
        return "[" + build.projectName() + ":" + build.buildNumber() + "] ";
    }
}
