package dev.stepsolver.emulator.codebuild;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BashSessionTest {

    @TempDir
    Path temp;

    private final List<String> output = new CopyOnWriteArrayList<>();
    private BashSession session;

    @BeforeEach
    void open() throws Exception {
        Path work = Files.createDirectories(temp.resolve("work"));
        Path control = Files.createDirectories(temp.resolve("control"));
        session = new BashSession(control, work, Map.of("PATH", System.getenv("PATH"), "START", "from-env"), false,
                output::add);
    }

    @AfterEach
    void close() {
        session.close();
    }

    @Test
    void variablesFunctionsAndTheDirectoryCarryFromCommandToCommand() throws Exception {
        session.run("COUNT=1; greet() { echo \"hi $1\"; }");
        session.run("mkdir -p deeper && cd deeper");
        session.run("COUNT=$((COUNT + 1)); greet \"$COUNT in $(basename \"$PWD\")\"");

        assertThat(output).containsExactly("hi 2 in deeper");
    }

    @Test
    void aCommandsStatusIsItsLastCommands() throws Exception {
        assertThat(session.run("true")).isZero();
        assertThat(session.run("false")).isEqualTo(1);
        assertThat(session.run("(exit 42)")).isEqualTo(42);
    }

    @Test
    void exitFailsTheCommandAndTheNextCommandStillSeesTheState() throws Exception {
        session.run("KEPT=yes; export EXPORTED=also; mkdir -p sub && cd sub");

        int status = session.run("exit 3");
        session.run("echo \"$KEPT $EXPORTED $(basename \"$PWD\") $START\"");

        assertThat(status).isEqualTo(3);
        assertThat(output).containsExactly("yes also sub from-env");
    }

    @Test
    void commandsReadNothingFromTheSessionsInput() throws Exception {
        int status = session.run("read -r line");
        session.run("echo \"read:${line:-nothing}\"");
        session.run("echo after");

        assertThat(status).isNotZero();
        assertThat(output).containsExactly("read:nothing", "after");
    }

    @Test
    void outputWithoutATrailingNewlineIsKept() throws Exception {
        session.run("printf 'no newline'");
        session.run("echo next");

        assertThat(output).containsExactly("no newline", "next");
    }

    @Test
    void stderrIsPartOfTheOutput() throws Exception {
        session.run("echo to-stderr >&2");

        assertThat(output).containsExactly("to-stderr");
    }

    @Test
    void setAndUnsetVariablesAreReadBack() throws Exception {
        session.run("A='two words'; B=''");

        Map<String, Optional<String>> values = session.read(List.of("A", "B", "C"));

        assertThat(values).containsEntry("A", Optional.of("two words")).containsEntry("B", Optional.of(""))
                .containsEntry("C", Optional.empty());
    }

    @Test
    void textIsExpandedAsTheShellWould() throws Exception {
        session.run("NAME=site");

        assertThat(session.expand("$NAME-$(echo 42).zip")).isEqualTo("site-42.zip");
    }

    @Test
    void aKilledSessionRunsNothingMore() throws Exception {
        session.kill();

        assertThatThrownBy(() -> session.run("echo hi")).isInstanceOf(BashSession.KilledException.class);
        assertThat(output).isEmpty();
    }

    @Test
    void posixModeRunsCommandsToo() throws Exception {
        try (BashSession sh = new BashSession(Files.createDirectories(temp.resolve("sh-control")), temp,
                Map.of("PATH", System.getenv("PATH")), true, output::add)) {
            sh.run("X=1");
            sh.run("echo \"x=$X\"");
        }

        assertThat(output).containsExactly("x=1");
    }
}
