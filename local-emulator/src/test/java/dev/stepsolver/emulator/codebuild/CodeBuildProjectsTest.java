package dev.stepsolver.emulator.codebuild;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stepsolver.emulator.LocalEmulator;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.codebuild.CodeBuildClient;
import software.amazon.awssdk.services.codebuild.model.BatchGetProjectsResponse;
import software.amazon.awssdk.services.codebuild.model.CodeBuildException;
import software.amazon.awssdk.services.codebuild.model.InvalidInputException;
import software.amazon.awssdk.services.codebuild.model.Project;
import software.amazon.awssdk.services.codebuild.model.ProjectSortByType;
import software.amazon.awssdk.services.codebuild.model.ResourceAlreadyExistsException;
import software.amazon.awssdk.services.codebuild.model.ResourceNotFoundException;
import software.amazon.awssdk.services.codebuild.model.SortOrderType;
import software.amazon.awssdk.services.codebuild.model.SourceType;

class CodeBuildProjectsTest {

    private static LocalEmulator emulator;
    private static CodeBuildClient codeBuild;

    @BeforeAll
    static void start() {
        emulator = LocalEmulator.builder().port(0).build().start();
        codeBuild = CodeBuildFixtures.codeBuild(emulator.endpoint());
    }

    @AfterAll
    static void stop() {
        codeBuild.close();
        emulator.close();
    }

    @Test
    void aCreatedProjectHasItsArnTimesAndDefaultTimeouts() {
        Project project = codeBuild.createProject(CodeBuildFixtures.project("created", "bucket/source.zip").build())
                .project();

        assertThat(project.arn()).isEqualTo("arn:aws:codebuild:us-east-1:000000000000:project/created");
        assertThat(project.created()).isNotNull();
        assertThat(project.timeoutInMinutes()).isEqualTo(60);
        assertThat(project.queuedTimeoutInMinutes()).isEqualTo(480);
        assertThat(project.source().location()).isEqualTo("bucket/source.zip");
    }

    @Test
    void batchGetProjectsFindsProjectsByNameOrArnAndListsTheMissingOnes() {
        codeBuild.createProject(CodeBuildFixtures.project("found", "bucket/source.zip").build());

        BatchGetProjectsResponse response = codeBuild.batchGetProjects(r -> r.names("found",
                "arn:aws:codebuild:us-east-1:000000000000:project/found", "missing"));

        assertThat(response.projects()).extracting(Project::name).containsExactly("found", "found");
        assertThat(response.projectsNotFound()).containsExactly("missing");
    }

    @Test
    void creatingAProjectTwiceFailsWithResourceAlreadyExists() {
        codeBuild.createProject(CodeBuildFixtures.project("twice", "bucket/source.zip").build());

        assertThatThrownBy(() -> codeBuild.createProject(CodeBuildFixtures.project("twice", "bucket/source.zip")
                .build()))
                .isInstanceOfSatisfying(ResourceAlreadyExistsException.class, e -> assertThat(e.awsErrorDetails()
                        .errorMessage()).isEqualTo("Project already exists: arn:aws:codebuild:us-east-1:000000000000:"
                                + "project/twice"));
    }

    @Test
    void updateProjectChangesOnlyWhatItGives() {
        codeBuild.createProject(CodeBuildFixtures.project("updated", "bucket/source.zip").description("before")
                .build());

        Project project = codeBuild.updateProject(r -> r.name("updated").timeoutInMinutes(20)).project();

        assertThat(project.timeoutInMinutes()).isEqualTo(20);
        assertThat(project.description()).isEqualTo("before");
        assertThat(project.source().location()).isEqualTo("bucket/source.zip");
        assertThat(project.lastModified()).isAfterOrEqualTo(project.created());
    }

    @Test
    void updatingAMissingProjectFailsWithResourceNotFound() {
        assertThatThrownBy(() -> codeBuild.updateProject(r -> r.name("nowhere").description("x")))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void aDeletedProjectIsGoneAndDeletingItAgainSucceeds() {
        codeBuild.createProject(CodeBuildFixtures.project("deleted", "bucket/source.zip").build());

        codeBuild.deleteProject(r -> r.name("deleted"));
        codeBuild.deleteProject(r -> r.name("deleted"));

        assertThat(codeBuild.batchGetProjects(r -> r.names("deleted")).projectsNotFound()).containsExactly("deleted");
    }

    @Test
    void listProjectsSortsByNameEitherWay() {
        codeBuild.createProject(CodeBuildFixtures.project("list-b", "bucket/source.zip").build());
        codeBuild.createProject(CodeBuildFixtures.project("list-a", "bucket/source.zip").build());

        List<String> ascending = codeBuild.listProjects(r -> r.sortBy(ProjectSortByType.NAME)).projects();
        List<String> descending = codeBuild.listProjects(r -> r.sortBy(ProjectSortByType.NAME)
                .sortOrder(SortOrderType.DESCENDING)).projects();

        assertThat(ascending).containsSubsequence("list-a", "list-b");
        assertThat(descending).containsSubsequence("list-b", "list-a");
    }

    @Test
    void aProjectNameWithSpacesIsInvalidInput() {
        assertThatThrownBy(() -> codeBuild.createProject(CodeBuildFixtures.project("has spaces", "bucket/key.zip")
                .build())).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void anS3SourceWithoutAKeyIsInvalidInput() {
        assertThatThrownBy(() -> codeBuild.createProject(CodeBuildFixtures.project("no-key", "bucket").build()))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.awsErrorDetails()
                        .errorMessage()).contains("Invalid source location"));
    }

    @Test
    void aNoSourceProjectNeedsABuildspec() {
        assertThatThrownBy(() -> codeBuild.createProject(CodeBuildFixtures.project("no-source", "x/y")
                .source(s -> s.type(SourceType.NO_SOURCE)).build()))
                .isInstanceOf(InvalidInputException.class);
    }

    @Test
    void aProjectWithoutAServiceRoleIsAValidationError() {
        assertThatThrownBy(() -> codeBuild.createProject(CodeBuildFixtures.project("no-role", "bucket/key.zip")
                .serviceRole(null).build()))
                .isInstanceOfSatisfying(CodeBuildException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
                        .isEqualTo("1 validation error detected: Value null at 'serviceRole' failed to satisfy"
                                + " constraint: Member must not be null"));
    }

    @Test
    void startingAPipelineOnlyProjectWithoutASourceOverrideIsInvalidInput() {
        codeBuild.createProject(CodeBuildFixtures.project("pipeline-only", "x/y")
                .source(s -> s.type(SourceType.CODEPIPELINE).buildspec("buildspec.yml"))
                .artifacts(a -> a.type("CODEPIPELINE")).build());

        assertThatThrownBy(() -> codeBuild.startBuild(r -> r.projectName("pipeline-only")))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.awsErrorDetails()
                        .errorMessage()).contains("CODEPIPELINE"));
    }
}
