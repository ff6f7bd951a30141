package dev.stepsolver.emulator.protocol;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;

/** The shared, configured Jackson mappers (thread-safe once built). */
public final class Mappers {

    /** JSON for the wire: lenient about unknown members, as AWS services are. */
    public static final ObjectMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    public static final CBORMapper CBOR = CBORMapper.builder().build();

    private Mappers() {
    }
}
