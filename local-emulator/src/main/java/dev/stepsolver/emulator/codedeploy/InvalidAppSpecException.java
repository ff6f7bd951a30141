package dev.stepsolver.emulator.codedeploy;

/** An AppSpec a deployment cannot run from: the deployment fails with this code and message. */
final class InvalidAppSpecException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String code;

    InvalidAppSpecException(String code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    ErrorInformation error() {
        return new ErrorInformation(code, getMessage());
    }
}
