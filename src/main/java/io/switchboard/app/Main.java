package io.switchboard.app;

import io.switchboard.config.ConfigurationException;
import io.switchboard.config.Settings;
import io.switchboard.db.DatabaseUnavailableException;
import io.switchboard.common.ValidationException;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.LoggerFactory;

/**
 * The single entry point: the window by default, or a command. Deliberately not a JavaFX
 * {@code Application} subclass, so a plain {@code java -jar} launch works with JavaFX on the
 * class path.
 */
public final class Main {
    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;

    private Main() {
    }

    public static void main(String[] args) {
        int code = run(Arrays.asList(args), System.out, System.err);
        if (code != OK || !(args.length == 0 || "ui".equals(args[0]))) {
            System.exit(code);
        }
    }

    static int run(List<String> args, PrintStream out, PrintStream err) {
        return run(args, Settings::load, out, err);
    }

    /** The same, with settings a test supplies instead of this process's environment and working directory. */
    static int run(List<String> args, Supplier<Settings> loadSettings, PrintStream out, PrintStream err) {
        String first = args.isEmpty() ? "ui" : args.get(0);
        if (first.equals("--help") || first.equals("-h") || first.equals("help")) {
            out.print(Help.text());
            return OK;
        }
        if (first.equals("--version") || first.equals("-V")) {
            out.println(Version.describe());
            return OK;
        }
        Settings settings;
        try {
            settings = loadSettings.get();
        } catch (ConfigurationException e) {
            err.println("switchboard: " + e.getMessage());
            return FAILED;
        }
        Logging.configure(settings.dataFolder());
        try {
            return Commands.dispatch(first, args.subList(Math.min(1, args.size()), args.size()), settings, out, err);
        } catch (UsageException e) {
            err.println("switchboard: " + e.getMessage());
            return USAGE;
        } catch (ConfigurationException | DatabaseUnavailableException | ValidationException | io.switchboard.template.MetaApiException
                 | io.switchboard.backup.BackupRefusedException | io.switchboard.backup.BackupFailedException | io.switchboard.agent.AgentAdminException e) {
            LoggerFactory.getLogger(Main.class).error("{} failed", first, e);
            err.println("switchboard: " + e.getMessage());
            return FAILED;
        } catch (RuntimeException e) {
            LoggerFactory.getLogger(Main.class).error("{} failed", first, e);
            err.println("switchboard: " + first + " failed: " + e.getMessage() + " (details in " + System.getProperty("switchboard.logfile") + ")");
            return FAILED;
        }
    }
}
