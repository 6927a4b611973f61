package dev.vertxcrawler.store;

import dev.vertxcrawler.config.ProxyRoute;
import dev.vertxcrawler.config.StoreConfig;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgException;
import java.io.IOException;
import java.net.ConnectException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * How a node reaches its PostgreSQL database: the connect options from {@code store.url}, the password from
 * the URL, else {@code store.passwordFile}, else {@code PGPASSWORD}; and what a failure to connect means for
 * the user, in one line that names the database (its password masked) and what to do.
 */
final class PgConnect {
  private PgConnect() {
  }

  /** The options for {@code store}; {@code env} is the environment (System::getenv outside tests). */
  static PgConnectOptions options(StoreConfig store, Function<String, String> env) {
    PgConnectOptions options = PgConnectOptions.fromUri(store.url()); // checked when the config was read
    // The client fills in "user"/"pass" for what the URL leaves out; libpq's defaults are the OS user and none.
    String authority = store.url().replaceFirst("^[a-z]+://", "").split("[/?]", 2)[0];
    int at = authority.lastIndexOf('@');
    if (at < 0) {
      options.setUser(System.getProperty("user.name"));
    }
    if (at < 0 || authority.substring(0, at).indexOf(':') < 0) {
      options.setPassword("");
      String password = null;
      if (!store.passwordFile().isEmpty()) {
        try {
          password = Files.readAllLines(Path.of(store.passwordFile())).stream().findFirst().orElse("").strip();
        } catch (IOException e) {
          throw new StoreException("store.passwordFile: " + store.passwordFile() + " cannot be read (" + e.getMessage()
              + ") — fix the path or its permissions");
        }
      } else if (env.apply("PGPASSWORD") != null) {
        password = env.apply("PGPASSWORD");
      }
      if (password != null) {
        options.setPassword(password);
      }
    }
    // The crawl's own statements are few and prepared once per connection: keep them all.
    // A node paused (SIGSTOP, a VM migration) inside a transaction would hold its row locks, and with them its
    // hosts, however long it stays paused: the server ends such a transaction after half a lease, so a takeover
    // (which skips locked rows) is never kept waiting past the lease. The node retries, and is fenced.
    options.addProperty("idle_in_transaction_session_timeout", String.valueOf(idleInTransactionMs(store.leaseMs())));
    options.addProperty("application_name", "vertx-crawler");
    return options.setCachePreparedStatements(true).setPreparedStatementCacheMaxSize(64);
  }

  /** How long a transaction may sit idle on the server: half a lease, at least a second. */
  static int idleInTransactionMs(int leaseMs) {
    return Math.max(1_000, leaseMs / 2);
  }

  /** The database as it may be shown: its URL with the password masked. */
  static String where(StoreConfig store) {
    return "store.url " + ProxyRoute.masked(store.url());
  }

  /** A {@link StoreException} that says what went wrong opening the database, or {@code e} when it is not known. */
  static Throwable explain(Throwable e, String where) {
    if (e instanceof StoreException) {
      return e;
    }
    if (e instanceof PgException pg) {
      String code = String.valueOf(pg.getSqlState());
      return switch (code) {
        case "28P01", "28000" -> new StoreException(where + ": the database refused the login (" + pg.getErrorMessage()
            + ") — check the user and the password (in the URL, store.passwordFile or PGPASSWORD)", e);
        case "3D000" -> new StoreException(where + ": " + pg.getErrorMessage()
            + " — create it (createdb) or name an existing database in the URL", e);
        case "42501" -> new StoreException(where + ": permission denied (" + pg.getErrorMessage()
            + ") — the user needs to create tables in that database, or an administrator runs the first node", e);
        default -> new StoreException(where + ": " + pg.getErrorMessage() + " (SQLSTATE " + code + ")", e);
      };
    }
    Throwable cause = e;
    while (cause != null) {
      if (cause instanceof ConnectException || cause instanceof java.nio.channels.UnresolvedAddressException
          || cause instanceof java.net.UnknownHostException) {
        return new StoreException(where + ": cannot connect (" + cause.getMessage()
            + ") — is PostgreSQL running there, and the host and port right?", e);
      }
      cause = cause.getCause();
    }
    return e;
  }
}
