package dev.stepsolver.emulator.lambda.runtime;

/**
 * A Java agent loaded into every function process ({@code -javaagent}): it reads the process's
 * standard input, a pipe whose other end only the emulator holds. When the emulator dies, even by
 * SIGKILL, the kernel closes that end, the read returns end-of-file, and the process ends itself
 * and whatever it started. Depends on nothing but the JDK: it runs inside the function's JVM.
 */
public final class ParentWatchdog {

    private ParentWatchdog() {
    }

    public static void premain(String arguments) {
        Thread watcher = new Thread(ParentWatchdog::watch, "emulator-watchdog");
        watcher.setDaemon(true);
        watcher.start();
    }

    private static void watch() {
        try {
            while (System.in.read() >= 0) {
                // the emulator never writes: anything read is ignored
            }
        } catch (java.io.IOException e) {
            // a broken pipe means the same as end-of-file
        }
        ProcessHandle.current().descendants().forEach(ProcessHandle::destroyForcibly);
        Runtime.getRuntime().halt(137);
    }
}
