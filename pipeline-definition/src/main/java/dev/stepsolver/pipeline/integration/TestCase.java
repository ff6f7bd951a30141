package dev.stepsolver.pipeline.integration;

import com.fasterxml.jackson.databind.JsonNode;

/** One contract case: an equation and the JSON the stage must answer with, deep-equal. */
public record TestCase(String description, String equation, JsonNode solution) {
}
