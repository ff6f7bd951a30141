package dev.stepsolver.emulator.protocol;

/** A request member could not be bound to the model: wrong type, bad number, malformed value. */
public final class ModelBindingException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String memberPath;

    public ModelBindingException(String memberPath, String message) {
        super(message, null, false, false);
        this.memberPath = memberPath;
    }

    public String memberPath() {
        return memberPath;
    }
}
