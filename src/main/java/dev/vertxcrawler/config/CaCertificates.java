package dev.vertxcrawler.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/** {@code http.caFile}: the PEM certificates of extra HTTPS roots, read once at config load, never per request. */
public final class CaCertificates {
  private CaCertificates() {
  }

  /** The certificates of a PEM file (none for an empty name); a clear config error naming the key and the file. */
  public static List<X509Certificate> read(String key, String file) {
    if (file == null || file.isEmpty()) {
      return List.of();
    }
    Path path = Path.of(file);
    if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
      throw new ConfigException(key + ": " + file + " not found or not readable");
    }
    List<X509Certificate> certificates = new ArrayList<>();
    try (InputStream in = Files.newInputStream(path)) {
      for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
        certificates.add((X509Certificate) c);
      }
    } catch (IOException | CertificateException e) {
      throw new ConfigException(key + ": " + file + " is not a PEM certificate file (" + e.getMessage() + ")");
    }
    if (certificates.isEmpty()) {
      throw new ConfigException(key + ": " + file + " holds no PEM certificate");
    }
    return List.copyOf(certificates);
  }
}
