package dev.stepsolver.pipeline.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.waiters.WaiterOverrideConfiguration;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.lambda.model.LastUpdateStatus;

class PublisherTest {

    /** Polls without pausing: the fake decides when the update is done. */
    static final WaiterOverrideConfiguration IMMEDIATE = WaiterOverrideConfiguration.builder().maxAttempts(10)
            .backoffStrategyV2(BackoffStrategy.retryImmediately()).build();

    private final FakeLambda lambda = new FakeLambda("solver");
    private final StringWriter log = new StringWriter();
    private final Publisher publisher = new Publisher(lambda, IMMEDIATE, new PrintWriter(log, true));

    @Test
    void publishUpdatesTheCodeWaitsPublishesAndReadsTheAlias() throws Exception {
        lambda.aliases.put("beta", "1");
        lambda.updateGoesThrough(LastUpdateStatus.IN_PROGRESS, LastUpdateStatus.IN_PROGRESS, LastUpdateStatus.SUCCESSFUL);

        Release release = publisher.publish("solver", "beta", "repo:abc123");

        assertThat(release).isEqualTo(new Release("solver", "beta", "1", "2"));
        assertThat(lambda.calls).containsExactly("UpdateFunctionCode repo:abc123", "GetFunction", "GetFunction", "GetFunction",
                "PublishVersion sha-repo:abc123", "GetFunctionConfiguration 2", "GetAlias beta");
    }

    @Test
    void theVersionIsPublishedFromExactlyTheUploadedCode() throws Exception {
        lambda.aliases.put("beta", "1");

        publisher.publish("solver", "beta", "repo:abc123");

        assertThat(lambda.published.getFirst().codeSha256()).isEqualTo("sha-repo:abc123");
    }

    @Test
    void aFailedCodeUpdateStopsBeforePublishingWithLambdasReason() {
        lambda.aliases.put("beta", "1");
        lambda.updateGoesThrough(LastUpdateStatus.IN_PROGRESS, LastUpdateStatus.FAILED);

        assertThatThrownBy(() -> publisher.publish("solver", "beta", "repo:bad"))
                .isInstanceOf(Publisher.PublishException.class)
                .hasMessageContaining("failed: image manifest is not supported");
        assertThat(lambda.published).isEmpty();
    }

    @Test
    void anUpdateThatNeverFinishesGivesUpAfterTheWaitersAttempts() {
        lambda.aliases.put("beta", "1");
        lambda.updateGoesThrough(LastUpdateStatus.IN_PROGRESS);

        assertThatThrownBy(() -> publisher.publish("solver", "beta", "repo:slow"))
                .isInstanceOf(Publisher.PublishException.class)
                .hasMessageContaining("did not finish");
        assertThat(lambda.calls.stream().filter(c -> c.equals("GetFunction"))).hasSize(10);
    }

    @Test
    void prepareTakesAPublishedVersionWithoutTouchingTheCode() throws Exception {
        lambda.versions.add("2");
        lambda.aliases.put("prod", "1");

        Release release = publisher.prepare("solver", "prod", "2");

        assertThat(release).isEqualTo(new Release("solver", "prod", "1", "2"));
        assertThat(lambda.calls).noneMatch(c -> c.startsWith("UpdateFunctionCode") || c.startsWith("PublishVersion"));
    }

    @Test
    void prepareRejectsAVersionThatWasNeverPublished() {
        lambda.aliases.put("prod", "1");

        assertThatThrownBy(() -> publisher.prepare("solver", "prod", "7"))
                .isInstanceOf(Publisher.PublishException.class)
                .hasMessageContaining("GetFunctionConfiguration");
    }

    @Test
    void aMissingAliasIsAClearError() {
        assertThatThrownBy(() -> publisher.publish("solver", "gamma", "repo:abc"))
                .isInstanceOf(Publisher.PublishException.class)
                .hasMessageContaining("GetAlias").hasMessageContaining("gamma");
    }
}
