#!/usr/bin/env bash
# jmh.sh — JMH micro-benchmarks of the crawl's hot paths (src/test/java/dev/vertxcrawler/jmh):
#   ParseBenchmark      jsoup's parse alone, PageParser (parse + links), jsoup's absUrl way, and
#                       canonicalisation + scope of one page's links (a 30 KB page with 100 links)
#   AdmissionBenchmark  admitting links per URL (half new, half seen) and committing a page, memory vs SQLite
#   RobotsBenchmark     a robots.txt check per URL (60 rules)
# Usage: bench/jmh.sh [JMH options, e.g. ParseBenchmark -f 1 -wi 2 -i 3]   (default: all, as annotated)
# Prints JMH's table; with RESULT=FILE also writes JMH's JSON there.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -o test-compile 2>/dev/null || mvn -B -q test-compile
CP_FILE=target/jmh-classpath.txt
mvn -B -q -o dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$CP_FILE" >/dev/null 2>&1 \
  || mvn -B -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$CP_FILE" >/dev/null
CP="target/test-classes:target/classes:$(cat "$CP_FILE")"
extra=()
[ -n "${RESULT:-}" ] && extra=(-rf json -rff "$RESULT")
echo "== $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | xargs), $(java -version 2>&1 | head -1)" >&2
exec java -cp "$CP" org.openjdk.jmh.Main "${extra[@]}" "$@"
