package dev.stepsolver.emulator.codepipeline;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepsolver.emulator.codeconnections.CommitInfo;
import dev.stepsolver.emulator.codeconnections.ConnectionRecord;
import dev.stepsolver.emulator.codeconnections.ConnectionsBackend;
import dev.stepsolver.emulator.codeconnections.GitAccessException;
import dev.stepsolver.emulator.codeconnections.LocalRepository;
import dev.stepsolver.emulator.protocol.AwsException;
import dev.stepsolver.emulator.protocol.Mappers;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import software.amazon.awssdk.services.codepipeline.model.ActionDeclaration;

/**
 * Source {@code CodeStarSourceConnection}: the commit of BranchName (or the one a push or an override
 * pinned) from the local repository the connection links to FullRepositoryId, as a CODE_ZIP (the
 * files, modes kept) or a CODEBUILD_CLONE_REF (a full clone with {@code .git}) artifact. Output
 * variables as AWS names them: CommitId, BranchName, AuthorDate, CommitMessage, FullRepositoryName,
 * ConnectionArn, ProviderType.
 */
final class CodeStarSourceAction implements ActionProvider {

    static final ActionTypeSpec SPEC = ActionTypeSpec.aws("CodeStarSourceConnection", Set.of("Source"),
            Set.of("ConnectionArn", "FullRepositoryId", "BranchName"), Set.of("OutputArtifactFormat", "DetectChanges"),
            0, 0, 1, 1, false);

    private final ConnectionsBackend connections;
    private final Supplier<Path> scratch;

    /** @param scratch where clones are made (CODEBUILD_CLONE_REF) */
    CodeStarSourceAction(ConnectionsBackend connections, Supplier<Path> scratch) {
        this.connections = connections;
        this.scratch = scratch;
    }

    @Override
    public ActionTypeSpec spec() {
        return SPEC;
    }

    @Override
    public void validate(String stageName, ActionDeclaration action) {
        Map<String, String> configuration = action.configuration();
        String format = configuration.getOrDefault("OutputArtifactFormat", "CODE_ZIP");
        if (!Set.of("CODE_ZIP", "CODEBUILD_CLONE_REF").contains(format)) {
            throw PipelineValidator.actionError("Action configuration for action '" + action.name() + "' has"
                    + " OutputArtifactFormat '" + format + "'; valid values are CODE_ZIP and CODEBUILD_CLONE_REF");
        }
        String detect = configuration.getOrDefault("DetectChanges", "true");
        if (!Set.of("true", "false").contains(detect.toLowerCase(java.util.Locale.ROOT))) {
            throw PipelineValidator.actionError("Action configuration for action '" + action.name() + "' has"
                    + " DetectChanges '" + detect + "'; valid values are true and false");
        }
        String repository = configuration.get("FullRepositoryId");
        if (repository != null && !repository.contains("#{") && !repository.matches("[^/\\s]+/[^\\s]+")) {
            throw PipelineValidator.actionError("Action configuration for action '" + action.name() + "' has"
                    + " FullRepositoryId '" + repository + "'; it must look like owner/repository");
        }
    }

    @Override
    public ActionOutcome execute(ActionJob job) {
        String connectionArn = job.configuration().get("ConnectionArn");
        String repositoryId = job.configuration().get("FullRepositoryId");
        String branch = job.pinnedBranch().orElse(job.configuration().get("BranchName"));
        String format = job.config("OutputArtifactFormat").orElse("CODE_ZIP");
        ConnectionRecord connection;
        try {
            connection = connections.requireAvailable(connectionArn);
        } catch (AwsException e) {
            return ActionOutcome.failed("Could not use connection " + connectionArn + ": " + e.getMessage());
        }
        try {
            LocalRepository repository = connections.open(repositoryId);
            Optional<String> pinned = job.pinnedRevision();
            CommitInfo commit;
            if (pinned.isPresent()) {
                commit = repository.commit(pinned.get());
            } else {
                commit = repository.branchHead(branch).orElse(null);
                if (commit == null) {
                    return ActionOutcome.failed("The branch " + branch + " does not exist in repository "
                            + repositoryId);
                }
            }
            job.progress(ActionProgress.of("Fetching " + commit.id() + " of " + repositoryId)
                    .withExternal(commit.id(), null));
            byte[] zip = "CODEBUILD_CLONE_REF".equals(format)
                    ? repository.cloneZip(commit.id(), branch, scratch.get())
                    : repository.zip(commit.id());
            ArtifactRef output = job.outputArtifacts().get(0);
            job.artifacts().write(output, zip);
            Map<String, String> variables = new LinkedHashMap<>();
            variables.put("CommitId", commit.id());
            variables.put("BranchName", branch);
            variables.put("AuthorDate", commit.authorDate().toString());
            variables.put("CommitMessage", commit.message());
            variables.put("FullRepositoryName", repositoryId);
            variables.put("ConnectionArn", connection.arn());
            variables.put("ProviderType", connection.providerType());
            ObjectNode summary = Mappers.JSON.createObjectNode();
            summary.put("ProviderType", connection.providerType());
            summary.put("CommitMessage", commit.message());
            SourceRevision revision = new SourceRevision(job.actionName(), output.name(), commit.id(),
                    summary.toString(), commit.authorDate(), repository.directory().toUri() + "#" + commit.id());
            return new ActionOutcome.Succeeded(Optional.of(commit.summary()), Optional.of(commit.id()),
                    Optional.empty(), variables, Optional.of(revision));
        } catch (GitAccessException e) {
            return ActionOutcome.failed(e.getMessage());
        } catch (AwsException e) {
            return ActionOutcome.failed("Could not store the source artifact in the artifact store: " + e.getMessage());
        }
    }
}
