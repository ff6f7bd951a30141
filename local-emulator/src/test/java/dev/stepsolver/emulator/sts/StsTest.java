package dev.stepsolver.emulator.sts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stepsolver.emulator.Clients;
import dev.stepsolver.emulator.LocalEmulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;
import software.amazon.awssdk.services.sts.model.StsException;

class StsTest {

    private static LocalEmulator emulator;

    @BeforeAll
    static void start() {
        emulator = LocalEmulator.builder().port(0).accountId("123456789012").build().start();
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    @Test
    void getCallerIdentityReturnsTheConfiguredAccount() {
        try (StsClient sts = Clients.sts(emulator.endpoint())) {
            GetCallerIdentityResponse identity = sts.getCallerIdentity();
            assertThat(identity.account()).isEqualTo("123456789012");
            assertThat(identity.arn()).isEqualTo("arn:aws:iam::123456789012:root");
            assertThat(identity.responseMetadata().requestId()).isNotBlank();
        }
    }

    @Test
    void aWrongSecretIsRejectedWithSignatureDoesNotMatch() {
        try (StsClient sts = Clients.sts(emulator.endpoint(), "test", "wrong")) {
            assertThatThrownBy(sts::getCallerIdentity)
                    .isInstanceOfSatisfying(StsException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(403);
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("SignatureDoesNotMatch");
                        assertThat(e.awsErrorDetails().errorMessage()).startsWith(
                                "The request signature we calculated does not match the signature you provided.");
                    });
        }
    }

    @Test
    void anUnknownAccessKeyIsRejectedWithInvalidClientTokenId() {
        try (StsClient sts = Clients.sts(emulator.endpoint(), "AKIDUNKNOWN", "test")) {
            assertThatThrownBy(sts::getCallerIdentity)
                    .isInstanceOfSatisfying(StsException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(403);
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidClientTokenId");
                    });
        }
    }
}
