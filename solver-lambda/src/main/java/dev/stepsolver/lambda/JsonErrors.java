package dev.stepsolver.lambda;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import java.util.stream.Collectors;

/** Jackson's error messages made fit for a response: one sentence, a place, no source excerpts or class names. */
final class JsonErrors {

    private JsonErrors() {
    }

    static String describe(JsonProcessingException e) {
        String message = e.getOriginalMessage();
        if (message == null || message.isBlank()) {
            message = "unreadable JSON";
        }
        int newline = message.indexOf('\n');
        if (newline >= 0) {
            message = message.substring(0, newline);
        }
        // "... (start marker at [Source: REDACTED ...; line: 1, column: 1])" says nothing to a caller
        int marker = message.indexOf(" (start marker at");
        if (marker >= 0) {
            message = message.substring(0, marker);
        }
        if (message.length() > 200) {
            message = message.substring(0, 200) + "…";
        }
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String field = mapping.getPath().stream()
                    .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                    .collect(Collectors.joining("."));
            return message + " in field " + field;
        }
        JsonLocation at = e.getLocation();
        if (at != null && at.getLineNr() > 0) {
            return message + " at line " + at.getLineNr() + ", column " + at.getColumnNr();
        }
        return message;
    }
}
