package io.switchboard.ui;

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
final class Background implements AutoCloseable {
    private final ExecutorService executor = pool(3, "switchboard-ui-worker");
    private final ExecutorService interactive = pool(2, "switchboard-ui-interactive");

    private static ExecutorService pool(int threads, String name) {
        return Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }

    <T> Task<T> run(Supplier<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
        return submit(executor, work, onSuccess, onFailure);
    }

    /** For work the agent is waiting to see. */
    <T> Task<T> now(Supplier<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
        return submit(interactive, work, onSuccess, onFailure);
    }

    private static <T> Task<T> submit(ExecutorService pool, Supplier<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
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
        return task;
    }

    static void onFx(Runnable r) {
        if (Platform.isFxApplicationThread()) {
            r.run();
        } else {
            Platform.runLater(r);
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
        interactive.shutdownNow();
    }
}
