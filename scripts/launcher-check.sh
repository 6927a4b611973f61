#!/usr/bin/env bash
# launcher-check.sh — bin/vertx-crawler on every JVM this machine has (the default java, and each JDK 25+ under
# /usr/lib/jvm): the first demo crawl writes the start-up cache (a CDS archive before JDK 25, an AOT cache from
# 25 on) and a copy of sqlite-jdbc's native library, and leaves no temporary file; the second uses both (with
# sqlite-jdbc's own extraction directory made unusable, so only the copy can load) and still crawls the demo to
# the end; a user's mistake still exits 2; a JVM whose cache creation fails is told once and not retried. Each JVM gets a private XDG_CACHE_HOME, so the machine's own cache is never touched.
#
# Usage: scripts/launcher-check.sh        Env: VC_JAR=path (default target/vertx-crawler.jar)
# Exits 1 on the first failed check, naming it.
set -euo pipefail
unset VC_CDS VC_JAVA_OPTS JAVA_OPTS   # the launcher as shipped: its default flags and cache
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
export VC_JAR=${VC_JAR:-$REPO/target/vertx-crawler.jar}
[ -f "$VC_JAR" ] || { echo "launcher-check: $VC_JAR not found — build it first (mvn -B -q package -DskipTests)" >&2; exit 2; }
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

fail() { echo "launcher-check FAILED ($1): $2" >&2; exit 1; }

homes=("")   # "" = java on PATH
for home in /usr/lib/jvm/*/; do
  v=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$home/release" 2>/dev/null | head -1 || true)
  if [ -n "$v" ] && [ "$v" -ge 25 ]; then homes+=("${home%/}"); fi
done

for home in "${homes[@]}"; do
  name=${home:-java on PATH}
  label=$(basename "${home:-default}")
  cache=$TMP/$label/cache
  run() { env ${home:+JAVA_HOME="$home"} XDG_CACHE_HOME="$cache" "$REPO/bin/vertx-crawler" "$@"; }
  for round in 1 2; do
    out=$TMP/$label/demo-$round
    rc=0
    # round 2: sqlite-jdbc cannot extract its library (its temp directory does not exist): the copy must load
    opts=
    [ "$round" = 2 ] && opts="-Dorg.sqlite.tmpdir=$TMP/no-such-dir"
    JAVA_OPTS="$opts" run demo --out "$out" >"$TMP/$label.$round.log" 2>&1 || rc=$?
    [ "$rc" = 0 ] || fail "$name, demo run $round" "exit $rc: $(tail -3 "$TMP/$label.$round.log")"
    grep -q '"finishReason" : "finished"' "$out/summary.json" || fail "$name, demo run $round" "summary.json: not finished"
    [ -f "$out/report.html" ] || fail "$name, demo run $round" "no report.html"
    files=$(ls "$cache/vertx-crawler" 2>/dev/null || true)
    [ "$(echo "$files" | grep -cE '^(cds-[0-9]+\.jsa|aot-[0-9]+\.aot)$')" = 1 ] \
      || fail "$name, after demo run $round" "expected one start-up cache, found: ${files:-nothing}"
    [ "$(echo "$files" | grep -cE '^sqlite-[0-9]+$')" = 1 ] && ls "$cache"/vertx-crawler/sqlite-*/*sqlitejdbc* >/dev/null 2>&1 \
      || fail "$name, after demo run $round" "expected one copy of sqlite-jdbc's native library, found: ${files:-nothing}"
    [ "$(echo "$files" | grep -vcE '^(cds-[0-9]+\.jsa|aot-[0-9]+\.aot|sqlite-[0-9]+)$')" = 0 ] \
      || fail "$name, after demo run $round" "temporary files left: $files"
    if grep -q 'AOTConfiguration recorded' "$TMP/$label.$round.log" && [ "$round" = 2 ]; then
      fail "$name, demo run 2" "the second run recorded again instead of using the cache"
    fi
  done
  rc=0
  run crawl --seeds "$TMP/no-such-seeds.txt" >"$TMP/$label.bad.log" 2>&1 || rc=$?
  [ "$rc" = 2 ] || fail "$name, a missing seeds file" "exit $rc, expected 2: $(tail -2 "$TMP/$label.bad.log")"
  echo "launcher-check: $name — $(ls "$cache/vertx-crawler"), two demo crawls finished, a bad seeds file exits 2"
done
# A JVM whose -XX:AOTMode=create fails (as JDK 25.0.3 crashed on one build): the first crawl says so once and
# leaves aot-<key>.aot.failed; the second runs without a cache and does not record again; nothing lands in the
# working directory.
for home in "${homes[@]}"; do
  [ -n "$home" ] || continue
  fake=$TMP/failing-create/$(basename "$home")
  mkdir -p "$fake/bin" "$fake/cwd"
  cp "$home/release" "$fake/release"
  printf '#!/bin/sh\nfor a in "$@"; do [ "$a" = -XX:AOTMode=create ] && { echo "simulated create failure" >&2; exit 134; }; done\nexec "%s/bin/java" "$@"\n' \
    "$home" >"$fake/bin/java"
  chmod +x "$fake/bin/java"
  cache=$TMP/failing-create/cache
  for round in 1 2; do
    rc=0
    (cd "$fake/cwd" && env JAVA_HOME="$fake" XDG_CACHE_HOME="$cache" "$REPO/bin/vertx-crawler" demo \
      --out "$TMP/failing-create/demo-$round") >"$TMP/failing.$round.log" 2>&1 || rc=$?
    [ "$rc" = 0 ] || fail "failing create, demo run $round" "exit $rc: $(tail -3 "$TMP/failing.$round.log")"
    files=$(ls "$cache/vertx-crawler" 2>/dev/null || true)
    echo "$files" | grep -qE '^aot-[0-9]+\.aot\.failed$' \
      || fail "failing create, after demo run $round" "no aot-<key>.aot.failed, found: ${files:-nothing}"
    [ "$(echo "$files" | grep -cE '\.aot$|\.conf$|\.(log|err)$' || true)" = 0 ] \
      || fail "failing create, after demo run $round" "a cache or temporary file: $files"
    [ -z "$(ls -A "$fake/cwd")" ] || fail "failing create, demo run $round" "files in the working directory: $(ls "$fake/cwd")"
    said=$(grep -c 'could not build its start-up cache' "$TMP/failing.$round.log" || true)
    [ "$said" = "$((2 - round))" ] || fail "failing create, demo run $round" "told the user $said time(s)"
    if [ "$round" = 2 ] && grep -q 'AOTConfiguration recorded' "$TMP/failing.$round.log"; then
      fail "failing create, demo run 2" "recorded again after a failed create"
    fi
  done
  grep -q 'simulated create failure' "$cache"/vertx-crawler/*.failed || fail "failing create" "the .failed file does not say why"
  echo "launcher-check: a failing AOT create on $(basename "$home") — said once, remembered, two demo crawls finished"
  break
done
echo "launcher-check: PASS"
