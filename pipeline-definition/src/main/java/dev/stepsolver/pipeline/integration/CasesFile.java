package dev.stepsolver.pipeline.integration;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads a cases file in the shape of the contract's TestCases.json. */
public final class CasesFile {

    /** More cases than this is not a contract suite but a mistake (or a load test). */
    public static final int MAX_CASES = 10_000;

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private CasesFile() {
    }

    public static List<TestCase> read(Path file) throws InvalidCasesException {
        try {
            return parse(Files.readString(file), file.toString());
        } catch (IOException e) {
            throw new InvalidCasesException("cannot read cases file " + file + ": " + e.getMessage());
        }
    }

    public static List<TestCase> parse(String json, String origin) throws InvalidCasesException {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new InvalidCasesException(origin + " is not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isArray()) {
            throw new InvalidCasesException(origin + " must hold a JSON array of cases");
        }
        if (root.size() > MAX_CASES) {
            throw new InvalidCasesException(origin + " holds " + root.size() + " cases, more than " + MAX_CASES);
        }
        List<TestCase> cases = new ArrayList<>();
        for (int i = 0; i < root.size(); i++) {
            JsonNode c = root.get(i);
            if (!c.path("equation").isTextual() || c.path("solution").isMissingNode()) {
                throw new InvalidCasesException(origin + " case " + i + " needs a string 'equation' and a 'solution'");
            }
            String description = c.path("description").isTextual() ? c.get("description").asText() : "case_" + i;
            cases.add(new TestCase(description, c.get("equation").asText(), c.get("solution")));
        }
        if (cases.isEmpty()) {
            throw new InvalidCasesException(origin + " holds no cases");
        }
        return List.copyOf(cases);
    }

    /** A cases file that cannot be used; the message says where. */
    public static final class InvalidCasesException extends Exception {
        public InvalidCasesException(String message) {
            super(message);
        }
    }
}
