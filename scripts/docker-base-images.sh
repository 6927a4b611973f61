#!/usr/bin/env bash
# Builds local stand-ins for the Dockerfile's public base images, for machines that cannot pull from a
# public registry (Docker Hub etc.) but reach a Debian mirror:
#   vertx-crawler-base/debian:bookworm   debootstrap --variant=minbase of Debian bookworm
#   vertx-crawler-base/runtime:bookworm  + openjdk-17-jre-headless          (stands in for eclipse-temurin:17-jre)
#   vertx-crawler-base/build:bookworm    + openjdk-17-jdk-headless, maven   (stands in for maven:3.9-eclipse-temurin-17)
# An image that already exists is reused; --force rebuilds all three. Needs root (debootstrap) and a
# running Docker engine. Then:
#   docker build --build-arg BUILD_IMAGE=vertx-crawler-base/build:bookworm \
#                --build-arg RUNTIME_IMAGE=vertx-crawler-base/runtime:bookworm -t vertx-crawler .
# The mirror is the first Debian archive URI in /etc/apt/sources.list{,.d/*} (else deb.debian.org);
# VC_DEBIAN_MIRROR overrides it.
set -euo pipefail

PREFIX=vertx-crawler-base
DEBIAN_IMAGE=$PREFIX/debian:bookworm
RUNTIME_IMAGE=$PREFIX/runtime:bookworm
BUILD_IMAGE=$PREFIX/build:bookworm
force=0
[ "${1:-}" = "--force" ] && force=1

say() { echo "docker-base-images: $*" >&2; }
die() { say "FAILED: $*"; exit 1; }
have() { [ "$force" = 0 ] && docker image inspect "$1" >/dev/null 2>&1; }

mirror() {
  if [ -n "${VC_DEBIAN_MIRROR:-}" ]; then echo "$VC_DEBIAN_MIRROR"; return; fi
  local m
  # deb822 "URIs:" lines and one-line "deb URI suite" lines; the main archive, not debian-security.
  m=$(cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources 2>/dev/null \
      | grep -v '^[[:space:]]*#' | grep -oE 'https?://[^[:space:]]+/debian/?([[:space:]]|$)' \
      | tr -d '[:space:]' | sed 's:/*$::' | head -n1 || true)
  echo "${m:-http://deb.debian.org/debian}"
}

docker info >/dev/null 2>&1 || die "no Docker engine answers (docker info failed)"
MIRROR=$(mirror)
SECURITY=${VC_DEBIAN_SECURITY_MIRROR:-${MIRROR%/debian}/debian-security}

if ! have "$DEBIAN_IMAGE"; then
  command -v debootstrap >/dev/null 2>&1 || die "debootstrap is not installed (apt-get install debootstrap)"
  [ "$(id -u)" = 0 ] || die "debootstrap needs root"
  rootfs=$(mktemp -d /tmp/vc-bookworm-rootfs.XXXXXX)
  trap 'rm -rf "$rootfs"' EXIT
  say "debootstrap bookworm from $MIRROR into $rootfs"
  debootstrap --variant=minbase bookworm "$rootfs" "$MIRROR" >"$rootfs.log" 2>&1 \
    || { tail -n 30 "$rootfs.log" >&2; die "debootstrap failed (log: $rootfs.log)"; }
  rm -f "$rootfs.log"
  # The sources the derived images install from: bookworm, its updates and security fixes.
  cat >"$rootfs/etc/apt/sources.list" <<SOURCES
deb $MIRROR bookworm main
deb $MIRROR bookworm-updates main
deb $SECURITY bookworm-security main
SOURCES
  rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/*
  tar -C "$rootfs" -c . | docker import -c 'ENV LANG=C.UTF-8' -c 'CMD ["bash"]' - "$DEBIAN_IMAGE" >/dev/null \
    || die "docker import of the bookworm rootfs failed"
  rm -rf "$rootfs"; trap - EXIT
  say "built $DEBIAN_IMAGE"
else
  say "reusing $DEBIAN_IMAGE"
fi

# Each derived image adds packages with apt-get, plus the CA certificates this machine added locally
# (/usr/local/share/ca-certificates/*.crt), so that behind a TLS-intercepting egress proxy Maven in the
# build stage (and the crawler at run time) trusts what the host trusts; update-ca-certificates also
# puts them into Java's truststore (/etc/ssl/certs/java/cacerts).
derive() { # image, packages...
  local image=$1; shift
  if have "$image"; then say "reusing $image"; return; fi
  local ctx; ctx=$(mktemp -d /tmp/vc-base-ctx.XXXXXX)
  mkdir "$ctx/ca" && touch "$ctx/ca/.keep"
  local n=0 crt
  for crt in /usr/local/share/ca-certificates/*.crt /usr/local/share/ca-certificates/*/*.crt; do
    [ -f "$crt" ] || continue
    cp "$crt" "$ctx/ca/local-$n-$(basename "$crt")"; n=$((n + 1))
  done
  cat >"$ctx/Dockerfile" <<DOCKERFILE
FROM $DEBIAN_IMAGE
COPY ca/ /usr/local/share/ca-certificates/
RUN apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $* \\
 && rm -f /usr/local/share/ca-certificates/.keep && update-ca-certificates \\
 && rm -rf /var/lib/apt/lists/* && java -version
DOCKERFILE
  say "building $image (apt-get install $*; $n local CA certificate(s))"
  docker build -q --force-rm -t "$image" "$ctx" >/dev/null || { rm -rf "$ctx"; die "docker build of $image failed"; }
  rm -rf "$ctx"
  say "built $image"
}
derive "$RUNTIME_IMAGE" openjdk-17-jre-headless ca-certificates
derive "$BUILD_IMAGE" openjdk-17-jdk-headless maven ca-certificates
docker image ls "$PREFIX/*" >&2
