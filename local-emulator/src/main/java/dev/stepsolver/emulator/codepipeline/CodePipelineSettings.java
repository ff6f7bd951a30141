package dev.stepsolver.emulator.codepipeline;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How the emulator's CodePipeline behaves beyond AWS's API.
 *
 * @param pollInterval how often (emulator time) each pipeline's connected branches are polled for new
 *     commits
 * @param webhookSecret the secret GitHub-style push webhooks are signed with ({@code X-Hub-Signature-256});
 *     empty refuses every webhook
 * @param startOnCreate whether CreatePipeline starts an execution, as AWS does
 */
public record CodePipelineSettings(Duration pollInterval, Optional<String> webhookSecret, boolean startOnCreate) {

    public CodePipelineSettings {
        Objects.requireNonNull(pollInterval);
        Objects.requireNonNull(webhookSecret);
        if (pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalArgumentException("the poll interval must be positive, got " + pollInterval);
        }
    }

    /** Polling every 30 seconds of emulator time, no webhook secret, a first execution at creation. */
    public static CodePipelineSettings defaults() {
        return new CodePipelineSettings(Duration.ofSeconds(30), Optional.empty(), true);
    }

    public CodePipelineSettings withPollInterval(Duration interval) {
        return new CodePipelineSettings(interval, webhookSecret, startOnCreate);
    }

    public CodePipelineSettings withWebhookSecret(String secret) {
        if (secret.isEmpty()) {
            throw new IllegalArgumentException("a webhook secret must not be empty");
        }
        return new CodePipelineSettings(pollInterval, Optional.of(secret), startOnCreate);
    }

    public CodePipelineSettings withStartOnCreate(boolean start) {
        return new CodePipelineSettings(pollInterval, webhookSecret, start);
    }
}
