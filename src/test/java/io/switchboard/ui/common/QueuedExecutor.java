package io.switchboard.ui.common;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Holds a view model's work until the test lets it finish, in the order the test chooses: the
 * way to show what happens when answers arrive late or out of order. Work runs on the calling
 * thread when released.
 */
public final class QueuedExecutor implements UiExecutor {
    private final List<Runnable> waiting = new ArrayList<>();

    @Override
    public <T> void run(Supplier<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
        waiting.add(() -> new ImmediateExecutor().run(work, onSuccess, onFailure));
    }

    @Override
    public <T> void now(Supplier<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
        run(work, onSuccess, onFailure);
    }

    @Override
    public void onUi(Runnable update) {
        waiting.add(update);
    }

    public int waiting() {
        return waiting.size();
    }

    /** Lets the job queued {@code index}-th (of those still waiting) finish. */
    public void release(int index) {
        waiting.remove(index).run();
    }

    /** Lets everything finish, including what the finished work queues in turn. */
    public void releaseAll() {
        while (!waiting.isEmpty()) {
            release(0);
        }
    }
}
