package dev.vertxcrawler.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real DNS server on loopback for tests: Debian's dnsmasq, in the foreground on a free 127.0.0.1 port
 * ({@link #server()}), answering every kind of failure the resolver meets:
 * <ul>
 *   <li>{@code NAME.broad.test} from a generated hosts file ({@link #GOOD} names → 127.0.0.1); any other name in
 *   broad.test is NXDOMAIN ({@code --local=/broad.test/});
 *   <li>{@code x.servfail.test}: SERVFAIL (A and AAAA). dnsmasq forwards it to a second dnsmasq (the upstream)
 *   that knows it, but validates DNSSEC ({@code --dnssec --dnssec-check-unsigned}, the root's trust anchor): the upstream refuses
 *   the DS query for {@code test}, so validation is abandoned and dnsmasq answers SERVFAIL (a name forwarded to a
 *   dead upstream is never answered, and a REFUSED upstream answer is passed on as REFUSED);
 *   <li>{@code any.refused.test}: REFUSED (the upstream has no servers for names it does not know);
 *   <li>{@code x.timeout.test}: never answered — forwarded to a UDP socket of ours that reads nothing.
 * </ul>
 * {@link #start} skips the test (a JUnit assumption) when dnsmasq is not installed: apt-get install dnsmasq-base.
 */
public final class Dnsmasq implements AutoCloseable {
  public static final List<String> GOOD = List.of("good.broad.test", "linked.broad.test");
  public static final String NXDOMAIN = "gone.broad.test";
  public static final String SERVFAIL = "x.servfail.test";
  public static final String REFUSED = "x.refused.test";
  public static final String TIMEOUT = "x.timeout.test";

  /** The root zone's KSK-2017 (key tag 20326): any trust anchor makes dnsmasq validate; this one is real. */
  private static final String ROOT_ANCHOR =
      ".,20326,8,2,E06D44B80B8F1D39A95C0B0D7C65D08458E880409BBC683457104237C7F8EC8D";

  private final List<Process> processes = new ArrayList<>();
  private final DatagramSocket silent;
  private final int port;

  private Dnsmasq(Path dir, String binary) throws IOException {
    silent = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    Path hosts = dir.resolve("dnsmasq-hosts");
    Files.writeString(hosts, String.join("", GOOD.stream().map(n -> "127.0.0.1 " + n + "\n").toList()));
    Path upstreamHosts = dir.resolve("dnsmasq-upstream-hosts");
    // Both families: Netty asks A and AAAA at once, and an AAAA the upstream refused would be the answer it reports.
    Files.writeString(upstreamHosts, "127.0.0.1 " + SERVFAIL + "\n::1 " + SERVFAIL + "\n");
    int upstream = freePort();
    processes.add(start(binary, upstream, List.of("--addn-hosts=" + upstreamHosts), upstreamHosts));
    port = freePort();
    processes.add(start(binary, port, List.of("--addn-hosts=" + hosts, "--local=/broad.test/",
        "--server=127.0.0.1#" + upstream, "--server=/timeout.test/127.0.0.1#" + silent.getLocalPort(),
        "--dnssec", "--dnssec-check-unsigned", "--trust-anchor=" + ROOT_ANCHOR), hosts));
  }

  /** Starts the servers in {@code dir} (their hosts files go there); blocking: call it from the test thread. */
  public static Dnsmasq start(Path dir) throws IOException {
    String binary = binary();
    org.junit.jupiter.api.Assumptions.assumeTrue(binary != null,
        "dnsmasq is not installed (apt-get install dnsmasq-base): the tests against a real DNS server are skipped");
    return new Dnsmasq(dir, binary);
  }

  /** {@code 127.0.0.1:PORT}, as network.dnsServers takes it. */
  public String server() {
    return "127.0.0.1:" + port;
  }

  private static String binary() {
    List<String> dirs = new ArrayList<>(List.of("/usr/sbin", "/usr/bin", "/sbin"));
    dirs.addAll(List.of(System.getenv().getOrDefault("PATH", "").split(":")));
    for (String d : dirs) {
      Path candidate = Path.of(d.isEmpty() ? "." : d, "dnsmasq");
      if (Files.isExecutable(candidate)) {
        return candidate.toString();
      }
    }
    return null;
  }

  private static int freePort() throws IOException {
    // Free for UDP and for TCP (dnsmasq binds both); a race with another process is unlikely on loopback.
    for (int tries = 0; tries < 20; tries++) {
      int candidate;
      try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
        candidate = udp.getLocalPort();
      }
      try (ServerSocket tcp = new ServerSocket(candidate, 1, InetAddress.getLoopbackAddress())) {
        return candidate;
      } catch (IOException taken) {
        // try another
      }
    }
    throw new IOException("no free port for dnsmasq");
  }

  /** dnsmasq in the foreground, logging to stderr; returns once it has bound its port and read its hosts file. */
  private static Process start(String binary, int port, List<String> extra, Path hosts) throws IOException {
    List<String> command = new ArrayList<>(List.of(binary, "--keep-in-foreground", "--log-facility=-",
        "--conf-file=/dev/null", "--pid-file=", "--user=" + System.getProperty("user.name"), "--port=" + port,
        "--listen-address=127.0.0.1", "--bind-interfaces", "--no-resolv", "--no-hosts"));
    command.addAll(extra);
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    StringBuilder seen = new StringBuilder();
    String line;
    while ((line = out.readLine()) != null) { // dnsmasq reads its hosts files after binding its sockets
      seen.append(line).append('\n');
      if (line.contains("read " + hosts)) {
        Thread drain = new Thread(() -> {
          try {
            out.lines().forEach(l -> { });
          } catch (java.io.UncheckedIOException closed) {
            // the process was ended: nothing more to read
          }
        }, "dnsmasq-" + port);
        drain.setDaemon(true);
        drain.start();
        return process;
      }
    }
    process.destroy();
    throw new IOException("dnsmasq did not start: " + command + "\n" + seen);
  }

  @Override
  public void close() {
    for (Process process : processes) {
      process.destroy();
      try {
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
          process.destroyForcibly();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        process.destroyForcibly();
      }
    }
    silent.close();
  }
}
