package dev.vertxcrawler.fetch;

import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.dns.DnsResponseCode;
import io.netty.resolver.dns.DnsErrorCauseException;
import io.netty.resolver.dns.DnsNameResolverTimeoutException;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.StreamResetException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;
import java.util.Locale;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;

/** Maps what the network threw to the short error kinds recorded in pages.jsonl. */
public final class FetchErrors {
  public static final String TIMEOUT = "timeout";
  public static final String CONNECT = "connect";
  /** A name that failed to resolve in a way the resolver does not say (REFUSED, no address, …): transient. */
  public static final String DNS = "dns";
  /** The name does not exist (NXDOMAIN): not transient, its origin is given up at once. */
  public static final String DNS_NXDOMAIN = "dns-nxdomain";
  /** The DNS server answered SERVFAIL (it could not resolve the name, e.g. a broken delegation): transient. */
  public static final String DNS_SERVFAIL = "dns-servfail";
  /** No DNS server answered within network.dnsTimeoutMs: transient. */
  public static final String DNS_TIMEOUT = "dns-timeout";
  public static final String RESET = "reset";
  public static final String PROTOCOL = "protocol";
  public static final String TLS = "tls";
  /** The certificate chains to no trusted root (an unknown CA); see http.caFile. Not transient. */
  public static final String TLS_UNTRUSTED = "tls-untrusted";
  /** The certificate is self-signed, and not in http.caFile. */
  public static final String TLS_SELF_SIGNED = "tls-self-signed";
  /** The certificate (or one in its chain) has expired or is not valid yet. */
  public static final String TLS_EXPIRED = "tls-expired";
  /** The certificate is valid, but for another name than the URL's host. */
  public static final String TLS_HOSTNAME = "tls-hostname";
  public static final String TOO_LARGE = "too-large";
  public static final String INVALID_URL = "invalid-url";
  public static final String IO = "io";
  public static final String HEADER_TOO_LARGE = "header-too-large";
  public static final String TRUNCATED = "truncated";
  public static final String DECODE = "decode";
  public static final String UNSUPPORTED_ENCODING = "unsupported-encoding";
  /** The proxy (network.proxy) answered 407: its credentials are missing or wrong. */
  public static final String PROXY_AUTH = "proxy-auth";
  public static final String BLOCKED_ADDRESS = AddressGuard.BLOCKED_ADDRESS;
  public static final String BLOCKED_PORT = AddressGuard.BLOCKED_PORT;

  private FetchErrors() {
  }

  /** After the response head arrived: a closed connection means the body was cut short (a lying length). */
  public static String classifyMidBody(Throwable error) {
    String kind = classify(error);
    return kind.equals(RESET) && !isReset(error) ? TRUNCATED : kind;
  }

  private static boolean isReset(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      String message = t.getMessage() == null ? "" : t.getMessage().toLowerCase(Locale.ROOT);
      if (message.contains("connection reset") || t instanceof StreamResetException) {
        return true;
      }
    }
    return false;
  }

  /** True for the DNS kinds worth retrying: all but dns-nxdomain. */
  public static boolean isDnsTransient(String kind) {
    return DNS.equals(kind) || DNS_SERVFAIL.equals(kind) || DNS_TIMEOUT.equals(kind);
  }

  /**
   * The kind of a failed lookup. Netty (4.2) fails it with an UnknownHostException ("Failed to resolve 'x' [A(1),
   * AAAA(28)] after 2 queries") caused by a DnsErrorCauseException carrying the response code for NXDOMAIN and
   * SERVFAIL, by a DnsNameResolverTimeoutException when no server answered in time, and by nothing for the rest
   * (REFUSED, an answer without addresses, a name in no hosts file and no server). Always a DNS kind.
   */
  static String classifyDns(Throwable failedLookup) {
    for (Throwable t = failedLookup; t != null; t = t.getCause()) {
      if (t instanceof DnsErrorCauseException cause) {
        if (DnsResponseCode.NXDOMAIN.equals(cause.getCode())) {
          return DNS_NXDOMAIN;
        }
        if (DnsResponseCode.SERVFAIL.equals(cause.getCode())) {
          return DNS_SERVFAIL;
        }
      }
      if (t instanceof DnsNameResolverTimeoutException) {
        return DNS_TIMEOUT;
      }
    }
    return DNS;
  }

  /** True for the kinds that say the server's certificate was refused: retrying will not help. */
  public static boolean isCertificate(String kind) {
    return TLS_UNTRUSTED.equals(kind) || TLS_SELF_SIGNED.equals(kind) || TLS_EXPIRED.equals(kind)
        || TLS_HOSTNAME.equals(kind);
  }

  /** Why the server's certificate was refused, in words for a log line. */
  public static String describeCertificate(String kind) {
    return switch (kind) {
      case TLS_SELF_SIGNED -> "certificate not trusted (self-signed)";
      case TLS_UNTRUSTED -> "certificate not trusted (unknown certificate authority)";
      case TLS_EXPIRED -> "certificate expired or not yet valid";
      case TLS_HOSTNAME -> "certificate is for another host name";
      default -> kind;
    };
  }

  /** The certificate kind of a TLS failure, or null when it was not the certificate (a protocol mismatch…). */
  static String classifyCertificate(Throwable error) {
    String kind = null;
    for (Throwable t = error; t != null; t = t.getCause()) {
      String message = t.getMessage() == null ? "" : t.getMessage();
      if (message.startsWith(TrustRoots.SELF_SIGNED)) {
        return TLS_SELF_SIGNED;
      }
      if (t instanceof java.security.cert.CertificateExpiredException
          || t instanceof java.security.cert.CertificateNotYetValidException
          || t instanceof java.security.cert.CertPathValidatorException v
          && (v.getReason() == java.security.cert.CertPathValidatorException.BasicReason.EXPIRED
          || v.getReason() == java.security.cert.CertPathValidatorException.BasicReason.NOT_YET_VALID)) {
        return TLS_EXPIRED;
      }
      if (t instanceof java.security.cert.CertificateException
          && (message.contains("No subject alternative") || message.contains("No name matching"))) {
        return TLS_HOSTNAME;
      }
      if (t instanceof java.security.cert.CertPathBuilderException || message.contains("PKIX path")
          || message.contains("unable to find valid certification path")) {
        kind = TLS_UNTRUSTED; // keep looking: a deeper cause may say why (expired)
      }
    }
    return kind;
  }

  public static String classify(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof io.netty.handler.codec.http.TooLongHttpHeaderException) {
        return HEADER_TOO_LARGE;
      }
      if (t instanceof TimeoutException || t instanceof io.netty.handler.timeout.TimeoutException
          || t instanceof io.netty.channel.ConnectTimeoutException) {
        return TIMEOUT;
      }
      if (t instanceof UnknownHostException) {
        return classifyDns(t);
      }
      if (t instanceof ConnectException || t instanceof NoRouteToHostException) {
        return CONNECT;
      }
      if (t instanceof SSLException) {
        String certificate = classifyCertificate(error);
        return certificate != null ? certificate : TLS;
      }
      if (t instanceof TooLongFrameException || t instanceof DecoderException
          || t instanceof IllegalArgumentException) {
        return PROTOCOL;
      }
      if (t instanceof HttpClosedException || t instanceof StreamResetException
          || t instanceof ClosedChannelException) {
        return RESET;
      }
      String message = t.getMessage() == null ? "" : t.getMessage().toLowerCase(Locale.ROOT);
      if (message.contains("connection reset") || message.contains("broken pipe")) {
        return RESET;
      }
      if (message.contains("timed out") || message.contains("timeout")) {
        return TIMEOUT;
      }
    }
    return IO;
  }
}
