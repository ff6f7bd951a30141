package dev.stepsolver.emulator.cloudformation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stepsolver.emulator.state.FileStateStore;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Stack events as stored: in chunks, reloaded in order, bounded per stack. */
class StackEventsTest {

    @TempDir
    Path state;

    private static StackEventRecord event(String stack, int n) {
        return new StackEventRecord("e" + n, stack, "s", "R" + n, null, "AWS::SSM::Parameter", Instant.EPOCH,
                "CREATE_COMPLETE", null, null);
    }

    @Test
    void eventsComeBackNewestFirstAfterAReload() {
        StackEvents events = new StackEvents(FileStateStore.open(state));
        for (int i = 0; i < 250; i++) {
            events.add(event("a", i));
        }
        events.add(event("b", 0));

        StackEvents reloaded = new StackEvents(FileStateStore.open(state));

        List<StackEventRecord> a = reloaded.newestFirst("a");
        assertThat(a).hasSize(250);
        assertThat(a.getFirst().eventId()).isEqualTo("e249");
        assertThat(a.getLast().eventId()).isEqualTo("e0");
        assertThat(reloaded.newestFirst("b")).extracting(StackEventRecord::eventId).containsExactly("e0");
    }

    @Test
    void onlyTheNewestEventsOfAStackAreKept() {
        StackEvents events = new StackEvents(FileStateStore.open(state), 10, 3);
        int total = 10 * 3 + 5;
        for (int i = 0; i < total; i++) {
            events.add(event("a", i));
        }

        List<StackEventRecord> kept = new StackEvents(FileStateStore.open(state), 10, 3).newestFirst("a");

        assertThat(kept).hasSize(10 * 2 + 5);
        assertThat(kept.getFirst().eventId()).isEqualTo("e" + (total - 1));
    }
}
