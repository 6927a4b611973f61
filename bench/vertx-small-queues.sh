#!/usr/bin/env bash
# vertx-small-queues.sh — an experiment jar, not a product build (issue 21): the crawler's jar with Vert.x's two
# per-connection MPSC queues allocated at 16 slots instead of Netty's fixed 1 024.
#
# Why: Vert.x 5.0.10 gives every HTTP client connection an outbound queue (MessagePassingQueue.MpSc) and every
# per-host pool a CombinerExecutor, each a Netty PlatformDependent.newMpscQueue(): a JCTools
# MpscUnboundedArrayQueue whose first chunk is 1 025 references (about 4 KB) whether or not anything is ever
# queued. A broad crawl keeps one connection per host in play, so a live set that should follow the work follows
# the connections instead: at 50 000 hosts it falls by a quarter in the crawl's tail, when hosts in play fall from
# 5 000 to 2 000. Vert.x 5.2 allocates the connection's queue at 16 slots (newMpscQueue(16, 1 << 30)); the pool's
# is still 1 024 there. The project pins Vert.x 5.0.10, so the product ships neither change: this script builds the
# jar that shows what they are worth, for A/B runs of bench/broad-crawl.sh (BENCHMARKS.md, "Vert.x's queues").
#
# It takes the two classes' sources from the vertx-core sources jar of the version in the crawler's jar (in ~/.m2,
# downloaded with dependency:sources when missing), changes the one allocation in each, compiles them against the
# crawler's jar and writes a copy of that jar with them in it.
#
# Usage: bench/vertx-small-queues.sh [OUT.jar]   (default target/vertx-crawler-small-queues.jar)
# Env:   VC_JAR=path (default target/vertx-crawler.jar, built when missing)  CHUNK=16 (slots of a queue's first chunk)
# Then:  HOSTS=50000 VC_JAR=target/vertx-crawler-small-queues.jar bash bench/broad-crawl.sh
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-target/vertx-crawler-small-queues.jar}
chunk=${CHUNK:-16}
jar=${VC_JAR:-target/vertx-crawler.jar}
[ -f "$jar" ] || mvn -B -q package -DskipTests
version=$(unzip -p "$jar" META-INF/maven/io.vertx/vertx-core/pom.properties | sed -n 's/^version=//p')
sources=~/.m2/repository/io/vertx/vertx-core/$version/vertx-core-$version-sources.jar
if [ ! -f "$sources" ]; then
  mvn -B -q dependency:get -Dartifact="io.vertx:vertx-core:$version:jar:sources" -Dtransitive=false >/dev/null
fi
[ -f "$sources" ] || { echo "vertx-small-queues: $sources not found and could not be downloaded" >&2; exit 2; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
unzip -q -o "$sources" io/vertx/core/internal/pool/CombinerExecutor.java \
  io/vertx/core/streams/impl/MessagePassingQueue.java -d "$tmp/src"
queue="new io.netty.util.internal.shaded.org.jctools.queues.MpscUnboundedArrayQueue<>($chunk)"
for f in "$tmp"/src/io/vertx/core/internal/pool/CombinerExecutor.java "$tmp"/src/io/vertx/core/streams/impl/MessagePassingQueue.java; do
  n=$(grep -c 'PlatformDependent.newMpscQueue()' "$f" || true)
  [ "$n" = 1 ] || { echo "vertx-small-queues: expected one newMpscQueue() in ${f#$tmp/src/}, found $n (Vert.x $version)" >&2; exit 2; }
  sed -i "s/PlatformDependent.newMpscQueue()/$queue/" "$f"
done
mkdir -p "$tmp/classes"
javac -nowarn -d "$tmp/classes" -cp "$jar" "$tmp"/src/io/vertx/core/internal/pool/CombinerExecutor.java \
  "$tmp"/src/io/vertx/core/streams/impl/MessagePassingQueue.java 2>&1 | grep -v '^Note:' || true
cp "$jar" "$out"
jar uf "$out" -C "$tmp/classes" .
echo "$out: Vert.x $version with its per-connection queues at $chunk slots (experiment only)"
