package dev.stepsolver.emulator.ssm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stepsolver.emulator.Clients;
import dev.stepsolver.emulator.LocalEmulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.GetParametersResponse;
import software.amazon.awssdk.services.ssm.model.Parameter;
import software.amazon.awssdk.services.ssm.model.ParameterAlreadyExistsException;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;
import software.amazon.awssdk.services.ssm.model.ParameterType;
import software.amazon.awssdk.services.ssm.model.SsmException;

class SsmTest {

    private static LocalEmulator emulator;
    private static SsmClient ssm;

    @BeforeAll
    static void start() {
        emulator = LocalEmulator.builder().port(0).build().start();
        ssm = Clients.ssm(emulator.endpoint());
    }

    @AfterAll
    static void stop() {
        ssm.close();
        emulator.close();
    }

    @Test
    void aPutParameterCanBeReadBack() {
        long version = ssm.putParameter(r -> r.name("/app/greeting").value("hello").type(ParameterType.STRING)).version();

        Parameter parameter = ssm.getParameter(r -> r.name("/app/greeting")).parameter();

        assertThat(version).isEqualTo(1);
        assertThat(parameter.value()).isEqualTo("hello");
        assertThat(parameter.type()).isEqualTo(ParameterType.STRING);
        assertThat(parameter.version()).isEqualTo(1);
        assertThat(parameter.arn()).isEqualTo("arn:aws:ssm:us-east-1:000000000000:parameter/app/greeting");
        assertThat(parameter.lastModifiedDate()).isNotNull();
    }

    @Test
    void overwritingCreatesANewVersionAndOldVersionsStayReadable() {
        ssm.putParameter(r -> r.name("/app/versioned").value("one").type(ParameterType.STRING));
        long second = ssm.putParameter(r -> r.name("/app/versioned").value("two").overwrite(true)).version();

        assertThat(second).isEqualTo(2);
        assertThat(ssm.getParameter(r -> r.name("/app/versioned")).parameter().value()).isEqualTo("two");
        assertThat(ssm.getParameter(r -> r.name("/app/versioned:1")).parameter().value()).isEqualTo("one");
    }

    @Test
    void puttingAnExistingParameterWithoutOverwriteFailsWithParameterAlreadyExists() {
        ssm.putParameter(r -> r.name("/app/once").value("v").type(ParameterType.STRING));

        assertThatThrownBy(() -> ssm.putParameter(r -> r.name("/app/once").value("w").type(ParameterType.STRING)))
                .isInstanceOf(ParameterAlreadyExistsException.class)
                .hasMessageContaining("The parameter already exists. To overwrite this value, set the overwrite"
                        + " option in the request to true.");
    }

    @Test
    void aSecureStringIsReturnedDecryptedOnlyWhenAsked() {
        ssm.putParameter(r -> r.name("/app/secret").value("s3cr3t").type(ParameterType.SECURE_STRING));

        String encrypted = ssm.getParameter(r -> r.name("/app/secret")).parameter().value();
        String decrypted = ssm.getParameter(r -> r.name("/app/secret").withDecryption(true)).parameter().value();

        assertThat(encrypted).isNotEqualTo("s3cr3t").doesNotContain("s3cr3t");
        assertThat(decrypted).isEqualTo("s3cr3t");
    }

    @Test
    void getParametersReturnsFoundOnesAndListsTheMissingOnesAsInvalid() {
        ssm.putParameter(r -> r.name("/multi/a").value("A").type(ParameterType.STRING));
        ssm.putParameter(r -> r.name("/multi/b").value("B").type(ParameterType.SECURE_STRING));

        GetParametersResponse response = ssm.getParameters(r -> r.names("/multi/a", "/multi/b", "/multi/missing")
                .withDecryption(true));

        assertThat(response.parameters()).extracting(Parameter::value).containsExactlyInAnyOrder("A", "B");
        assertThat(response.invalidParameters()).containsExactly("/multi/missing");
    }

    @Test
    void aMissingParameterFailsWithParameterNotFound() {
        assertThatThrownBy(() -> ssm.getParameter(r -> r.name("/does/not/exist")))
                .isInstanceOfSatisfying(ParameterNotFoundException.class,
                        e -> assertThat(e.statusCode()).isEqualTo(400));
    }

    @Test
    void aDeletedParameterIsGone() {
        ssm.putParameter(r -> r.name("/app/temporary").value("x").type(ParameterType.STRING));

        ssm.deleteParameter(r -> r.name("/app/temporary"));

        assertThatThrownBy(() -> ssm.getParameter(r -> r.name("/app/temporary")))
                .isInstanceOf(ParameterNotFoundException.class);
        assertThatThrownBy(() -> ssm.deleteParameter(r -> r.name("/app/temporary")))
                .isInstanceOf(ParameterNotFoundException.class);
    }

    @Test
    void aPutWithoutAValueIsAValidationException() {
        assertThatThrownBy(() -> ssm.putParameter(r -> r.name("/app/no-value").type(ParameterType.STRING)))
                .isInstanceOfSatisfying(SsmException.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("1 validation error detected: Value null"
                            + " at 'value' failed to satisfy constraint: Member must not be null");
                });
    }

    @Test
    void anOperationTheEmulatorDoesNotKnowFailsWithUnknownOperationException() {
        assertThatThrownBy(() -> ssm.listDocuments(r -> { }))
                .isInstanceOfSatisfying(SsmException.class, e ->
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("UnknownOperationException"));
    }

    @Test
    void aWrongSecretIsRejectedWithInvalidSignatureException() {
        try (SsmClient wrong = Clients.ssm(emulator.endpoint(), "test", "not-the-secret")) {
            assertThatThrownBy(() -> wrong.getParameter(r -> r.name("/app/greeting")))
                    .isInstanceOfSatisfying(SsmException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(403);
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidSignatureException");
                    });
        }
    }
}
