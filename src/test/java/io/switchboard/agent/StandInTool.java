package io.switchboard.agent;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;

/**
 * A stand-in for a keyring's command-line tool (macOS security, Windows powershell.exe) that cannot run here: a shell
 * script that records each call — its arguments exactly as received and everything written to its standard input —
 * and answers with what the test set for that call (standard output, standard error, exit status), as the real tool
 * documents it. The protocol a backend speaks is then checked byte for byte.
 */
final class StandInTool {
    private final Path dir;
    private final Path executable;

    StandInTool(Path dir, String name) {
        this.dir = dir;
        this.executable = dir.resolve(name);
        String d = dir.toString().replace("'", "'\\''");
        String script = """
                #!/bin/sh
                PATH=/usr/bin:/bin; export PATH
                d='%s'
                n=$(cat "$d/count" 2>/dev/null || echo 0); n=$((n+1)); echo "$n" > "$d/count"
                printf '%%s\\0' "$@" > "$d/call$n.args"
                cat > "$d/call$n.stdin"
                if [ -f "$d/answer$n.sleep" ]; then sleep "$(cat "$d/answer$n.sleep")"; fi
                if [ -f "$d/answer$n.out" ]; then cat "$d/answer$n.out"; fi
                if [ -f "$d/answer$n.err" ]; then cat "$d/answer$n.err" >&2; fi
                exit "$(cat "$d/answer$n.exit" 2>/dev/null || echo 0)"
                """.formatted(d);
        try {
            Files.writeString(executable, script);
            Files.setPosixFilePermissions(executable, PosixFilePermissions.fromString("rwx------"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path executable() {
        return executable;
    }

    Path dir() {
        return dir;
    }

    /** How the next call answers. */
    StandInTool answers(int exit, String out, String err) {
        int n = calls() + 1;
        write("answer" + n + ".exit", Integer.toString(exit));
        write("answer" + n + ".out", out);
        write("answer" + n + ".err", err);
        return this;
    }

    /** The next call says nothing for {@code seconds} (a keyring that hangs). */
    StandInTool hangs(int seconds) {
        write("answer" + (calls() + 1) + ".sleep", Integer.toString(seconds));
        return this;
    }

    int calls() {
        Path count = dir.resolve("count");
        try {
            return Files.exists(count) ? Integer.parseInt(Files.readString(count).strip()) : 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The arguments of call {@code n} (from 1), as the tool received them. */
    List<String> args(int n) {
        String all = read("call" + n + ".args");
        return all.isEmpty() ? List.of() : Arrays.asList(all.substring(0, all.length() - 1).split("\0", -1));
    }

    /** What call {@code n} read on its standard input. */
    String stdin(int n) {
        return read("call" + n + ".stdin");
    }

    private String read(String name) {
        try {
            return Files.readString(dir.resolve(name), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void write(String name, String text) {
        try {
            Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
