package io.switchboard.app;

import io.switchboard.common.ValidationException;
import io.switchboard.config.Settings;
import io.switchboard.db.DatabaseStartup;
import io.switchboard.media.MediaLibrary;
import io.switchboard.media.MediaUsage;
import java.io.PrintStream;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** {@code media usage} and {@code media cap}: a tenant's stored media against its storage cap, and setting the cap. */
final class MediaCommand {
    static final String USAGE_USAGE = "media usage --tenant ID";
    static final String CAP_USAGE = "media cap --tenant ID --megabytes N";

    private MediaCommand() {
    }

    static int run(List<String> args, Settings settings, PrintStream out) {
        String sub = args.isEmpty() ? "" : args.get(0);
        List<String> rest = args.isEmpty() ? List.of() : args.subList(1, args.size());
        switch (sub) {
            case "usage" -> {
                Arguments a = Arguments.parse("media usage", rest, Set.of("tenant"));
                UUID tenant = a.uuid("tenant");
                try (var running = DatabaseStartup.start(settings, DatabaseStartup.Mode.APPLY_PER_SETTINGS, 2)) {
                    print(out, MediaLibrary.fromSettings(running.database(), settings).usage(tenant));
                }
            }
            case "cap" -> {
                Arguments a = Arguments.parse("media cap", rest, Set.of("tenant", "megabytes"));
                UUID tenant = a.uuid("tenant");
                String text = a.required("megabytes");
                long megabytes;
                try {
                    megabytes = Long.parseLong(text.strip());
                } catch (NumberFormatException e) {
                    throw new ValidationException("megabytes", "must be a whole number of megabytes, not \"" + text + "\"");
                }
                if (megabytes < 1 || megabytes > 1_000_000) {
                    throw new ValidationException("megabytes", "must be between 1 and 1000000");
                }
                try (var running = DatabaseStartup.start(settings, DatabaseStartup.Mode.APPLY_PER_SETTINGS, 2)) {
                    MediaLibrary library = MediaLibrary.fromSettings(running.database(), settings);
                    library.setQuota(tenant, megabytes * 1024 * 1024);
                    print(out, library.usage(tenant));
                }
            }
            default -> throw new UsageException("media: expected \"usage\" or \"cap\" (see --help)");
        }
        return Main.OK;
    }

    private static void print(PrintStream out, MediaUsage u) {
        out.println(u.files() + " files\t" + u.usedBytes() + " bytes used\t" + u.quotaBytes() + " bytes cap\t" + u.describe());
    }
}
