package dev.kuvert.smtp.spf;

import java.util.Locale;
import java.util.Set;

/** An SPF result: one of {@code pass fail softfail neutral none temperror permerror}. */
public record SpfVerdict(String result) {
    static final Set<String> RESULTS = Set.of("pass", "fail", "softfail", "neutral", "none", "temperror", "permerror");

    public SpfVerdict {
        result = result == null ? "temperror" : result.strip().toLowerCase(Locale.ROOT);
        if (!RESULTS.contains(result)) {
            result = "permerror";
        }
    }

    public static SpfVerdict temperror() {
        return new SpfVerdict("temperror");
    }
}
