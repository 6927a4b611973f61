package dev.vertxcrawler.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A throwaway PostgreSQL 15 cluster for tests: Debian's postgresql-15 binaries, {@code initdb} into a temp
 * directory, {@code pg_ctl} on 127.0.0.1 and a free port. The user {@link #USER} logs in over TCP with
 * {@link #PASSWORD} (scram-sha-256), so wrong passwords are refused as on a real server; {@code fsync} is off
 * (tests, not durability). As root (CI), the server runs as the {@code postgres} user the package creates.
 *
 * <p>{@link #start} skips the test (a JUnit assumption) when postgresql-15 is not installed — unless
 * {@code VC_REQUIRE_POSTGRES=1} (set by .ci/run, which installs it), where it fails instead.
 */
public final class PostgresServer implements AutoCloseable {
  public static final String USER = "crawler";
  public static final String PASSWORD = "s3cret-pw";
  private static final Path BIN = Path.of(System.getenv().getOrDefault("VC_PG_BIN", "/usr/lib/postgresql/15/bin"));

  private final Path dir;
  private final Path data;
  private final int port;
  private final boolean asRoot;

  private PostgresServer(Path dir, int port, boolean asRoot) {
    this.dir = dir;
    this.data = dir.resolve("data");
    this.port = port;
    this.asRoot = asRoot;
  }

  private static PostgresServer shared;

  /**
   * One server for every test class of this JVM that only needs a database (each uses its own crawl names):
   * started on first use, removed when the JVM exits. A test that stops or restarts its server uses
   * {@link #start} instead.
   */
  public static synchronized PostgresServer shared() throws IOException, InterruptedException {
    if (shared == null) {
      shared = start();
      PostgresServer server = shared;
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        try {
          server.close();
        } catch (IOException | InterruptedException e) {
          // the JVM is exiting: the temp directory may stay behind
        }
      }));
    }
    return shared;
  }

  /** A new cluster with database {@code crawls}, started; blocking: call it from the test thread. */
  public static PostgresServer start() throws IOException, InterruptedException {
    boolean installed = Files.isExecutable(BIN.resolve("initdb"));
    if (!installed && "1".equals(System.getenv("VC_REQUIRE_POSTGRES"))) {
      throw new IllegalStateException(BIN + "/initdb not found: apt-get install postgresql-15");
    }
    org.junit.jupiter.api.Assumptions.assumeTrue(installed,
        "postgresql-15 is not installed (apt-get install postgresql-15): the PostgreSQL tests are skipped");
    boolean root = "root".equals(System.getProperty("user.name"));
    Path dir = Files.createTempDirectory("vc-pg-");
    PostgresServer pg = new PostgresServer(dir, freePort(), root);
    Files.writeString(dir.resolve("pw"), PASSWORD + "\n");
    if (root) {
      pg.run(List.of("chown", "-R", "postgres:postgres", dir.toString()), false);
    }
    pg.run(List.of(BIN.resolve("initdb").toString(), "-D", pg.data.toString(), "-U", USER, "--pwfile",
        dir.resolve("pw").toString(), "--auth-local=trust", "--auth-host=scram-sha-256", "-E", "UTF8",
        "--locale=C", "--no-sync"), true);
    pg.startServer();
    pg.run(List.of(BIN.resolve("createdb").toString(), "-h", dir.toString(), "-p", String.valueOf(pg.port), "-U",
        USER, "crawls"), true);
    return pg;
  }

  /** {@code postgresql://crawler:PASSWORD@127.0.0.1:PORT/database}. */
  public String url(String database) {
    return "postgresql://" + USER + ":" + PASSWORD + "@127.0.0.1:" + port + "/" + database;
  }

  /** The same without the password (for PGPASSWORD and store.passwordFile). */
  public String urlWithoutPassword(String database) {
    return "postgresql://" + USER + "@127.0.0.1:" + port + "/" + database;
  }

  public int port() {
    return port;
  }

  /** Stops the server (fast: connections are cut), keeping its data. */
  public void stop() throws IOException, InterruptedException {
    run(List.of(BIN.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "fast", "-w", "stop"), true);
  }

  /** Starts it again on the same port and data. */
  public void startServer() throws IOException, InterruptedException {
    run(List.of(BIN.resolve("pg_ctl").toString(), "-D", data.toString(), "-l", dir.resolve("server.log").toString(),
        "-o", "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=off", "-w", "start"), true);
  }

  /** One SQL statement through psql, its output (unaligned, tuples only). */
  public String psql(String database, String sql) throws IOException, InterruptedException {
    return run(List.of(BIN.resolve("psql").toString(), "-h", dir.toString(), "-p", String.valueOf(port), "-U", USER,
        "-d", database, "-At", "-v", "ON_ERROR_STOP=1", "-c", sql), true);
  }

  @Override
  public void close() throws IOException, InterruptedException {
    try {
      run(List.of(BIN.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "immediate", "-w", "stop"), true);
    } catch (IOException e) {
      // already stopped
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  private String run(List<String> command, boolean asServerUser) throws IOException, InterruptedException {
    List<String> full = new ArrayList<>();
    if (asServerUser && asRoot) {
      full.addAll(List.of("runuser", "-u", "postgres", "--"));
    }
    full.addAll(command);
    // From "/": the postgres user may not enter the checkout (a clone in a 0700 mktemp -d), and psql would put
    // "could not change directory" in front of its answer.
    Process p = new ProcessBuilder(full).directory(new java.io.File("/")).redirectErrorStream(true).start();
    p.getOutputStream().close();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IOException(String.join(" ", command) + " failed: " + new String(out, StandardCharsets.UTF_8));
    }
    return new String(out, StandardCharsets.UTF_8).strip();
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket()) {
      s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      return s.getLocalPort();
    }
  }
}
