#!/usr/bin/env bash
# The installer's CI check (.ci/run runs it after `mvn -B verify`); a broken installer fails it.
#   installer/check.sh
# Builds the app-image and the .deb with `mvn -Pinstaller package` (gzip instead of xz: same files, minutes less),
# runs the launchers with --version, --help, `migrate` on a fresh data folder and `serve` (which must load no
# JavaFX class), and checks the .deb's control fields, conffiles, maintainer scripts and file list.
# SWITCHBOARD_CHECK_INSTALL=1 (as root, with apt-get) also installs the .deb, runs it and removes it again.
# It skips, saying so, only where jpackage does not exist: a JDK older than 16, or a JRE.
set -euo pipefail
cd "$(dirname "$0")/.."
say() { echo "installer check: $*"; }
fail() { echo "installer check FAILED: $*" >&2; exit 1; }

java_home="${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}"
if [ ! -x "$java_home/bin/jpackage" ]; then
    say "SKIPPED: $java_home has no jpackage (it needs a full JDK 17 or newer); the installer was not checked."
    exit 0
fi
[ -d "$java_home/jmods" ] || fail "$java_home has jpackage but no jmods/ for jlink (Debian: apt-get install openjdk-17-jdk-headless)"
if [ "$(uname -s)" != Linux ] || ! command -v dpkg-deb >/dev/null; then
    say "SKIPPED: the .deb check needs Linux with dpkg-deb; build this OS's installer with mvn -Pinstaller package."
    exit 0
fi

say "building the app-image and the .deb (mvn -Pinstaller package)"
mvn -B -q -Pinstaller -DskipTests -Dinstaller.deb.compression=gzip package

version="$(sed -n 's/^version=//p' target/classes/io/switchboard/app/build.properties)"
image=target/installer/image/Switchboard
deb="target/installer/switchboard_${version}-1_$(dpkg --print-architecture).deb"
[ -x "$image/bin/Switchboard" ] && [ -x "$image/bin/switchboard-server" ] || fail "no launchers in $image/bin"
[ -f "$deb" ] || fail "no $deb"

say "the runtime: JavaFX as modules, only the modules the app uses, only this OS's PostgreSQL"
modules="$(sed -n 's/^MODULES="\(.*\)"/\1/p' "$image/lib/runtime/release")"
for m in javafx.controls javafx.fxml jdk.httpserver jdk.crypto.ec jdk.security.auth java.sql; do
    [[ " $modules " == *" $m "* ]] || fail "module $m missing from the runtime: $modules"
done
for m in jdk.compiler jdk.jshell javafx.web; do
    [[ " $modules " != *" $m "* ]] || fail "module $m should not be in the runtime"
done
[ -f "$image/lib/runtime/lib/libglassgtk3.so" ] || fail "JavaFX's native libraries are not in the runtime's lib/"
! ls "$image/lib/app/lib" | grep -q '^javafx-' || fail "JavaFX jars on the class path (the 'unnamed module' warning)"
pg="$(ls "$image/lib/app/lib" | grep '^embedded-postgres-binaries-')"
[ "$(echo "$pg" | wc -l)" = 1 ] && [[ "$pg" == *linux-* ]] || fail "expected only this OS's PostgreSQL binaries, found: $pg"

export SWITCHBOARD_HOME
SWITCHBOARD_HOME="$(mktemp -d)"
work="$(mktemp -d)"
trap 'kill "${serve_pid:-}" 2>/dev/null || true; rm -rf "$SWITCHBOARD_HOME" "$work"' EXIT
unset DB_HOST DB_PORT DB_USERNAME DB_PASSWORD DB_NAME SWITCHBOARD_ENV_FILE SWITCHBOARD_SECRET_KEY
export SWITCHBOARD_SANDBOX=false

say "--version, --help"
out="$("$image/bin/Switchboard" --version)"
[[ "$out" =~ ^switchboard\ ${version//./\\.}\ \(commit\ ([0-9a-f]{12}|unknown)\)$ ]] || fail "--version printed: $out"
out="$("$image/bin/Switchboard" --help)"
[[ "$out" == *"Usage:"* && "$out" == *"serve [--port P]"* && "$out" == *"DB_HOST"* ]] || fail "--help printed: $out"

say "migrate on a fresh data folder"
out="$("$image/bin/Switchboard" migrate 2>&1)" || fail "migrate exited $?: $out"
[[ "$out" == *"is at the current schema."* ]] || fail "migrate printed: $out"
[ -f "$SWITCHBOARD_HOME/pgdata/PG_VERSION" ] || fail "migrate left no database in $SWITCHBOARD_HOME"

say "serve: answers, stops on SIGTERM with 0, loads no JavaFX class"
port=$(( 20000 + RANDOM % 30000 ))
while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$(( 20000 + RANDOM % 30000 )); done
JAVA_TOOL_OPTIONS="-Xlog:class+load=info:file=$work/classes.log" DISPLAY='' \
    "$image/bin/switchboard-server" serve --port "$port" > "$work/serve.out" 2>&1 &
serve_pid=$!
for _ in $(seq 1 600); do
    grep -q "^Serving on port $port" "$work/serve.out" && break
    kill -0 "$serve_pid" 2>/dev/null || fail "serve ended early: $(cat "$work/serve.out")"
    sleep 0.1
done
grep -q "^Serving on port $port" "$work/serve.out" || fail "serve did not start within 60 s: $(cat "$work/serve.out")"
answer="$(exec 3<>"/dev/tcp/127.0.0.1/$port"; printf 'GET /webhook HTTP/1.0\r\n\r\n' >&3; head -1 <&3)"
[[ "$answer" == HTTP/1.?\ * ]] || fail "serve did not answer HTTP on port $port: $answer"
kill -TERM "$serve_pid"
status=0; wait "$serve_pid" || status=$?
serve_pid=
[ "$status" = 0 ] || fail "serve exited $status after SIGTERM: $(cat "$work/serve.out")"
grep -q ' io\.switchboard\.app\.Serve ' "$work/classes.log" || fail "no class-load log from serve"
if grep -E '\] (javafx\.|com\.sun\.javafx\.|com\.sun\.glass\.|com\.sun\.prism\.)' "$work/classes.log" | head -3; then
    fail "serve loaded JavaFX classes (above)"
fi

say "the .deb: control fields, conffiles, maintainer scripts, files"
field() { dpkg-deb -f "$deb" "$1"; }
[ "$(field Package)" = switchboard ] || fail "Package: $(field Package)"
[ "$(field Version)" = "$version-1" ] || fail "Version: $(field Version)"
[[ "$(field Maintainer)" =~ ^[^\<]+\ \<[^@\>]+@[^\>]+\>$ && "$(field Maintainer)" != *Unknown* ]] || fail "Maintainer: $(field Maintainer)"
[[ "$(field Homepage)" == https://* ]] || fail "Homepage: $(field Homepage)"
depends="$(field Depends)"
for d in adduser libgtk-3-0 libgl1 libx11-6 libxtst6 libxxf86vm1 libfontconfig1 libfreetype6 fonts-dejavu-core; do
    [[ "$depends" =~ (^|[ ,|])$d([ ,|]|$) ]] || fail "Depends lacks $d: $depends"
done
dpkg-deb --ctrl-tarfile "$deb" | tar -x -C "$work"
grep -qx /etc/switchboard/switchboard.env "$work/conffiles" || fail "the settings file is not a conffile"
for s in postinst prerm postrm; do
    sh -n "$work/$s" || fail "$s is not valid sh"
    ! grep -q xdg- "$work/$s" || fail "$s calls xdg tools (they fail on servers without a menu)"
done
grep -q 'adduser .*--system' "$work/postinst" || fail "postinst creates no system user"
files="$(dpkg-deb -c "$deb" | awk '{print $6, $7, $8}')"
for f in ./opt/switchboard/bin/Switchboard ./opt/switchboard/bin/switchboard-server \
         ./usr/lib/systemd/system/switchboard-serve.service ./etc/switchboard/switchboard.env \
         ./usr/share/doc/switchboard/copyright ./usr/share/applications/switchboard.desktop \
         ./usr/share/icons/hicolor/48x48/apps/switchboard.png ./usr/share/icons/hicolor/256x256/apps/switchboard.png \
         "./usr/bin/switchboard -> /opt/switchboard/bin/Switchboard"; do
    grep -qxF -- "$f" <<< "$files" || grep -q "^$f " <<< "$files" || fail "$f is not in the .deb"
done
! grep -q '^./var/lib/switchboard' <<< "$files" || fail "the .deb must not own the data folder /var/lib/switchboard"

if [ "${SWITCHBOARD_CHECK_INSTALL:-0}" = 1 ]; then
    say "apt-get install ./$(basename "$deb"), run it, remove it"
    apt-get install -y -q "./$deb" > "$work/apt.log" 2>&1 || fail "apt-get install failed: $(tail -20 "$work/apt.log")"
    [ "$(switchboard --version)" = "$("$image/bin/Switchboard" --version)" ] || fail "installed switchboard --version differs"
    getent passwd switchboard > /dev/null || fail "no switchboard system user"
    apt-get remove -y -q switchboard > "$work/apt.log" 2>&1 || fail "apt-get remove failed: $(tail -20 "$work/apt.log")"
    [ -d /var/lib/switchboard ] || fail "removing the package deleted /var/lib/switchboard"
fi
say "OK ($(du -h "$deb" | cut -f1) $(basename "$deb"), gzip; release builds use xz)"
