package io.switchboard.ui.common;

import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Where a view model's service calls run and where their results land. The window's
 * implementation ({@link FxExecutor}) runs the work on background threads and hands results back
 * on the FX thread; tests use one that runs everything at once on the caller's thread, so a view
 * model's rules can be checked without a toolkit, a display or waiting.
 */
public interface UiExecutor {
    /** Housekeeping the agent does not wait for (unread totals, refreshes, an import). */
    <T> void run(Supplier<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure);

    /** Work the agent is waiting to see (opening a conversation, the first page of the list). */
    <T> void now(Supplier<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure);

    /**
     * Runs {@code update} where results land, from any thread (progress reported by a worker); on
     * the window's thread it runs after what that thread is doing now, never inside it.
     */
    void onUi(Runnable update);
}
