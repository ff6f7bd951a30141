package dev.stepsolver.emulator.codepipeline;

import dev.stepsolver.emulator.time.EmulatorClock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Approval {@code Manual}: waits for PutApprovalResult with the token it publishes (GetPipelineState shows
 * it), at most 7 days of emulator time, as AWS does. Approved succeeds, Rejected or expired fails.
 */
final class ManualApprovalAction implements ActionProvider {

    static final ActionTypeSpec SPEC = ActionTypeSpec.aws("Manual", Set.of("Approval"), Set.of(),
            Set.of("NotificationArn", "CustomData", "ExternalEntityLink"), 0, 0, 0, 0, false);
    static final Duration TIMEOUT = Duration.ofDays(7);

    private final Approvals approvals;
    private final EmulatorClock clock;

    ManualApprovalAction(Approvals approvals, EmulatorClock clock) {
        this.approvals = approvals;
        this.clock = clock;
    }

    @Override
    public ActionTypeSpec spec() {
        return SPEC;
    }

    @Override
    public ActionOutcome execute(ActionJob job) throws InterruptedException {
        String token = UUID.randomUUID().toString();
        CompletableFuture<Approvals.Decision> decision = approvals.open(token);
        job.approvalToken(token);
        job.progress(ActionProgress.of(job.config("CustomData").orElse("Waiting for approval")));
        EmulatorClock.Scheduled expiry = clock.schedule(clock.now().plus(TIMEOUT),
                () -> decision.complete(null));
        try {
            Approvals.Decision result = decision.get();
            if (result == null) {
                return ActionOutcome.failed("The approval request expired: no answer within 7 days");
            }
            String summary = result.summary() == null ? "" : result.summary();
            return result.approved()
                    ? ActionOutcome.succeeded(summary.isEmpty() ? "Approved" : summary, Map.of())
                    : new ActionOutcome.Failed("JobFailed", summary.isEmpty() ? "Rejected" : "Rejected: " + summary,
                            Optional.empty(), Optional.empty());
        } catch (ExecutionException e) {
            throw new IllegalStateException("an approval cannot fail", e);
        } finally {
            expiry.cancel();
            approvals.close(token);
        }
    }
}
