package dev.stepsolver.emulator.codepipeline;

import dev.stepsolver.emulator.codedeploy.CodeDeployBackend;
import dev.stepsolver.emulator.codedeploy.Deployment;
import dev.stepsolver.emulator.codedeploy.DeploymentRequest;
import dev.stepsolver.emulator.codedeploy.DeploymentStatus;
import dev.stepsolver.emulator.codedeploy.TrafficSplit;
import dev.stepsolver.emulator.protocol.AwsException;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Deploy {@code CodeDeploy}: as on AWS, the input artifact (a zip with the AppSpec at its root) becomes
 * the revision of a deployment to ApplicationName / DeploymentGroupName, and the action lasts as long as
 * the deployment: Succeeded when it succeeds, Failed with CodeDeploy's reason otherwise. The group's own
 * deployment configuration, alarms and automatic rollback apply; the action adds nothing to them.
 */
final class CodeDeployAction implements ActionProvider {

    static final ActionTypeSpec SPEC = ActionTypeSpec.aws("CodeDeploy", Set.of("Deploy"),
            Set.of("ApplicationName", "DeploymentGroupName"), Set.of(), 1, 1, 0, 0, false);

    private final CodeDeployBackend codeDeploy;
    private final String region;

    CodeDeployAction(CodeDeployBackend codeDeploy, String region) {
        this.codeDeploy = codeDeploy;
        this.region = region;
    }

    @Override
    public ActionTypeSpec spec() {
        return SPEC;
    }

    @Override
    public ActionOutcome execute(ActionJob job) throws InterruptedException {
        String application = job.configuration().get("ApplicationName");
        String group = job.configuration().get("DeploymentGroupName");
        ArtifactRef revision = job.inputArtifacts().get(0);
        Deployment started;
        try {
            started = codeDeploy.createDeployment(DeploymentRequest.ofZip(application, group, revision.bucket(),
                    revision.key()));
        } catch (AwsException e) {
            return ActionOutcome.failed(e.getMessage());
        }
        String id = started.id();
        String url = "https://console.aws.amazon.com/codesuite/codedeploy/deployments/" + id + "?region=" + region;
        job.progress(ActionProgress.of("Deployment " + id + " created").withExternal(id, url));
        CompletableFuture<Deployment> completion = codeDeploy.completion(id);
        try (CodeDeployBackend.Registration ignored = codeDeploy.addListener(d -> {
            if (d.id().equals(id) && !d.isComplete()) {
                d.traffic().ifPresent(split -> job.progress(progress(split).withExternal(id, url)
                        .withPercent((int) Math.round(split.targetWeight() * 100))));
            }
        })) {
            Deployment done = completion.get();
            if (done.status() == DeploymentStatus.SUCCEEDED) {
                return new ActionOutcome.Succeeded(Optional.of("Deployment " + id + " succeeded"), Optional.of(id),
                        Optional.of(url), Map.of(), Optional.empty());
            }
            String reason = done.error().map(e -> e.code() + ": " + e.message())
                    .orElse("the deployment ended " + done.status().awsName());
            return new ActionOutcome.Failed("JobFailed", "Deployment " + id + " " + done.status().awsName()
                    .toLowerCase(java.util.Locale.ROOT) + ". " + reason, Optional.of(id), Optional.of(url));
        } catch (InterruptedException e) {
            // Abandoned (StopPipelineExecution or shutdown): do not leave the alias half-shifted.
            stopQuietly(id);
            throw e;
        } catch (ExecutionException e) {
            return ActionOutcome.failed("Deployment " + id + " could not be followed: " + e.getCause().getMessage());
        }
    }

    private static ActionProgress progress(TrafficSplit split) {
        long target = Math.round(split.targetWeight() * 100);
        return ActionProgress.of("Alias " + split.alias() + ": " + target + "% of traffic on version "
                + split.targetVersion() + ", " + (100 - target) + "% on version " + split.currentVersion());
    }

    private void stopQuietly(String id) {
        try {
            codeDeploy.stopDeployment(id, Optional.of(true));
        } catch (AwsException alreadyComplete) {
            // nothing to stop
        }
    }
}
