package dev.vertxcrawler.config;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;

/**
 * How one fetch behaves: timeouts, the body and header caps, retries, the extra request headers of
 * {@code http.headers} (sent to the seeds' origins only), whom HTTPS trusts: the JVM's roots plus the
 * certificates of {@code http.caFile} (read at config load), or anyone when {@code insecure}; and how long an
 * idle pooled connection stays open ({@code keepAliveTimeoutSec}, 0 = none kept), and how many connections, to all
 * hosts together, are kept open between requests ({@code maxOpenConnections}).
 */
public record HttpConfig(int connectTimeoutMs, int idleTimeoutMs, int deadlineMs, long maxBodyBytes, int retries,
    int maxHeaderBytes, Map<String, String> headers, String caFile,
    List<X509Certificate> caCertificates, boolean insecure, int keepAliveTimeoutSec, int maxOpenConnections) {

  /** The default of http.keepAliveTimeoutSec, for the shorter constructors. */
  public static final int DEFAULT_KEEP_ALIVE_TIMEOUT_SEC = 5;
  /** The default of http.maxOpenConnections, for the shorter constructors. */
  public static final int DEFAULT_MAX_OPEN_CONNECTIONS = 4096;

  public HttpConfig(int connectTimeoutMs, int idleTimeoutMs, int deadlineMs, long maxBodyBytes, int retries,
      int maxHeaderBytes, Map<String, String> headers, String caFile, List<X509Certificate> caCertificates,
      boolean insecure, int keepAliveTimeoutSec) {
    this(connectTimeoutMs, idleTimeoutMs, deadlineMs, maxBodyBytes, retries, maxHeaderBytes, headers, caFile,
        caCertificates, insecure, keepAliveTimeoutSec, DEFAULT_MAX_OPEN_CONNECTIONS);
  }

  public HttpConfig(int connectTimeoutMs, int idleTimeoutMs, int deadlineMs, long maxBodyBytes, int retries,
      int maxHeaderBytes, Map<String, String> headers, String caFile, List<X509Certificate> caCertificates,
      boolean insecure) {
    this(connectTimeoutMs, idleTimeoutMs, deadlineMs, maxBodyBytes, retries, maxHeaderBytes, headers, caFile,
        caCertificates, insecure, DEFAULT_KEEP_ALIVE_TIMEOUT_SEC);
  }

  public HttpConfig(int connectTimeoutMs, int idleTimeoutMs, int deadlineMs, long maxBodyBytes, int retries,
      int maxHeaderBytes, Map<String, String> headers) {
    this(connectTimeoutMs, idleTimeoutMs, deadlineMs, maxBodyBytes, retries, maxHeaderBytes, headers, "",
        List.of(), false);
  }

  public HttpConfig(int connectTimeoutMs, int idleTimeoutMs, int deadlineMs, long maxBodyBytes, int retries,
      int maxHeaderBytes) {
    this(connectTimeoutMs, idleTimeoutMs, deadlineMs, maxBodyBytes, retries, maxHeaderBytes, Map.of());
  }

  /** The same, with {@code keepAliveTimeoutSec} (tests of the pool). */
  public HttpConfig withKeepAliveTimeoutSec(int seconds) {
    return new HttpConfig(connectTimeoutMs, idleTimeoutMs, deadlineMs, maxBodyBytes, retries, maxHeaderBytes, headers,
        caFile, caCertificates, insecure, seconds, maxOpenConnections);
  }

  /** The same, with {@code maxOpenConnections} (tests of the pool). */
  public HttpConfig withMaxOpenConnections(int connections) {
    return new HttpConfig(connectTimeoutMs, idleTimeoutMs, deadlineMs, maxBodyBytes, retries, maxHeaderBytes, headers,
        caFile, caCertificates, insecure, keepAliveTimeoutSec, connections);
  }
}
