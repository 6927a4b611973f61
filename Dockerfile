# vertx-crawler image: a Maven build stage and a JRE runtime stage. See docs/deployment.md.
#
# The base images are build args, so a machine without access to a public registry can use local
# stand-ins (scripts/docker-base-images.sh builds Debian bookworm ones):
#   docker build --build-arg BUILD_IMAGE=vertx-crawler-base/build:bookworm \
#                --build-arg RUNTIME_IMAGE=vertx-crawler-base/runtime:bookworm -t vertx-crawler .
# BUILD_IMAGE needs a JDK 17 and Maven (mvn); RUNTIME_IMAGE a Java 17 runtime (java), sh, bash and useradd.
ARG BUILD_IMAGE=maven:3.9-eclipse-temurin-17
ARG RUNTIME_IMAGE=eclipse-temurin:17-jre

FROM ${BUILD_IMAGE} AS build
WORKDIR /build
# The dependencies first, in their own layer: it is rebuilt only when pom.xml changes. The local
# repository is inside /build, not in ~/.m2 (which some Maven images declare as a VOLUME, whose
# contents a RUN step would lose).
COPY pom.xml .
RUN mvn -B -q -Dmaven.repo.local=/build/.m2 dependency:go-offline
COPY src/main ./src/main
# Tests run in CI (mvn verify), not in the image build: -Dmaven.test.skip neither compiles nor runs them
# (src/test is not even in the build context, see .dockerignore).
RUN mvn -B -q -Dmaven.repo.local=/build/.m2 -Dmaven.test.skip=true package \
 && test -s target/vertx-crawler.jar

FROM ${RUNTIME_IMAGE}
COPY docker/healthcheck.sh /usr/local/bin/vc-healthcheck
# A non-root user with a fixed uid/gid (10001, clear of the ones base images ship, e.g. ubuntu's 1000);
# /data (the output volume) belongs to it, and a fresh named volume mounted there inherits that.
RUN groupadd --system --gid 10001 crawler \
 && useradd --system --uid 10001 --gid 10001 --home-dir /data --no-create-home --shell /usr/sbin/nologin crawler \
 && mkdir -p /app /data && chown crawler:crawler /data && chmod 755 /usr/local/bin/vc-healthcheck
COPY --from=build /build/target/vertx-crawler.jar /app/vertx-crawler.jar
# The launcher (bin/vertx-crawler) is the entry point, so the image runs with the JVM flags measured for the
# crawler (ParallelGC, a 320 MB heap or 3/4 of a smaller memory limit, the JIT's thresholds) instead of the
# JVM's server defaults: a JDK-docs crawl took 11.7-15.6 s and 1 GB with those, 7.8-8.7 s and 273 MB with these.
COPY bin/vertx-crawler /app/bin/vertx-crawler
ENV VC_JAR=/app/vertx-crawler.jar XDG_CACHE_HOME=/app/cache
# The start-up cache (a CDS archive of the classes a crawl loads, or an AOT cache on JDK 25+, and sqlite-jdbc's
# native library) is written here, once, by a crawl of the bundled demo site, and only read at run time (the
# crawler's user cannot write /app/cache, so no container records again). It needs this JVM exactly, so it
# is made in this stage. Without it (a JVM that cannot write one) the image still works, a little slower to start.
RUN chmod 755 /app/bin/vertx-crawler \
 && (/app/bin/vertx-crawler demo --quiet --out /tmp/training -s politeness.minDelayMs=0 >/tmp/training.log 2>&1 \
     || { cat /tmp/training.log; echo "start-up cache: the training crawl failed; the image runs without it"; }) \
 && rm -rf /tmp/training /tmp/training.log && mkdir -p /app/cache && chmod -R a+rX /app/cache
USER 10001:10001
WORKDIR /data
VOLUME ["/data"]
# 8080: crawl's status server (-s status.port=8080 -s status.host=0.0.0.0); 8081: serve; 8000: demo-site.
EXPOSE 8080 8081 8000
# GET /health on VC_HEALTH_PORT (0 = none; docker-compose.yml sets the port per service).
ENV VC_HEALTH_PORT=8080
HEALTHCHECK --interval=10s --timeout=5s --start-period=30s --retries=3 CMD ["vc-healthcheck"]
# Exec form, and the launcher execs java: java is PID 1 and gets SIGTERM itself (docker stop = graceful stop,
# summary.json says "shutdown", exit 143). An OutOfMemoryError ends the JVM (and a restart policy restarts it:
# the crawl resumes) instead of leaving it half-alive. More JVM options: JAVA_OPTS (after the launcher's, so
# they win, e.g. -Xmx2g), or VC_JAVA_OPTS to replace the launcher's.
ENTRYPOINT ["/app/bin/vertx-crawler"]
CMD ["--help"]
