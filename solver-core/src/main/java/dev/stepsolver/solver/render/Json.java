package dev.stepsolver.solver.render;

/** A small JSON writer: enough for the solver's objects, with complete string escaping. */
public final class Json {

    private final StringBuilder sb = new StringBuilder();
    private boolean needsComma;

    /** Appends {@code value} as a JSON string literal. */
    public static void quote(StringBuilder sb, String value) {
        sb.append('"');
        int n = value.length();
        for (int i = 0; i < n; i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                default -> {
                    if (c < 0x20 || c == 0x7f || c == '\u2028' || c == '\u2029') {
                        unicodeEscape(sb, c);
                    } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(value.charAt(i + 1))) {
                        sb.append(c).append(value.charAt(++i));
                    } else if (Character.isSurrogate(c)) {
                        unicodeEscape(sb, c); // a lone surrogate cannot be encoded as UTF-8
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }

    private static void unicodeEscape(StringBuilder sb, char c) {
        sb.append("\\u");
        String hex = Integer.toHexString(c);
        for (int k = hex.length(); k < 4; k++) {
            sb.append('0');
        }
        sb.append(hex);
    }

    /** {@code value} as a JSON string literal. */
    public static String quote(String value) {
        StringBuilder sb = new StringBuilder(value.length() + 2);
        quote(sb, value);
        return sb.toString();
    }

    public Json beginObject() {
        comma();
        sb.append('{');
        needsComma = false;
        return this;
    }

    public Json endObject() {
        sb.append('}');
        needsComma = true;
        return this;
    }

    public Json beginArray() {
        comma();
        sb.append('[');
        needsComma = false;
        return this;
    }

    public Json endArray() {
        sb.append(']');
        needsComma = true;
        return this;
    }

    /** Writes a key; the next value belongs to it. */
    public Json key(String key) {
        comma();
        quote(sb, key);
        sb.append(": ");
        needsComma = false;
        return this;
    }

    public Json value(String value) {
        comma();
        quote(sb, value);
        needsComma = true;
        return this;
    }

    public Json value(long value) {
        comma();
        sb.append(value);
        needsComma = true;
        return this;
    }

    public Json value(boolean value) {
        comma();
        sb.append(value);
        needsComma = true;
        return this;
    }

    /** A number; non-finite values (which JSON cannot hold) are written as null. */
    public Json value(double value) {
        comma();
        if (Double.isFinite(value)) {
            sb.append(value);
        } else {
            sb.append("null");
        }
        needsComma = true;
        return this;
    }

    private void comma() {
        if (needsComma) {
            sb.append(", ");
        }
    }

    @Override
    public String toString() {
        return sb.toString();
    }
}
