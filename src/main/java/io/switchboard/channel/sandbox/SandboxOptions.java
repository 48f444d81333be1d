package io.switchboard.channel.sandbox;

import java.time.Duration;
import java.util.Set;

/**
 * How the sandbox behaves. Delays count from the moment a send is accepted; a null delay leaves that
 * status out. Recipients whose number ends in one of {@code undeliverableSuffixes} get a failed status
 * with error 131026 instead of delivered/read, as a real unreachable number would.
 *
 * @param replyDelay      how long a simulated customer takes to answer after the agent's message was read
 * @param chatterInterval how often, on average, some simulated customer writes unprompted; null: never
 */
public record SandboxOptions(Duration sentDelay, Duration deliveredDelay, Duration readDelay, Duration replyDelay, Duration chatterInterval,
                             Set<String> undeliverableSuffixes) {

    /** Close to what people see on real phones. */
    public static SandboxOptions realistic() {
        return new SandboxOptions(Duration.ofMillis(400), Duration.ofMillis(1500), Duration.ofSeconds(4), Duration.ofSeconds(5),
                Duration.ofSeconds(45), Set.of("0000"));
    }

    /** For tests: every status within a fraction of a second, no unprompted chatter. */
    public static SandboxOptions fast() {
        return new SandboxOptions(Duration.ofMillis(20), Duration.ofMillis(60), Duration.ofMillis(100), Duration.ofMillis(150), null, Set.of("0000"));
    }

    /** Accepts sends and posts nothing back: for measuring the sender alone. */
    public static SandboxOptions silent() {
        return new SandboxOptions(null, null, null, null, null, Set.of());
    }

    boolean undeliverable(String waId) {
        return undeliverableSuffixes.stream().anyMatch(waId::endsWith);
    }
}
