package dev.stepsolver.emulator.iam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stepsolver.emulator.Clients;
import dev.stepsolver.emulator.LocalEmulator;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.EntityAlreadyExistsException;
import software.amazon.awssdk.services.iam.model.ListRolesResponse;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.Role;

class IamTest {

    private static final String TRUST = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Principal\":{\"Service\":\"lambda.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}";

    private static LocalEmulator emulator;
    private static IamClient iam;

    @BeforeAll
    static void start() {
        emulator = LocalEmulator.builder().port(0).build().start();
        iam = Clients.iam(emulator.endpoint());
    }

    @AfterAll
    static void stop() {
        iam.close();
        emulator.close();
    }

    @Test
    void aCreatedRoleCanBeRead() {
        Role created = iam.createRole(r -> r.roleName("solver-exec").path("/service/").assumeRolePolicyDocument(TRUST)
                .description("runs the solver")).role();

        Role read = iam.getRole(r -> r.roleName("solver-exec")).role();

        assertThat(created.arn()).isEqualTo("arn:aws:iam::000000000000:role/service/solver-exec");
        assertThat(read.roleId()).isEqualTo(created.roleId()).startsWith("AROA");
        assertThat(read.description()).isEqualTo("runs the solver");
        assertThat(URLDecoder.decode(read.assumeRolePolicyDocument(), StandardCharsets.UTF_8)).isEqualTo(TRUST);
        assertThat(read.createDate()).isNotNull();
    }

    @Test
    void creatingARoleTwiceFailsWithEntityAlreadyExists() {
        iam.createRole(r -> r.roleName("twice").assumeRolePolicyDocument(TRUST));

        assertThatThrownBy(() -> iam.createRole(r -> r.roleName("twice").assumeRolePolicyDocument(TRUST)))
                .isInstanceOfSatisfying(EntityAlreadyExistsException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(409);
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Role with name twice already exists.");
                });
    }

    @Test
    void policiesAreStoredOnTheRole() {
        iam.createRole(r -> r.roleName("with-policies").assumeRolePolicyDocument(TRUST));

        iam.putRolePolicy(r -> r.roleName("with-policies").policyName("read-ssm")
                .policyDocument("{\"Version\":\"2012-10-17\",\"Statement\":[]}"));
        iam.attachRolePolicy(r -> r.roleName("with-policies")
                .policyArn("arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"));

        assertThat(iam.listRolePolicies(r -> r.roleName("with-policies")).policyNames()).containsExactly("read-ssm");
        assertThat(iam.listAttachedRolePolicies(r -> r.roleName("with-policies")).attachedPolicies())
                .extracting(p -> p.policyName()).containsExactly("AWSLambdaBasicExecutionRole");
    }

    @Test
    void aDeletedRoleIsGone() {
        iam.createRole(r -> r.roleName("short-lived").assumeRolePolicyDocument(TRUST));

        iam.deleteRole(r -> r.roleName("short-lived"));

        assertThatThrownBy(() -> iam.getRole(r -> r.roleName("short-lived")))
                .isInstanceOfSatisfying(NoSuchEntityException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(404);
                    assertThat(e.awsErrorDetails().errorMessage())
                            .isEqualTo("The role with name short-lived cannot be found.");
                });
    }

    @Test
    void listRolesPagesWithMarkers() {
        for (String name : new String[] {"page-a", "page-b", "page-c"}) {
            iam.createRole(r -> r.roleName(name).path("/paged/").assumeRolePolicyDocument(TRUST));
        }

        ListRolesResponse first = iam.listRoles(r -> r.pathPrefix("/paged/").maxItems(2));
        ListRolesResponse second = iam.listRoles(r -> r.pathPrefix("/paged/").maxItems(2).marker(first.marker()));

        assertThat(first.roles()).extracting(Role::roleName).containsExactly("page-a", "page-b");
        assertThat(first.isTruncated()).isTrue();
        assertThat(second.roles()).extracting(Role::roleName).containsExactly("page-c");
        assertThat(second.isTruncated()).isFalse();
    }
}
