package io.switchboard.demo;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * The demo inbox, decided conversation by conversation from a seed: the same index always gives
 * the same conversation, so contacts, conversations and messages can be streamed in three passes
 * without holding a million rows in memory.
 */
final class Plan {
    private static final long DAY = 86_400;
    final int size;
    private final long totalMessages;
    private final LocalDateTime now;
    private final long seed;

    Plan(int size, long messages, LocalDateTime now, long seed) {
        this.size = size;
        this.totalMessages = messages;
        this.now = now;
        this.seed = seed;
    }

    record Message(String direction, String type, String contentType, String content, String metadata, String status,
                   LocalDateTime at, LocalDateTime sentAt, LocalDateTime deliveredAt, LocalDateTime readAt, LocalDateTime failedAt) {
        boolean failed() {
            return "failed".equals(status);
        }

        LocalDateTime updatedAt() {
            LocalDateTime last = at;
            for (LocalDateTime t : new LocalDateTime[] {sentAt, deliveredAt, readAt, failedAt}) {
                if (t != null && t.isAfter(last)) {
                    last = t;
                }
            }
            return last;
        }
    }

    final class Conversation {
        final UUID id;
        final UUID contactId;
        final String name;
        final String status;
        final LocalDateTime lastAt;
        final LocalDateTime createdAt;
        final LocalDateTime lastReadAt;
        final LocalDateTime lastInboundAt;
        final SplittableRandom random;
        private final List<Message> messages;

        Conversation(int index) {
            random = new SplittableRandom(seed * 1_000_003L + index);
            id = uuid(random);
            contactId = uuid(random);
            name = random.nextInt(12) == 0 ? null : Texts.FIRST[random.nextInt(Texts.FIRST.length)] + " " + Texts.LAST[random.nextInt(Texts.LAST.length)];
            // The total spread evenly, so the command writes exactly the number asked for.
            long base = totalMessages / size;
            long extra = totalMessages % size;
            int count = (int) (base + (index < extra ? 1 : 0));
            // Activity clusters in the recent past: exponential with a mean of four days.
            long age = Math.min(120 * DAY, (long) (-Math.log(1 - random.nextDouble()) * 4 * DAY));
            lastAt = now.minusSeconds(age);
            messages = thread(count);
            createdAt = messages.get(0).at().minusSeconds(5);
            LocalDateTime inbound = null;
            for (Message m : messages) {
                if (m.direction().equals("inbound")) {
                    inbound = m.at();
                }
            }
            lastInboundAt = inbound;
            Message last = messages.get(messages.size() - 1);
            if (last.direction().equals("inbound") && random.nextInt(10) == 0) {
                // A few customers wait: everything after the last outbound message is unread.
                LocalDateTime read = null;
                for (Message m : messages) {
                    if (m.direction().equals("outbound")) {
                        read = m.at();
                    }
                }
                lastReadAt = read;
            } else {
                lastReadAt = lastAt;
            }
            long days = age / DAY;
            status = lastReadAt != lastAt ? "open"
                    : days > 14 && random.nextInt(3) == 0 ? "archived"
                    : days > 2 && random.nextInt(3) == 0 ? "closed"
                    : "open";
        }

        List<Message> messages() {
            return messages;
        }

        private List<Message> thread(int count) {
            List<Message> out = new ArrayList<>(count);
            LocalDateTime[] times = new LocalDateTime[count];
            times[count - 1] = lastAt;
            for (int i = count - 2; i >= 0; i--) {
                long gap = random.nextInt(6) == 0 ? 3_600 + random.nextInt((int) (3 * DAY)) : 15 + random.nextInt(900);
                times[i] = times[i + 1].minusSeconds(gap);
            }
            String direction = "inbound";
            LocalDateTime lastInbound = null;
            for (int i = 0; i < count; i++) {
                if (i > 0 && random.nextInt(100) < 60) {
                    direction = direction.equals("inbound") ? "outbound" : "inbound";
                }
                if (direction.equals("inbound")) {
                    lastInbound = times[i];
                    out.add(inbound(times[i]));
                } else {
                    // Outside the 24-hour window the sender only takes templates, so that is what the agent sent.
                    boolean windowOpen = lastInbound != null && lastInbound.plusHours(24).isAfter(times[i]);
                    out.add(outbound(times[i], windowOpen));
                }
            }
            return out;
        }

        private Message inbound(LocalDateTime at) {
            int kind = random.nextInt(100);
            if (kind < 5) {
                String caption = Texts.CAPTIONS[random.nextInt(Texts.CAPTIONS.length)];
                return received("image", "image", caption, "{\"media\": {\"id\": \"" + (1000000 + random.nextInt(9000000))
                        + "\", \"mime_type\": \"image/jpeg\"" + (caption == null ? "" : ", \"caption\": \"" + caption + "\"") + "}}", at);
            }
            if (kind < 7) {
                String file = Texts.DOCUMENTS[random.nextInt(Texts.DOCUMENTS.length)];
                return received("doc", "document", file, "{\"media\": {\"id\": \"" + (1000000 + random.nextInt(9000000))
                        + "\", \"mime_type\": \"application/pdf\", \"filename\": \"" + file + "\"}}", at);
            }
            if (kind < 8) {
                String place = Texts.PLACES[random.nextInt(Texts.PLACES.length)];
                return received("text", "location", "📍 " + place, "{\"location\": {\"latitude\": 52.5219, \"longitude\": 13.4132, \"address\": \"" + place + "\"}}", at);
            }
            if (kind < 9) {
                return received("doc", "audio", null, "{\"media\": {\"id\": \"" + (1000000 + random.nextInt(9000000)) + "\", \"mime_type\": \"audio/ogg\", \"voice\": true}}", at);
            }
            if (kind < 10) {
                String emoji = Texts.REACTIONS[random.nextInt(Texts.REACTIONS.length)];
                return received("text", "reaction", emoji, "{\"reaction\": {\"emoji\": \"" + emoji + "\", \"message_id\": \"wamid.demo\"}}", at);
            }
            return received("text", "text", Texts.INBOUND[random.nextInt(Texts.INBOUND.length)], null, at);
        }

        private Message received(String type, String contentType, String content, String metadata, LocalDateTime at) {
            return new Message("inbound", type, contentType, content, metadata, "delivered", at, at, at, null, null);
        }

        private Message outbound(LocalDateTime at, boolean windowOpen) {
            long age = java.time.Duration.between(at, now).getSeconds();
            String status;
            int roll = random.nextInt(100);
            if (age < 120) {
                status = "sent";
            } else if (age < 1_800) {
                status = roll < 50 ? "delivered" : "read";
            } else {
                status = roll < 3 ? "failed" : roll < 15 ? "delivered" : "read";
            }
            // Meta accepts at once; most phones confirm within seconds, some are off for minutes or hours; the
            // customer reads later. 131026 (not on WhatsApp) arrives as a failed status after the sent one.
            LocalDateTime sent = at.plusSeconds(1);
            LocalDateTime delivered = null;
            LocalDateTime read = null;
            LocalDateTime failed = null;
            if (status.equals("delivered") || status.equals("read")) {
                long after = random.nextInt(10) == 0 ? 60 + random.nextInt(4 * 3_600) : 2 + random.nextInt(4);
                delivered = min(at.plusSeconds(after), now);
                read = status.equals("read") ? min(delivered.plusSeconds(30 + random.nextInt(1_800)), now) : null;
            } else if (status.equals("failed")) {
                failed = at.plusSeconds(2 + random.nextInt(60));
            }
            int kind = windowOpen ? random.nextInt(100) : 0;
            if (kind < 8) {
                String first = name == null ? "there" : name.substring(0, name.indexOf(' '));
                String order = "#" + (10000 + random.nextInt(90000));
                return new Message("outbound", "template", "template", "Order " + order + "\n\nHi " + first + ", your order " + order
                        + " is on its way and arrives tomorrow.\n\nReply STOP to opt out",
                        "{\"template\": {\"name\": \"order_update\", \"language\": \"en_US\", \"header_params\": [\"" + order
                                + "\"], \"body_params\": [\"" + first + "\", \"" + order + "\", \"tomorrow\"]}}", status, at, sent, delivered, read, failed);
            }
            if (kind < 11) {
                return new Message("outbound", "image", "image", "Our returns label", "{\"media\": {\"link\": \"https://cdn.example.com/labels/"
                        + random.nextInt(100000) + ".png\", \"caption\": \"Our returns label\"}}", status, at, sent, delivered, read, failed);
            }
            return new Message("outbound", "text", "text", Texts.OUTBOUND[random.nextInt(Texts.OUTBOUND.length)], null, status, at, sent, delivered, read, failed);
        }
    }

    Conversation conversation(int index) {
        return new Conversation(index);
    }

    static UUID uuid(SplittableRandom random) {
        long hi = (random.nextLong() & ~0xF000L) | 0x4000L;
        long lo = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(hi, lo);
    }

    private static LocalDateTime min(LocalDateTime a, LocalDateTime b) {
        return a.isBefore(b) ? a : b;
    }
}
