package dev.stepsolver.lambda;

/** The two API Gateway proxy event formats; a response goes back in the format of its event. */
public enum PayloadVersion {
    /** REST APIs (and HTTP APIs configured for 1.0): {@code APIGatewayProxyRequestEvent}. */
    V1("1.0"),
    /** HTTP APIs: {@code APIGatewayV2HTTPEvent}. */
    V2("2.0");

    private final String label;

    PayloadVersion(String label) {
        this.label = label;
    }

    /** "1.0" or "2.0", as the events spell it. */
    public String label() {
        return label;
    }
}
