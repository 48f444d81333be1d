package io.switchboard.channel.sandbox;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A handful of pretend customers of one sandbox number. On start each who has not written in yet writes a first
 * message, a few seconds apart (a restarted app continues where its inbox is: see {@link ScriptProgress}); when the agent writes to one of them, they answer once the message is read (several
 * agent messages in a row get one answer); now and then one writes unprompted. All of it arrives as
 * signed inbound webhooks, exactly as Meta would post them.
 */
public final class SimulatedCustomers implements CloudApiSandbox.SendListener, AutoCloseable {

    public record Customer(String name, String waId, String opener, List<String> replies) {
    }

    /** Fictional numbers from ranges reserved for drama and examples. */
    public static final List<Customer> DEFAULT = List.of(
            new Customer("Ana Souza", "5511955501234", "Oi! Is my order #4821 already on its way?",
                    List.of("Great, thank you!", "Could you send me the tracking link?", "Perfect, I'll wait for it.")),
            new Customer("James Whitfield", "447700900123", "Hello, I was charged twice for my subscription this month.",
                    List.of("Thanks. It's the card ending in 4417.", "Appreciate the quick help!", "Will the refund show up this week?")),
            new Customer("Priya Raman", "919876500123", "Hi, can I change the delivery address for tomorrow?",
                    List.of("It's 14 Lake View Road, Bengaluru.", "Thank you so much 🙏", "Yes, that works.")),
            new Customer("Lukas Becker", "4915155501234", "Guten Tag! Do you ship to Austria as well?",
                    List.of("How long does it usually take?", "Danke, sounds good.", "I'll place the order tonight.")),
            new Customer("Maria García", "34655501234", "Hola, the blue jacket in size M — is it back in stock?",
                    List.of("¡Genial! Can you reserve one for me?", "Thanks!", "See you on Saturday then.")));

    private static final List<String> CHATTER = List.of(
            "Hi again, quick question about your opening hours.",
            "Is there a discount code for returning customers?",
            "Just wanted to say the last delivery was perfect 👍",
            "Can I pay on delivery?");

    private final CloudApiSandbox sandbox;
    private final String phoneNumberId;
    private final List<Customer> customers;
    private final Map<String, Customer> byWaId = new ConcurrentHashMap<>();
    private final Map<String, Boolean> answerPending = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> answered = new ConcurrentHashMap<>();
    private volatile ScheduledFuture<?> chatter;
    private volatile boolean closed;

    public SimulatedCustomers(CloudApiSandbox sandbox, String phoneNumberId, List<Customer> customers) {
        this.sandbox = sandbox;
        this.phoneNumberId = phoneNumberId;
        this.customers = List.copyOf(customers);
        customers.forEach(c -> byWaId.put(c.waId(), c));
    }

    /** The whole opening script: openers go out {@code spacing} apart, starting after {@code firstAfter}. */
    public void start(Duration firstAfter, Duration spacing) {
        start(firstAfter, spacing, ScriptProgress.none());
    }

    /** The steps of the opening script that {@code done} does not hold yet, {@code spacing} apart after {@code firstAfter}. */
    public void start(Duration firstAfter, Duration spacing, ScriptProgress done) {
        sandbox.addListener(this);
        int step = 0;
        for (Customer c : customers) {
            if (!done.opened().contains(c.waId())) {
                sandbox.customerWrites(phoneNumberId, c.waId(), c.name(), c.opener(), null, firstAfter.plus(spacing.multipliedBy(step++)));
            }
        }
        // Then some show rather than tell: a photo, an invoice, a voice note, once every opener is in.
        Duration afterOpeners = firstAfter.plus(spacing.multipliedBy(step)).plus(Duration.ofSeconds(2));
        step = 0;
        for (int i = 0; i < customers.size() && i < 3; i++) {
            Customer c = customers.get(i);
            if (!done.sentMedia().contains(c.waId())) {
                sandbox.customerSendsMedia(phoneNumberId, c.waId(), c.name(), sample(i), null, afterOpeners.plus(spacing.multipliedBy(step++)));
            }
        }
        Duration every = sandbox.options().chatterInterval();
        if (every != null) {
            long ms = every.toMillis();
            chatter = sandbox.scheduler().scheduleWithFixedDelay(this::chatter, ms, ms, TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void accepted(SandboxNumber number, String toWaId, String wamid, String type) {
        Customer c = byWaId.get(toWaId);
        if (closed || c == null || !number.phoneNumberId().equals(phoneNumberId) || answerPending.putIfAbsent(toWaId, true) != null) {
            return;
        }
        SandboxOptions o = sandbox.options();
        Duration read = o.readDelay() == null ? Duration.ZERO : o.readDelay();
        Duration delay = read.plus(o.replyDelay() == null ? Duration.ofSeconds(3) : o.replyDelay());
        int n = answered.computeIfAbsent(toWaId, k -> new AtomicInteger()).getAndIncrement();
        String reply = c.replies().get(n % c.replies().size());
        sandbox.customerWrites(phoneNumberId, c.waId(), c.name(), reply, wamid, delay);
        sandbox.scheduler().schedule(() -> answerPending.remove(toWaId), delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void chatter() {
        if (closed) {
            return;
        }
        ThreadLocalRandom random = ThreadLocalRandom.current();
        Customer c = customers.get(random.nextInt(customers.size()));
        if (random.nextInt(4) == 0) {
            sandbox.customerSendsMedia(phoneNumberId, c.waId(), c.name(), sample(random.nextInt(3)), null, Duration.ofMillis(random.nextLong(2_000)));
            return;
        }
        sandbox.customerWrites(phoneNumberId, c.waId(), c.name(), CHATTER.get(random.nextInt(CHATTER.size())), null,
                Duration.ofMillis(random.nextLong(2_000)));
    }

    /** 0: a photo of a damaged parcel, 1: a PDF invoice, 2: a voice note. */
    static SampleMedia.Sample sample(int which) {
        return switch (which % 3) {
            case 0 -> SampleMedia.photo("The box arrived like this", true);
            case 1 -> SampleMedia.invoice("invoice-2041.pdf", List.of("Invoice 2041", "Subscription, monthly    19.90", "Subscription, monthly    19.90",
                    "Total charged            39.80"));
            default -> SampleMedia.voiceNote(3);
        };
    }

    @Override
    public void close() {
        closed = true;
        ScheduledFuture<?> f = chatter;
        if (f != null) {
            f.cancel(false);
        }
    }
}
