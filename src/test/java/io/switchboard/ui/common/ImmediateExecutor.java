package io.switchboard.ui.common;

import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Runs a view model's work at once on the calling thread, result handlers included, so a test
 * reads the view model's state right after calling it: no toolkit, no display, no waiting.
 */
public final class ImmediateExecutor implements UiExecutor {
    @Override
    public <T> void run(Supplier<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
        T result;
        try {
            result = work.get();
        } catch (RuntimeException e) {
            onFailure.accept(e);
            return;
        }
        onSuccess.accept(result);
    }

    @Override
    public <T> void now(Supplier<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
        run(work, onSuccess, onFailure);
    }

    @Override
    public void onUi(Runnable update) {
        update.run();
    }
}
