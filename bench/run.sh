#!/usr/bin/env bash
# Runs a benchmark main class from src/test/java/io/switchboard/bench on the app's embedded PostgreSQL.
# Usage: bench/run.sh SenderBenchmark [args...]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
exec java -Xmx1g -cp "target/classes:target/test-classes:$(cat target/bench.classpath)" "io.switchboard.bench.$1" "${@:2}"
