package io.switchboard.app;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The version and the git commit of this build, from {@code build.properties} that Maven fills in
 * (pom.xml, the build-commit execution). A build outside a git checkout says "unknown"; classes
 * compiled without Maven's resource filtering say "dev".
 */
public final class Version {
    private static final Properties BUILD = load();

    private Version() {
    }

    public static String current() {
        return value("version", "dev");
    }

    public static String commit() {
        return value("commit", "unknown");
    }

    /** What {@code --version} prints, e.g. "switchboard 0.1.0 (commit 3aba41620553)". */
    public static String describe() {
        return "switchboard " + current() + " (commit " + commit() + ")";
    }

    private static String value(String key, String fallback) {
        String v = BUILD.getProperty(key, "");
        // An unfiltered file still holds the Maven expression itself.
        return v.isBlank() || v.startsWith("${") ? fallback : v.strip();
    }

    private static Properties load() {
        Properties p = new Properties();
        try (InputStream in = Version.class.getResourceAsStream("build.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("build.properties is unreadable", e);
        }
        return p;
    }
}
