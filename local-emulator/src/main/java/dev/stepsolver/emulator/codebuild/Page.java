package dev.stepsolver.emulator.codebuild;

import dev.stepsolver.emulator.protocol.AwsException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/** One page of a listing, and the opaque token of the next. */
public record Page<T>(List<T> items, Optional<String> nextToken) {

    public Page {
        items = List.copyOf(items);
    }

    /**
     * The page of {@code all} that {@code token} points at, {@code size} long.
     *
     * @throws AwsException InvalidInputException for a token this listing did not hand out
     */
    static <T> Page<T> of(List<T> all, Optional<String> token, int size) {
        int from = token.filter(t -> !t.isEmpty()).map(Page::decode).orElse(0);
        if (from < 0 || from > all.size()) {
            throw AwsException.badRequest("InvalidInputException", "Invalid next token");
        }
        int to = Math.min(all.size(), from + Math.max(1, size));
        Optional<String> next = to < all.size() ? Optional.of(encode(to)) : Optional.empty();
        return new Page<>(all.subList(from, to), next);
    }

    private static String encode(int offset) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("offset:" + offset)
                .getBytes(StandardCharsets.UTF_8));
    }

    private static int decode(String token) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            if (!text.startsWith("offset:")) {
                return -1;
            }
            return Integer.parseInt(text.substring("offset:".length()));
        } catch (IllegalArgumentException e) {
            return -1;
        }
    }
}
