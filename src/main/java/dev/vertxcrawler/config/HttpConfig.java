package dev.vertxcrawler.config;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;

/**
 * How one fetch behaves: timeouts, the body and header caps, retries, the extra request headers of
 * {@code http.headers} (sent to the seeds' origins only), and whom HTTPS trusts: the JVM's roots plus the
 * certificates of {@code http.caFile} (read at config load), or anyone when {@code insecure}.
 */
public record HttpConfig(int connectTimeoutMs, int idleTimeoutMs, int deadlineMs, long maxBodyBytes, int retries,
    int maxHeaderBytes, Map<String, String> headers, String caFile,
    List<X509Certificate> caCertificates, boolean insecure) {

  public HttpConfig(int connectTimeoutMs, int idleTimeoutMs, int deadlineMs, long maxBodyBytes, int retries,
      int maxHeaderBytes, Map<String, String> headers) {
    this(connectTimeoutMs, idleTimeoutMs, deadlineMs, maxBodyBytes, retries, maxHeaderBytes, headers, "",
        List.of(), false);
  }

  public HttpConfig(int connectTimeoutMs, int idleTimeoutMs, int deadlineMs, long maxBodyBytes, int retries,
      int maxHeaderBytes) {
    this(connectTimeoutMs, idleTimeoutMs, deadlineMs, maxBodyBytes, retries, maxHeaderBytes, Map.of());
  }
}
