package dev.stepsolver.e2e;

import dev.stepsolver.emulator.codepipeline.ExecutionRecord;
import dev.stepsolver.emulator.codepipeline.PipelineEvent;
import dev.stepsolver.emulator.codepipeline.PipelineListener;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The README's main job: the whole pipeline on this machine. Starts the emulator, bootstraps the
 * project's stack, connects a local git repository of the current sources, follows the first
 * execution stage by stage, then prints the prod stage's URL and the API key and keeps everything
 * running (a new commit in the repository starts a new execution) until Ctrl-C, when it prints each
 * execution's stage durations and exits non-zero if the last execution failed.
 */
@Command(name = "local-pipeline", mixinStandardHelpOptions = true,
        description = "Runs the project's delivery pipeline offline on the embedded AWS emulator.")
public final class LocalPipelineMain implements java.util.concurrent.Callable<Integer> {

    @Option(names = "--source-dir", defaultValue = ".", description = "The project to deliver (default: ${DEFAULT-VALUE}).")
    Path sourceDir;

    @Option(names = "--work-dir", defaultValue = "e2e-tests/target/local-pipeline",
            description = "Where the local repository and state go; emptied first (default: ${DEFAULT-VALUE}).")
    Path workDir;

    @Option(names = "--image-tarball", defaultValue = "solver-lambda/target/jib-image.tar",
            description = "The solver image of the bootstrap, as solver-lambda's build writes it (default: ${DEFAULT-VALUE}).")
    Path imageTarball;

    @Option(names = "--port", defaultValue = "4566", description = "The emulator's port on 127.0.0.1, 0 for any free one (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--time-scale", defaultValue = "60",
            description = "Emulated seconds per real second: the 10-minute canary takes 10 s at 60 (default: ${DEFAULT-VALUE}).")
    double timeScale;

    @Option(names = "--exit-when-done", description = "Exit when the first execution ends instead of running until Ctrl-C.")
    boolean exitWhenDone;

    private final PrintStream out = System.out;

    @Override
    public Integer call() throws Exception {
        ProgressDisplay display = new ProgressDisplay(out);
        AtomicReference<ExecutionRecord> lastEnded = new AtomicReference<>();
        CountDownLatch firstEnded = new CountDownLatch(1);
        out.println("Starting the emulator and bootstrapping the stack (time scale " + timeScale + ")...");
        PipelineListener ends = event -> {
            if (event instanceof PipelineEvent.ExecutionChanged changed && !changed.execution().inProgress()) {
                lastEnded.set(changed.execution());
                firstEnded.countDown();
            }
        };
        LocalPipeline pipeline = LocalPipeline.start(LocalPipeline.Settings.of(sourceDir.toAbsolutePath().normalize(),
                workDir.toAbsolutePath().normalize(), imageTarball.toAbsolutePath().normalize())
                .withPort(port).withTimeScale(timeScale).withOut(out).withListener(display).withListener(ends));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> finish(pipeline, display, lastEnded, true),
                "local-pipeline-stop"));
        firstEnded.await();
        printAccess(pipeline);
        if (exitWhenDone) {
            return finish(pipeline, display, lastEnded, false);
        }
        out.println("The emulator keeps running. Commit in " + pipeline.repository().directory()
                + " to start a new execution; Ctrl-C to stop.");
        new CountDownLatch(1).await();
        return 0;
    }

    private void printAccess(LocalPipeline pipeline) {
        String key = pipeline.apiKey();
        out.println();
        out.println("Emulator:   " + pipeline.emulator().endpoint());
        out.println("prod stage: " + pipeline.stageUrl("prod"));
        out.println("beta stage: " + pipeline.stageUrl("beta"));
        out.println("API key:    " + key);
        out.println("Try:        curl -s -H 'x-api-key: " + key + "' --data '7x - 2 = 19' " + pipeline.stageUrl("prod"));
        out.println();
    }

    private int finish(LocalPipeline pipeline, ProgressDisplay display, AtomicReference<ExecutionRecord> lastEnded,
            boolean fromShutdownHook) {
        synchronized (this) {
            if (closed) {
                return exitCode(lastEnded.get());
            }
            closed = true;
        }
        out.println();
        out.println("Summary (real time per stage):");
        display.summary().forEach(out::println);
        pipeline.close();
        int code = exitCode(lastEnded.get());
        out.flush();
        if (fromShutdownHook) {
            Runtime.getRuntime().halt(code);
        }
        return code;
    }

    private boolean closed;

    private static int exitCode(ExecutionRecord last) {
        return last != null && "Succeeded".equals(last.status()) ? 0 : 1;
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new LocalPipelineMain()).execute(args));
    }
}
