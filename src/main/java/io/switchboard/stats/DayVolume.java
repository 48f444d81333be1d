package io.switchboard.stats;

import java.time.LocalDate;

/** One local day: messages in and out, new conversations, and the day's delivery events. */
public record DayVolume(LocalDate day, long inbound, long outbound, long conversations, long sent, long delivered, long read, long failed) {
}
