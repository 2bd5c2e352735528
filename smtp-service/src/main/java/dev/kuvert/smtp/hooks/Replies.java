package dev.kuvert.smtp.hooks;

import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.HookReturnCode;

/** Hook results with an explicit reply code and enhanced status code (RFC 3463) in the text. */
public final class Replies {
    private Replies() {}

    public static HookResult ok(String code, String text) {
        return of(HookReturnCode.ok(), code, text);
    }

    /** A permanent (5xx) refusal. */
    public static HookResult deny(String code, String text) {
        return of(HookReturnCode.deny(), code, text);
    }

    /** A temporary (4xx) refusal: the client keeps the message and tries again. */
    public static HookResult denySoft(String code, String text) {
        return of(HookReturnCode.denySoft(), code, text);
    }

    private static HookResult of(HookReturnCode action, String code, String text) {
        return HookResult.builder().hookReturnCode(action).smtpReturnCode(code).smtpDescription(text).build();
    }
}
