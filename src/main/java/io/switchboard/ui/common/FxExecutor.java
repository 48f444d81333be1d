package io.switchboard.ui.common;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.concurrent.Task;

/**
 * Runs service calls off the FX thread and hands results back on it. What the agent waits for
 * (opening a conversation, the first page of the list) has its own threads, so it never queues
 * behind housekeeping such as unread totals or an import.
 */
public final class FxExecutor implements UiExecutor, AutoCloseable {
    private final ExecutorService housekeeping = pool(3, "switchboard-ui-worker");
    private final ExecutorService interactive = pool(2, "switchboard-ui-interactive");

    private static ExecutorService pool(int threads, String name) {
        return Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public <T> void run(Supplier<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
        submit(housekeeping, work, onSuccess, onFailure);
    }

    @Override
    public <T> void now(Supplier<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
        submit(interactive, work, onSuccess, onFailure);
    }

    @Override
    public void onUi(Runnable update) {
        Platform.runLater(update);
    }

    private static <T> void submit(ExecutorService pool, Supplier<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
        Task<T> task = new Task<>() {
            @Override
            protected T call() {
                return work.get();
            }
        };
        task.setOnSucceeded(e -> onSuccess.accept(task.getValue()));
        task.setOnFailed(e -> onFailure.accept(task.getException()));
        // After the window closed, late timers and listeners find the executor gone; their work no longer matters.
        if (!pool.isShutdown()) {
            try {
                pool.execute(task);
            } catch (RejectedExecutionException closing) {
                task.cancel();
            }
        }
    }

    @Override
    public void close() {
        housekeeping.shutdownNow();
        interactive.shutdownNow();
    }
}
