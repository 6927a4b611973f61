package dev.vertxcrawler.frontier;

/**
 * A completion refused because another node took the task's host over (its lease expired while this node was
 * paused or cut off). The page is not recorded: the new holder fetches it again.
 */
public final class HostLostException extends RuntimeException {
  public HostLostException(String origin) {
    super(origin + " was taken over by another node: its lease expired before this completion was committed");
  }
}
