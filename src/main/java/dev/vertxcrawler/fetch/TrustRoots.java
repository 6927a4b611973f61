package dev.vertxcrawler.fetch;

import dev.vertxcrawler.config.HttpConfig;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.Vertx;
import io.vertx.core.net.TrustOptions;
import java.io.IOException;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.function.Function;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Whom HTTPS trusts: the JVM's default roots, plus the PEM certificates of {@code http.caFile} (read once, at
 * config load, {@link dev.vertxcrawler.config.CaCertificates}), or anyone at all under {@code http.insecure}. A self-signed certificate
 * that is refused is said to be one ({@link FetchErrors#TLS_SELF_SIGNED}); hostname checks stay on unless
 * insecure.
 */
public final class TrustRoots {
  static final String SELF_SIGNED = "self-signed certificate";

  private TrustRoots() {
  }

  /** Sets the client's trust: all (insecure), or the JVM's roots plus the extra ones. */
  static void apply(HttpClientOptions options, HttpConfig config) {
    if (config.insecure()) {
      options.setTrustAll(true).setVerifyHost(false);
      return;
    }
    options.setTrustOptions(new Deferred(config.caCertificates()));
  }

  /**
   * The trust manager built when Vert.x first needs it — on its worker thread, where it builds every TLS context —
   * not on the event loop that makes the client: reading the JVM's trust store is file I/O.
   */
  private record Deferred(List<X509Certificate> extra) implements TrustOptions {
    @Override
    public TrustOptions copy() {
      return this;
    }

    @Override
    public TrustManagerFactory getTrustManagerFactory(Vertx vertx) throws Exception {
      return TrustOptions.wrap(trustManager(extra)).getTrustManagerFactory(vertx);
    }

    @Override
    public Function<String, TrustManager[]> trustManagerMapper(Vertx vertx) {
      return serverName -> null; // no per-name trust: getTrustManagerFactory's for every server
    }
  }

  /** The JVM's default roots plus {@code extra}, as one trust manager that names a refused self-signed one. */
  static X509ExtendedTrustManager trustManager(List<X509Certificate> extra) {
    try {
      X509ExtendedTrustManager defaults = firstX509(factory(null));
      if (extra.isEmpty()) {
        return new Explaining(defaults);
      }
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      int i = 0;
      for (X509Certificate root : defaults.getAcceptedIssuers()) {
        store.setCertificateEntry("jvm-" + i++, root);
      }
      for (X509Certificate root : extra) {
        store.setCertificateEntry("ca-file-" + i++, root);
      }
      return new Explaining(firstX509(factory(store)));
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("the JVM's trust store cannot be read: " + e.getMessage(), e);
    }
  }

  private static TrustManagerFactory factory(KeyStore store) throws GeneralSecurityException {
    TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(store);
    return factory;
  }

  private static X509ExtendedTrustManager firstX509(TrustManagerFactory factory) {
    for (TrustManager manager : factory.getTrustManagers()) {
      if (manager instanceof X509ExtendedTrustManager x509) {
        return x509;
      }
    }
    throw new IllegalStateException("no X.509 trust manager in the JVM");
  }

  /** Delegates every check; a refused chain of one certificate issued by itself is called self-signed. */
  private static final class Explaining extends X509ExtendedTrustManager {
    private final X509ExtendedTrustManager delegate;

    Explaining(X509ExtendedTrustManager delegate) {
      this.delegate = delegate;
    }

    /** One of the delegate's three server checks. */
    private interface Check {
      void run() throws CertificateException;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
        throws CertificateException {
      explaining(chain, () -> delegate.checkServerTrusted(chain, authType, engine));
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
        throws CertificateException {
      explaining(chain, () -> delegate.checkServerTrusted(chain, authType, socket));
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
      explaining(chain, () -> delegate.checkServerTrusted(chain, authType));
    }

    private static void explaining(X509Certificate[] chain, Check check) throws CertificateException {
      try {
        check.run();
      } catch (CertificateException e) {
        throw explained(chain, e);
      }
    }

    private static CertificateException explained(X509Certificate[] chain, CertificateException e) {
      boolean selfSigned = chain != null && chain.length == 1
          && chain[0].getSubjectX500Principal().equals(chain[0].getIssuerX500Principal());
      // Only a chain that failed for want of trust: a self-signed certificate with the wrong name or dates
      // keeps its own reason.
      if (selfSigned && FetchErrors.TLS_UNTRUSTED.equals(FetchErrors.classifyCertificate(e))) {
        return new CertificateException(SELF_SIGNED + " (" + chain[0].getSubjectX500Principal() + ")", e);
      }
      return e;
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
        throws CertificateException {
      delegate.checkClientTrusted(chain, authType, engine);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
        throws CertificateException {
      delegate.checkClientTrusted(chain, authType, socket);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
      delegate.checkClientTrusted(chain, authType);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return delegate.getAcceptedIssuers();
    }
  }
}
