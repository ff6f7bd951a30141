package dev.stepsolver.lambda.image;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The stages of a Dockerfile, read as far as the agreement test needs: FROM (with global ARG
 * defaults substituted), ENV, COPY, WORKDIR and the JSON form of CMD. Instructions it does not
 * know are kept as they are.
 */
record Dockerfile(List<Stage> stages) {

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}|\\$([A-Za-z_][A-Za-z0-9_]*)");
    private static final Pattern ENV_PAIR = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)=(\"((?:[^\"\\\\]|\\\\.)*)\"|(\\S*))");

    /** A COPY instruction. */
    record Copy(Optional<String> fromStage, List<String> sources, String destination) {
    }

    /** One stage: {@code FROM image AS name} and what follows. */
    record Stage(String name, String from, Map<String, String> env, List<Copy> copies, Optional<String> workdir,
                 List<String> cmd, List<String> instructions) {
    }

    static Dockerfile read(Path file) throws IOException {
        Map<String, String> globalArgs = new LinkedHashMap<>();
        List<Stage> stages = new ArrayList<>();
        StageBuilder current = null;
        for (String instruction : instructions(Files.readAllLines(file))) {
            String[] parts = instruction.split("\\s+", 2);
            String keyword = parts[0].toUpperCase(java.util.Locale.ROOT);
            String rest = parts.length > 1 ? parts[1].strip() : "";
            if (keyword.equals("ARG") && current == null) {
                String[] kv = rest.split("=", 2);
                globalArgs.put(kv[0], kv.length > 1 ? kv[1] : "");
                continue;
            }
            if (keyword.equals("FROM")) {
                if (current != null) {
                    stages.add(current.build());
                }
                String[] from = rest.split("\\s+");
                String image = substitute(from[0], globalArgs);
                String name = from.length >= 3 && from[1].equalsIgnoreCase("AS") ? from[2] : Integer.toString(stages.size());
                current = new StageBuilder(name, image);
                continue;
            }
            if (current == null) {
                throw new IOException("instruction before the first FROM: " + instruction);
            }
            current.instructions.add(instruction);
            switch (keyword) {
                case "ENV" -> env(rest, current.env);
                case "WORKDIR" -> current.workdir = Optional.of(rest);
                case "CMD" -> current.cmd = new ObjectMapper().readValue(rest, new TypeReference<List<String>>() {});
                case "COPY" -> current.copies.add(copy(rest));
                default -> {
                    // RUN and the rest: kept in instructions
                }
            }
        }
        if (current != null) {
            stages.add(current.build());
        }
        return new Dockerfile(List.copyOf(stages));
    }

    Stage stage(String name) {
        return stages.stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no stage " + name));
    }

    /** Logical instructions: continuation lines joined, comments and blank lines dropped. */
    private static List<String> instructions(List<String> lines) {
        List<String> out = new ArrayList<>();
        StringBuilder pending = new StringBuilder();
        for (String raw : lines) {
            String line = raw.strip();
            if (line.startsWith("#") || (line.isEmpty() && pending.isEmpty())) {
                continue;
            }
            boolean continues = line.endsWith("\\");
            pending.append(continues ? line.substring(0, line.length() - 1) : line).append(' ');
            if (!continues) {
                out.add(pending.toString().strip());
                pending.setLength(0);
            }
        }
        if (!pending.isEmpty()) {
            out.add(pending.toString().strip());
        }
        return out;
    }

    private static void env(String rest, Map<String, String> env) {
        Matcher m = ENV_PAIR.matcher(rest);
        boolean any = false;
        while (m.find()) {
            any = true;
            env.put(m.group(1), m.group(3) != null ? m.group(3).replaceAll("\\\\(.)", "$1") : m.group(4));
        }
        if (!any) {
            // legacy form: ENV KEY value with spaces
            String[] kv = rest.split("\\s+", 2);
            env.put(kv[0], kv.length > 1 ? kv[1] : "");
        }
    }

    private static Copy copy(String rest) {
        Optional<String> from = Optional.empty();
        List<String> words = new ArrayList<>();
        for (String word : rest.split("\\s+")) {
            if (word.startsWith("--from=")) {
                from = Optional.of(word.substring("--from=".length()));
            } else if (!word.startsWith("--")) {
                words.add(word);
            }
        }
        return new Copy(from, List.copyOf(words.subList(0, words.size() - 1)), words.get(words.size() - 1));
    }

    private static String substitute(String s, Map<String, String> args) {
        Matcher m = VARIABLE.matcher(s);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1) != null ? m.group(1) : m.group(2);
            m.appendReplacement(out, Matcher.quoteReplacement(args.getOrDefault(name, "")));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static final class StageBuilder {
        final String name;
        final String from;
        final Map<String, String> env = new LinkedHashMap<>();
        final List<Copy> copies = new ArrayList<>();
        final List<String> instructions = new ArrayList<>();
        Optional<String> workdir = Optional.empty();
        List<String> cmd = List.of();

        StageBuilder(String name, String from) {
            this.name = name;
            this.from = from;
        }

        Stage build() {
            return new Stage(name, from, Map.copyOf(env), List.copyOf(copies), workdir, cmd, List.copyOf(instructions));
        }
    }
}
