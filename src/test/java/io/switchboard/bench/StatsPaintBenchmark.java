package io.switchboard.bench;

import io.switchboard.app.Services;
import io.switchboard.db.DatabaseStartup;
import io.switchboard.demo.DemoData;
import io.switchboard.stats.StatsFolder;
import io.switchboard.stats.StatsReport;
import io.switchboard.tenant.TenantService;
import io.switchboard.ui.stats.RangePreset;
import io.switchboard.ui.stats.StatsViewModel;
import io.switchboard.ui.stats.StatsWindow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Scene;

/**
 * Time from "open the Stats window on 90 days" to painted charts, on a demo database: the window is created on the FX
 * thread (t0), the report is read in the background and lands (data), the first layout pulse after that lays the charts
 * out with it (layout), and a snapshot of the whole window renders every pixel once more (snapshot, an upper bound of
 * the paint). Each run opens a fresh window, as a supervisor clicking "Stats" does. Run it on a display (Xvfb).
 * Usage: bench/run.sh StatsPaintBenchmark [messages=1000000] [runs=15]
 */
public final class StatsPaintBenchmark {
    private StatsPaintBenchmark() {
    }

    /** Milliseconds after the click: open returned, report in the view model, its layout pulse, that pulse's frame rendered, a snapshot. */
    private record Run(double built, double data, double layout, double frame, double snapshot) {
    }

    public static void main(String[] args) throws Exception {
        long messages = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 15;
        List<String> modes = List.of((args.length > 2 ? args[2] : "cold,warm").split(","));
        System.out.println(BenchEnvironment.machine());
        try (BenchEnvironment env = new BenchEnvironment(4)) {
            UUID tenant = new TenantService(env.db()).create("Stats paint bench").id();
            long t0 = System.nanoTime();
            var filled = new DemoData(env.db()).fill(tenant, (int) Math.max(1, messages / 12), messages, 11L);
            System.out.printf("demo-data: %,d messages in %.1f s%n", filled.messages(), (System.nanoTime() - t0) / 1e9);
            new StatsFolder(env.db(), Duration.ofSeconds(1)).foldAll();
            System.out.printf("counter rows: %,d%n", env.count("SELECT COUNT(*) FROM stats_counters"));
            measure(env, tenant, runs, modes);
            Platform.exit();
        }
        System.exit(0);
    }

    /** Stats windows on 90 days for each mode, then the report alone, on the filled tenant (needs a display). */
    static void measure(BenchEnvironment env, UUID tenant, int runs, List<String> modes) throws Exception {
        Services services = new Services(new DatabaseStartup.Running(env.db(), Optional.empty()));
        CompletableFuture<Void> started = new CompletableFuture<>();
        Platform.startup(() -> started.complete(null));
        started.get(60, TimeUnit.SECONDS);
        Platform.setImplicitExit(false);
        // The app's theme, as DesktopApp sets it: the Stats sheet's colours are the theme's looked-up colours.
        Platform.runLater(() -> javafx.application.Application.setUserAgentStylesheet(new atlantafx.base.theme.PrimerLight().getUserAgentStylesheet()));
        for (String mode : modes) {
            List<Run> measured = new ArrayList<>();
            if (mode.equals("cold")) {
                for (int i = 0; i < runs + 2; i++) {
                    Run r = cold(services, tenant);
                    if (i >= 2) { // two warm-up windows: class loading, CSS, JIT
                        measured.add(r);
                    }
                }
            } else {
                measured.addAll(Warm.runs(services, tenant, runs));
            }
            print(mode, measured);
        }
        // The database part alone, back to back with the windows: StatsService.report for the same tenant and range.
        io.switchboard.stats.StatsRange range = io.switchboard.stats.StatsRange.lastDays(90, java.time.ZoneOffset.UTC, java.time.Clock.systemUTC());
        List<Double> database = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            long a = System.nanoTime();
            services.stats().report(tenant, range);
            database.add((System.nanoTime() - a) / 1e6);
        }
        System.out.printf("StatsService.report alone (database time), %d runs: p50 %.0f ms, p95 %.0f ms%n", runs, pct(database, 50), pct(database, 95));
        System.out.println("prism pipeline: " + com.sun.prism.GraphicsPipeline.getPipeline().getClass().getSimpleName()
                + "; load average after: " + java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim());
    }

    private static void print(String mode, List<Run> measured) {
        System.out.printf("Stats window, 90 days, %s, %d runs, click → ... p50 / p95 ms:%n", mode, measured.size());
        System.out.printf("  %-48s %6.0f / %6.0f%n", "open returned (FX thread free again)", pct(measured.stream().map(Run::built).toList(), 50),
                pct(measured.stream().map(Run::built).toList(), 95));
        System.out.printf("  %-48s %6.0f / %6.0f%n", "report in the view model", pct(measured.stream().map(Run::data).toList(), 50),
                pct(measured.stream().map(Run::data).toList(), 95));
        System.out.printf("  %-48s %6.0f / %6.0f%n", "layout pulse with the data in the charts", pct(measured.stream().map(Run::layout).toList(), 50),
                pct(measured.stream().map(Run::layout).toList(), 95));
        System.out.printf("  %-48s %6.0f / %6.0f%n", "that frame rendered (what the user sees)", pct(measured.stream().map(Run::frame).toList(), 50),
                pct(measured.stream().map(Run::frame).toList(), 95));
        System.out.printf("  %-48s %6.0f / %6.0f%n", "snapshot of the whole window (upper bound)", pct(measured.stream().map(Run::snapshot).toList(), 50),
                pct(measured.stream().map(Run::snapshot).toList(), 95));
        System.out.println("  load average: " + loadavg());
    }

    private static String loadavg() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim();
        } catch (java.io.IOException e) {
            return "?";
        }
    }

    /** A fresh window per click, as before the window was kept (and as the first click before the prepared window is ready). */
    private static Run cold(Services services, UUID tenant) throws Exception {
        CompletableFuture<Run> done = new CompletableFuture<>();
        Platform.runLater(() -> {
            long start = System.nanoTime();
            StatsWindow window = StatsWindow.open(null, services, tenant, (owner, title, name, ext) -> Optional.empty());
            long built = System.nanoTime();
            StatsViewModel vm = window.viewModel();
            vm.preset.set(RangePreset.DAYS_90); // before the tenant list lands, so the one report read is the 90-day one
            track(window.stage().getScene(), vm, tenant, start, built, done, () -> window.stage().close());
        });
        return done.get(120, TimeUnit.SECONDS);
    }

    /**
     * Times the click at {@code start}: the report for {@code tenant} over 90 days landing, the next layout pulse, the frame
     * that pulse rendered (the scene's render callback, on the render thread), then a snapshot; {@code after} runs last.
     */
    static void track(Scene scene, StatsViewModel vm, UUID tenant, long start, long built, CompletableFuture<Run> done, Runnable after) {
        long[] data = {0};
        long[] layout = {0};
        javafx.beans.InvalidationListener landed = obs -> { // not a ChangeListener: an equal report (nothing changed) counts too
            StatsReport report = vm.report.get();
            if (report != null && report.range().days() == 90 && tenant.equals(report.tenantId()) && data[0] == 0) {
                data[0] = System.nanoTime();
            }
        };
        vm.report.addListener(landed);
        com.sun.javafx.perf.PerformanceTracker tracker = com.sun.javafx.perf.PerformanceTracker.getSceneTracker(scene);
        Runnable[] pulse = new Runnable[1];
        pulse[0] = () -> {
            if (data[0] != 0 && layout[0] == 0) {
                layout[0] = System.nanoTime();
                scene.removePostLayoutPulseListener(pulse[0]);
            }
        };
        tracker.setOnRenderedFrameTask(() -> { // render thread: the frame of the pulse above is on screen
            if (layout[0] != 0) {
                long frame = System.nanoTime();
                tracker.setOnRenderedFrameTask(null);
                Platform.runLater(() -> {
                    vm.report.removeListener(landed);
                    scene.getRoot().snapshot(null, null);
                    long painted = System.nanoTime();
                    after.run();
                    done.complete(new Run((built - start) / 1e6, (data[0] - start) / 1e6, (layout[0] - start) / 1e6, (frame - start) / 1e6,
                            (painted - start) / 1e6));
                });
            }
        });
        scene.addPostLayoutPulseListener(pulse[0]);
    }

    private static double pct(List<Double> values, int p) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

    /** The window as the app keeps it: prepared once while idle, then each click shows it and refreshes it. */
    private static final class Warm {
        static List<Run> runs(Services services, UUID tenant, int runs) throws Exception {
            StatsWindow window = CompletableFuture.supplyAsync(() -> {
                StatsWindow w = StatsWindow.prepare(null, services, (owner, title, name, ext) -> Optional.empty());
                w.viewModel().preset.set(RangePreset.DAYS_90); // the range chosen last time
                return w;
            }, Platform::runLater).get(120, TimeUnit.SECONDS);
            System.out.println("  nodes in the prepared window's scene: " + CompletableFuture.supplyAsync(() -> nodes(window.stage().getScene().getRoot()),
                    Platform::runLater).get(60, TimeUnit.SECONDS));
            List<Run> measured = new ArrayList<>();
            for (int i = 0; i < runs + 2; i++) {
                Thread.sleep(300); // the app idle between clicks (benchmark thread, not the FX thread)
                CompletableFuture<Run> done = new CompletableFuture<>();
                Platform.runLater(() -> {
                    long start = System.nanoTime();
                    window.show(tenant);
                    long built = System.nanoTime();
                    track(window.stage().getScene(), window.viewModel(), tenant, start, built, done, window::hide);
                });
                Run r = done.get(120, TimeUnit.SECONDS);
                if (i >= 2) {
                    measured.add(r);
                }
            }
            Platform.runLater(window::dispose);
            return measured;
        }

        /** Nodes in the tree, with the most frequent kinds (each one's CSS is matched again at every show). */
        private static String nodes(javafx.scene.Parent root) {
            java.util.Map<String, Integer> kinds = new java.util.HashMap<>();
            java.util.ArrayDeque<javafx.scene.Node> todo = new java.util.ArrayDeque<>(List.of(root));
            int n = 0;
            while (!todo.isEmpty()) {
                javafx.scene.Node node = todo.pop();
                n++;
                kinds.merge(node.getClass().getSimpleName(), 1, Integer::sum);
                if (node instanceof javafx.scene.Parent p) {
                    todo.addAll(p.getChildrenUnmodifiable());
                }
            }
            return n + " " + kinds.entrySet().stream().sorted(java.util.Map.Entry.<String, Integer>comparingByValue().reversed()).limit(12).toList();
        }
    }
}
