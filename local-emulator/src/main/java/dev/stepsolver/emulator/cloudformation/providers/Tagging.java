package dev.stepsolver.emulator.cloudformation.providers;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** A resource's tags brought to the template's: keys no longer given are removed, the rest set. */
final class Tagging {

    private Tagging() {
    }

    static void sync(Map<String, String> current, Map<String, String> wanted, Consumer<List<String>> untag,
            Consumer<Map<String, String>> tag) {
        List<String> gone = current.keySet().stream().filter(key -> !wanted.containsKey(key)).toList();
        if (!gone.isEmpty()) {
            untag.accept(gone);
        }
        if (!wanted.isEmpty()) {
            tag.accept(wanted);
        }
    }
}
