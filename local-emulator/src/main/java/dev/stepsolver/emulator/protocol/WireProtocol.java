package dev.stepsolver.emulator.protocol;

/** The AWS wire protocols the emulator speaks. */
public enum WireProtocol {
    /** Form-encoded parameters in, XML out (STS, IAM, CloudWatch, CloudFormation). */
    QUERY,
    /** JSON with {@code X-Amz-Target}, content type {@code application/x-amz-json-1.0}. */
    JSON_1_0,
    /** JSON with {@code X-Amz-Target}, content type {@code application/x-amz-json-1.1}. */
    JSON_1_1,
    /** HTTP-bound members, JSON bodies (Lambda, API Gateway). */
    REST_JSON,
    /** HTTP-bound members, XML bodies (S3). */
    REST_XML,
    /** Smithy RPC v2 with CBOR bodies ({@code smithy-protocol: rpc-v2-cbor}). */
    RPC_V2_CBOR;

    public boolean isJsonRpc() {
        return this == JSON_1_0 || this == JSON_1_1;
    }

    public String jsonContentType() {
        return switch (this) {
            case JSON_1_0 -> "application/x-amz-json-1.0";
            case JSON_1_1 -> "application/x-amz-json-1.1";
            default -> "application/json";
        };
    }
}
