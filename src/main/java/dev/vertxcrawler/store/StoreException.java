package dev.vertxcrawler.store;

/** A crawl directory or database the store cannot use as it is; the message says why and what to do (exit code 2). */
public class StoreException extends RuntimeException {
  public StoreException(String message) {
    super(message);
  }

  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
