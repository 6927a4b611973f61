#!/bin/bash
# Container health check (the image's HEALTHCHECK and the compose healthchecks): exits 0 when
# GET http://127.0.0.1:PORT/health answers 200. PORT is $1, else $VC_HEALTH_PORT, else 8080; 0 = no
# HTTP server to check (exits 0). Bash builtins only (/dev/tcp, read): the runtime image has no curl.
port=${1:-${VC_HEALTH_PORT:-8080}}
[ "$port" = 0 ] && exit 0
exec 3<>"/dev/tcp/127.0.0.1/$port" || exit 1
printf 'GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n' >&3 || exit 1
IFS= read -r -t 5 line <&3 || exit 1
case "$line" in
  "HTTP/1."?" 200"*) exit 0 ;;
  *) echo "health: ${line%$'\r'}" >&2; exit 1 ;;
esac
