package dev.stepsolver.pipeline.cli;

import java.io.PrintWriter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** A command that talks to AWS; {@link Main} hands it the services. */
abstract class ServiceCommand {

    @Spec
    CommandSpec spec;

    Services services;

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }
}
