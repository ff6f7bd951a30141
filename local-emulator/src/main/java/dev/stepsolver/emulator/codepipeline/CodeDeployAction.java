package dev.stepsolver.emulator.codepipeline;

import dev.stepsolver.emulator.codedeploy.CodeDeployBackend;
import dev.stepsolver.emulator.codedeploy.Deployment;
import dev.stepsolver.emulator.codedeploy.DeploymentRequest;
import dev.stepsolver.emulator.codedeploy.DeploymentStatus;
import dev.stepsolver.emulator.codedeploy.TrafficSplit;
import dev.stepsolver.emulator.protocol.AwsException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;

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
        // Listen before creating: the first traffic shift can be heard before createDeployment returns.
        // Changes heard before the deployment's id is known wait for it; the lock keeps them in order.
        Object lock = new Object();
        AtomicReference<String> deploymentId = new AtomicReference<>();
        List<Deployment> early = new ArrayList<>();
        String url = "https://console.aws.amazon.com/codesuite/codedeploy/deployments/%s?region=" + region;
        try (CodeDeployBackend.Registration ignored = codeDeploy.addListener(d -> {
            synchronized (lock) {
                String id = deploymentId.get();
                if (id == null) {
                    early.add(d);
                } else if (d.id().equals(id)) {
                    reportTraffic(job, d, url);
                }
            }
        })) {
            Deployment started;
            try {
                started = codeDeploy.createDeployment(DeploymentRequest.ofZip(application, group, revision.bucket(),
                        revision.key()));
            } catch (AwsException e) {
                return ActionOutcome.failed(e.getMessage());
            }
            String id = started.id();
            CompletableFuture<Deployment> completion = codeDeploy.completion(id);
            job.progress(ActionProgress.of("Deployment " + id + " created").withExternal(id, url.formatted(id)));
            synchronized (lock) {
                deploymentId.set(id);
                early.stream().filter(d -> d.id().equals(id)).forEach(d -> reportTraffic(job, d, url));
                early.clear();
            }
            Deployment done = completion.get();
            if (done.status() == DeploymentStatus.SUCCEEDED) {
                return new ActionOutcome.Succeeded(Optional.of("Deployment " + id + " succeeded"), Optional.of(id),
                        Optional.of(url.formatted(id)), Map.of(), Optional.empty());
            }
            String reason = done.error().map(e -> e.code() + ": " + e.message())
                    .orElse("the deployment ended " + done.status().awsName());
            return new ActionOutcome.Failed("JobFailed", "Deployment " + id + " " + done.status().awsName()
                    .toLowerCase(java.util.Locale.ROOT) + ". " + reason, Optional.of(id),
                    Optional.of(url.formatted(id)));
        } catch (InterruptedException e) {
            // Abandoned (StopPipelineExecution or shutdown): do not leave the alias half-shifted.
            stopQuietly(deploymentId.get());
            throw e;
        } catch (ExecutionException e) {
            return ActionOutcome.failed("Deployment " + deploymentId.get() + " could not be followed: "
                    + e.getCause().getMessage());
        }
    }

    /** The alias's split while the deployment runs, as the action's progress. */
    private static void reportTraffic(ActionJob job, Deployment deployment, String url) {
        if (!deployment.isComplete()) {
            deployment.traffic().ifPresent(split -> job.progress(progress(split)
                    .withExternal(deployment.id(), url.formatted(deployment.id()))
                    .withPercent((int) Math.round(split.targetWeight() * 100))));
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
