package dev.stepsolver.emulator.lambda.handler.lib;

/** Packed into a jar under /var/task/lib of the test image: proves lib jars are on the classpath. */
public final class Greeting {

    private Greeting() {
    }

    public static String text() {
        return "hello from lib";
    }
}
