package dev.stepsolver.lambda;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;

/** Jackson's error messages without the source excerpt it appends, plus line and column. */
final class JsonErrors {

    private JsonErrors() {
    }

    static String describe(JsonProcessingException e) {
        String message = e.getOriginalMessage();
        if (message == null || message.isBlank()) {
            message = "unreadable JSON";
        }
        // Keep one line, and never more than a sentence: it goes into a response.
        int newline = message.indexOf('\n');
        if (newline >= 0) {
            message = message.substring(0, newline);
        }
        if (message.length() > 200) {
            message = message.substring(0, 200) + "…";
        }
        JsonLocation at = e.getLocation();
        if (at != null && at.getLineNr() > 0) {
            return message + " at line " + at.getLineNr() + ", column " + at.getColumnNr();
        }
        return message;
    }
}
