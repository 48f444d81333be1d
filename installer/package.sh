#!/usr/bin/env bash
# Builds a native installer with jpackage from target/switchboard.jar and target/lib/.
#   installer/package.sh            # the default type for this OS (deb on Debian/Ubuntu, dmg on macOS, msi on Windows)
#   installer/package.sh app-image  # a self-contained folder, no installer tooling needed
# The JDK running this script must have jpackage (JDK 17+). The app bundles its own runtime.
set -euo pipefail
cd "$(dirname "$0")/.."
type="${1:-}"
version="$(sed -n 's:.*<version>\([0-9][0-9.]*\)</version>.*:\1:p' pom.xml | head -1)"
[ -f target/switchboard.jar ] || mvn -B -q package -DskipTests
rm -rf target/installer-input target/installer
mkdir -p target/installer-input
cp target/switchboard.jar target/installer-input/
cp -r target/lib target/installer-input/lib
# Each OS needs only its own PostgreSQL binaries; the manifest's Class-Path ignores absent jars.
case "$(uname -s)-$(uname -m)" in
  Linux-x86_64) keep=linux-amd64 ;; Darwin-arm64) keep=darwin-arm64v8 ;; Darwin-*) keep=darwin-amd64 ;; *) keep=windows-amd64 ;;
esac
find target/installer-input/lib -name 'embedded-postgres-binaries-*' ! -name "*-$keep-*" -delete
args=(--name Switchboard --app-version "$version" --vendor "Switchboard"
      --description "Desktop inbox for business messaging on WhatsApp"
      --input target/installer-input --main-jar switchboard.jar --main-class io.switchboard.app.Main
      --java-options "-Xmx160m -XX:+UseSerialGC -XX:TieredStopAtLevel=1" --dest target/installer)
case "$(uname -s)" in
  Linux)  args+=(--icon installer/icon.png); [ -z "$type" ] && command -v dpkg-deb >/dev/null && type=deb
          [ "$type" = deb ] && args+=(--linux-shortcut --linux-menu-group Office --linux-app-category net) ;;
  Darwin) args+=(--icon installer/icon.icns) ;;
  MINGW*|MSYS*|CYGWIN*) args+=(--icon installer/icon.ico --win-menu --win-shortcut --win-dir-chooser) ;;
esac
[ -n "$type" ] && args+=(--type "$type")
jpackage "${args[@]}"
ls -la target/installer
