package dev.stepsolver.emulator.protocol;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Immutable, case-insensitive HTTP headers keeping every value of a repeated header in order. */
public final class HttpHeaders {

    private static final HttpHeaders EMPTY = new HttpHeaders(new TreeMap<>(String.CASE_INSENSITIVE_ORDER));

    private final TreeMap<String, List<String>> values;

    private HttpHeaders(TreeMap<String, List<String>> values) {
        this.values = values;
    }

    public static HttpHeaders empty() {
        return EMPTY;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The first value of {@code name}. */
    public Optional<String> first(String name) {
        List<String> list = values.get(name);
        return list == null || list.isEmpty() ? Optional.empty() : Optional.of(list.get(0));
    }

    public List<String> all(String name) {
        return values.getOrDefault(name, List.of());
    }

    public boolean contains(String name) {
        return values.containsKey(name);
    }

    /** Names as first seen, each once. */
    public Iterable<String> names() {
        return Collections.unmodifiableSet(values.keySet());
    }

    public Map<String, List<String>> asMap() {
        return Collections.unmodifiableMap(values);
    }

    public Builder toBuilder() {
        Builder builder = new Builder();
        values.forEach((name, list) -> list.forEach(value -> builder.add(name, value)));
        return builder;
    }

    @Override
    public String toString() {
        return values.toString();
    }

    public static final class Builder {
        private final TreeMap<String, List<String>> values = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

        public Builder add(String name, String value) {
            values.computeIfAbsent(name, key -> new ArrayList<>()).add(value);
            return this;
        }

        public Builder set(String name, String value) {
            List<String> list = new ArrayList<>();
            list.add(value);
            values.put(name, list);
            return this;
        }

        public Builder remove(String name) {
            values.remove(name);
            return this;
        }

        public HttpHeaders build() {
            TreeMap<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            values.forEach((name, list) -> copy.put(name, List.copyOf(list)));
            return new HttpHeaders(copy);
        }
    }
}
