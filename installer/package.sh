#!/usr/bin/env bash
# Builds this OS's installer into target/installer: the same as `mvn -Pinstaller package` (installer/README.md).
#   installer/package.sh [extra Maven options, e.g. -DskipTests]
set -euo pipefail
cd "$(dirname "$0")/.."
exec mvn -B -Pinstaller package "$@"
