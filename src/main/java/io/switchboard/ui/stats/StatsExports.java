package io.switchboard.ui.stats;

import io.switchboard.stats.StatsTable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.MenuItem;
import javafx.stage.Window;

/** The Stats view's export menu items: a table as CSV, a chart as PNG; files are written off the FX thread. */
final class StatsExports {
    private final SaveTarget saveTarget;
    private final Executor io;
    private final Supplier<Window> window;
    private final Consumer<String> onError;

    StatsExports(SaveTarget saveTarget, Executor io, Supplier<Window> window, Consumer<String> onError) {
        this.saveTarget = saveTarget;
        this.io = io;
        this.window = window;
        this.onError = onError;
    }

    MenuItem csv(String text, String name, Supplier<StatsTable> table) {
        MenuItem item = new MenuItem(text);
        item.setId("csv-" + name);
        item.setOnAction(e -> {
            StatsTable t = table.get();
            if (t == null) {
                return;
            }
            Optional<Path> file = saveTarget.choose(window.get(), text.replace("…", ""), name + ".csv", "csv");
            file.ifPresent(path -> io.execute(() -> {
                try {
                    Files.writeString(path, t.csv(), StandardCharsets.UTF_8);
                } catch (IOException ex) {
                    Platform.runLater(() -> onError.accept("Could not write " + path + ": " + ex.getMessage()));
                }
            }));
        });
        return item;
    }

    MenuItem png(String text, String name, Node chart) {
        MenuItem item = new MenuItem(text);
        item.setId("png-" + name);
        item.setOnAction(e -> saveTarget.choose(window.get(), text.replace("…", ""), name + ".png", "png").ifPresent(path -> {
            ChartPng png = ChartPng.snapshot(chart);
            io.execute(() -> {
                try {
                    png.write(path);
                } catch (IOException ex) {
                    Platform.runLater(() -> onError.accept("Could not write " + path + ": " + ex.getMessage()));
                }
            });
        }));
        return item;
    }
}
