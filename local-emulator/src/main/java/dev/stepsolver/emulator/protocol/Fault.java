package dev.stepsolver.emulator.protocol;

/** Whose fault an error is, as AWS reports it ({@code Sender} or {@code Receiver} in Query errors). */
public enum Fault {
    SENDER("Sender"),
    RECEIVER("Receiver");

    private final String wireName;

    Fault(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
