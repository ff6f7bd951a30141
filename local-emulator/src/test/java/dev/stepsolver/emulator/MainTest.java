package dev.stepsolver.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class MainTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @Test
    void helpListsTheStartCommandAndItsOptions() {
        int exit = run("start", "--help");

        assertThat(exit).isZero();
        assertThat(out.toString()).contains("--port=PORT", "--host=HOST", "--state-dir=DIR", "--time-scale=N",
                "--build-output", "--repository=OWNER/REPO=PATH", "--webhook-secret=SECRET");
    }

    @Test
    void anUnknownOptionIsAUsageError() {
        int exit = run("start", "--bogus");

        assertThat(exit).isEqualTo(Main.EXIT_USAGE);
        assertThat(err.toString()).contains("Unknown option: '--bogus'");
    }

    @Test
    void aMissingCommandIsAUsageError() {
        assertThat(run()).isEqualTo(Main.EXIT_USAGE);
        assertThat(err.toString()).contains("Missing command: start");
    }

    @Test
    void aNonPositiveTimeScaleIsRefused() {
        int exit = run("start", "--time-scale", "0");

        assertThat(exit).isEqualTo(Main.EXIT_USAGE);
        assertThat(err.toString()).contains("--time-scale must be a positive number");
    }

    @Test
    void anAccountIdThatIsNotTwelveDigitsIsRefused() {
        int exit = run("start", "--port", "0", "--account-id", "42");

        assertThat(exit).isEqualTo(Main.EXIT_CANNOT_START);
        assertThat(err.toString()).contains("an account id has 12 digits");
    }

    @Test
    void aRepositoryOptionWithoutAPathIsAUsageError() {
        int exit = run("start", "--port", "0", "--repository", "acme/app");

        assertThat(exit).isEqualTo(Main.EXIT_USAGE);
        assertThat(err.toString()).contains("--repository takes OWNER/REPO=PATH");
    }

    @Test
    void anEmptyWebhookSecretIsAUsageError() {
        int exit = run("start", "--port", "0", "--webhook-secret", "");

        assertThat(exit).isEqualTo(Main.EXIT_USAGE);
        assertThat(err.toString()).contains("--webhook-secret must not be empty");
    }
}
