package io.switchboard.ui;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.concurrent.Task;

/** Runs service calls off the FX thread and hands results back on it. */
final class Background implements AutoCloseable {
    private final ExecutorService executor = Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "switchboard-ui-worker");
        t.setDaemon(true);
        return t;
    });

    <T> Task<T> run(Supplier<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
        Task<T> task = new Task<>() {
            @Override
            protected T call() {
                return work.get();
            }
        };
        task.setOnSucceeded(e -> onSuccess.accept(task.getValue()));
        task.setOnFailed(e -> onFailure.accept(task.getException()));
        // After the window closed, late timers and listeners find the executor gone; their work no longer matters.
        if (!executor.isShutdown()) {
            try {
                executor.execute(task);
            } catch (java.util.concurrent.RejectedExecutionException closing) {
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
    }
}
