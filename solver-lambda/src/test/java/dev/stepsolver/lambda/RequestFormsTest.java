package dev.stepsolver.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The ways beyond the plain body to send an equation and choose the answer's form. */
class RequestFormsTest {

    private static final List<String> SEVEN_X = List.of("7x - 2 = 19", "\nAdd 2 on both sides of the equal sign:",
            "7x - 2 + 2 = 19 + 2", "\nSimplify both sides:", "7x = 21", "\nDevide both sides by 7:", "x = 3",
            "\nSolution:", "x = 3");

    private final Invocations invocations = new Invocations();

    @Test
    void theEquationQueryParameterIsSolvedWhenThereIsNoBody() throws IOException {
        var response = invocations.invoke(Events.query(Events.rest("GET", null), "equation", "7x - 2 = 19"));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.array()).isEqualTo(SEVEN_X);
    }

    @Test
    void theEquationQueryParameterWorksOnHttpApiEvents() throws IOException {
        var response = invocations.invoke(Events.query(Events.httpApi("GET", null), "equation", "7x - 2 = 19"));

        assertThat(response.array()).isEqualTo(SEVEN_X);
    }

    @Test
    void aBodyWinsOverTheQueryParameter() throws IOException {
        var response = invocations.invoke(Events.query(Events.rest("POST", "7x - 2 = 19"), "equation", "x = 1"));

        assertThat(response.array()).isEqualTo(SEVEN_X);
    }

    @Test
    void aBase64BodyIsDecoded() throws IOException {
        var response = invocations.invoke(Events.base64(Events.rest("POST", "7x - 2 = 19")));

        assertThat(response.array()).isEqualTo(SEVEN_X);
    }

    @Test
    void aBase64BodyOfAnHttpApiEventIsDecoded() throws IOException {
        var response = invocations.invoke(Events.base64(Events.httpApi("POST", "7x - 2 = 19")));

        assertThat(response.array()).isEqualTo(SEVEN_X);
    }

    @Test
    void aJsonBodyGetsAJsonObjectWithStepsAndSolutions() throws IOException {
        var response = invocations.invoke(Events.rest("POST", "{\"equation\": \"7x - 2 = 19\"}"));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.headers()).containsEntry("Content-Type", "application/json");
        JsonNode body = response.json();
        assertThat(body.path("equation").asText()).isEqualTo("7x - 2 = 19");
        assertThat(body.path("style").asText()).isEqualTo("classic");
        assertThat(body.path("domain").asText()).isEqualTo("real");
        assertThat(body.path("format").asText()).isEqualTo("text");
        assertThat(body.path("classification").asText()).isEqualTo("polynomial");
        assertThat(body.path("degree").asInt()).isEqualTo(1);
        assertThat(body.path("solutions").get(0).path("exact").asText()).isEqualTo("3");
        assertThat(Events.MAPPER.convertValue(body.path("steps"), List.class)).isEqualTo(SEVEN_X);
    }

    @Test
    void theModernStyleIsChosenInTheJsonBody() throws IOException {
        var response = invocations.invoke(Events.rest("POST", "{\"equation\": \"x/2 + 1/3 = 1\", \"style\": \"modern\"}"));

        JsonNode body = response.json();
        assertThat(body.path("style").asText()).isEqualTo("modern");
        assertThat(body.path("solutions").get(0).path("exact").asText()).isEqualTo("4/3");
    }

    @Test
    void theComplexDomainReportsNonRealRoots() throws IOException {
        var response = invocations.invoke(Events.rest("POST",
                "{\"equation\": \"x^2 + 1 = 0\", \"style\": \"modern\", \"domain\": \"complex\"}"));

        JsonNode solutions = response.json().path("solutions");
        assertThat(solutions).hasSize(2);
        assertThat(solutions.get(0).has("im")).isTrue();
    }

    @Test
    void theLatexFormatWritesTheStepsInLatex() throws IOException {
        var response = invocations.invoke(Events.rest("POST", "{\"equation\": \"x^2 - 1 = 0\", \"format\": \"latex\"}"));

        JsonNode body = response.json();
        assertThat(body.path("format").asText()).isEqualTo("latex");
        assertThat(body.path("steps").get(0).asText()).contains("x^{2}");
    }

    @Test
    void theJsonFormatGivesStructuredSteps() throws IOException {
        var response = invocations.invoke(Events.rest("POST", "{\"equation\": \"7x - 2 = 19\", \"format\": \"json\"}"));

        JsonNode first = response.json().path("steps").get(0);
        assertThat(first.path("kind").asText()).isEqualTo("equation");
        assertThat(first.path("lines").get(0).path("text").asText()).isEqualTo("7x - 2 = 19");
        assertThat(first.path("lines").get(0).path("fragments").get(0).path("type").asText()).isIn("prose", "formula");
    }

    @Test
    void optionNamesAreReadWithoutRegardToCase() throws IOException {
        var response = invocations.invoke(Events.rest("POST", "{\"equation\": \"7x = 21\", \"style\": \"Modern\"}"));

        assertThat(response.json().path("style").asText()).isEqualTo("modern");
    }

    @Test
    void aJsonBodyMayComeBase64Encoded() throws IOException {
        var response = invocations.invoke(Events.base64(Events.httpApi("POST", "{\"equation\": \"7x - 2 = 19\"}")));

        assertThat(response.json().path("solutions").get(0).path("exact").asText()).isEqualTo("3");
    }

    @Test
    void anEquationTheSolverRefusesInAJsonRequestIsAJson400WithThePosition() throws IOException {
        var response = invocations.invoke(Events.rest("POST", "{\"equation\": \"x = = 1\"}"));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.headers()).containsEntry("Content-Type", "application/json");
        JsonNode body = response.json();
        assertThat(body.path("equation").asText()).isEqualTo("x = = 1");
        assertThat(body.path("message").asText()).isEqualTo("Problem not correctly formatted");
        assertThat(body.path("position").asInt()).isEqualTo(4);
    }

    @Test
    void anUnknownOptionValueIsA400NamingTheAllowedValues() throws IOException {
        var response = invocations.invoke(Events.rest("POST", "{\"equation\": \"x = 1\", \"format\": \"pdf\"}"));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().path("message").asText())
                .isEqualTo("Unknown format \"pdf\": use one of \"text\", \"latex\", \"json\"");
    }

    @Test
    void anOptionThatIsNotAStringIsA400() throws IOException {
        var response = invocations.invoke(Events.rest("POST", "{\"equation\": \"x = 1\", \"style\": 2}"));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().path("message").asText()).startsWith("Unknown style number");
    }

    @Test
    void anEquationThatIsNotAStringIsA400() throws IOException {
        var response = invocations.invoke(Events.rest("POST", "{\"equation\": 7}"));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().path("message").asText()).isEqualTo("\"equation\" must be a string");
    }

    @Test
    void aBodyThatStartsLikeJsonButIsNotIsA400SayingWhere() throws IOException {
        var response = invocations.invoke(Events.rest("POST", "{\"equation\": "));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().path("message").asText()).startsWith("The body is not valid JSON: ").contains("line 1");
    }
}
