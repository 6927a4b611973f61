package dev.vertxcrawler.frontier;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * {@link FrontierStore} on the heap ({@code store.kind=memory}): the same contract as the SQLite store, minus
 * durability — nothing survives the process, so there is no resume. Event-loop only, so every call
 * completes at once (so the budget, too, lives on the event loop). Memory grows with the frontier: a seen-set entry per URL ever admitted, and each answered origin's
 * robots.txt state.
 */
public final class MemoryFrontierStore implements FrontierStore {
  private final Set<String> seen = new HashSet<>();
  private final Map<String, ArrayDeque<CrawlTask>> queued = new HashMap<>();
  /** Saved host state, read back when the crawl's robots cache has let an origin go. */
  private final Map<String, HostSnapshot> hosts = new HashMap<>();
  private final HostBudget budget;
  private long nextId = 1;

  public MemoryFrontierStore(int maxPagesPerHost) {
    this.budget = new HostBudget(maxPagesPerHost);
  }

  @Override
  public Future<Opened> open() {
    return Future.succeededFuture(new Opened(false, 0, 0, 0, Map.of(), Map.of(), new JsonObject(), List.of()));
  }

  @Override
  public Future<Admitted> admit(List<CrawlTask> candidates) {
    Map<String, Long> added = new LinkedHashMap<>();
    long duplicates = 0;
    long overBudget = 0;
    for (CrawlTask c : candidates) {
      String key = c.kind().ordinal() + " " + c.url();
      if (seen.contains(key)) {
        duplicates++;
        continue;
      }
      if (budget.isFull(c)) {
        overBudget++;
        continue;
      }
      seen.add(key);
      budget.admitted(c);
      queued.computeIfAbsent(c.origin(), o -> new ArrayDeque<>()).addLast(c.withId(nextId++));
      added.merge(c.origin(), 1L, Long::sum);
    }
    return Future.succeededFuture(new Admitted(added, duplicates, overBudget));
  }

  @Override
  public Future<List<CrawlTask>> lease(String origin, int max) {
    ArrayDeque<CrawlTask> queue = queued.get(origin);
    List<CrawlTask> tasks = new ArrayList<>();
    while (queue != null && !queue.isEmpty() && tasks.size() < max) {
      tasks.add(queue.pollFirst());
    }
    return Future.succeededFuture(tasks);
  }

  @Override
  public Future<Admitted> complete(CrawlTask task, Outcome outcome, String record, List<CrawlTask> discovered) {
    return admit(discovered);
  }

  @Override
  public Future<Void> saveHost(HostSnapshot host) {
    hosts.put(host.origin(), host);
    return Future.succeededFuture();
  }

  @Override
  public Future<Optional<HostSnapshot>> loadHost(String origin) {
    return Future.succeededFuture(Optional.ofNullable(hosts.get(origin)));
  }

  @Override
  public Future<Void> saveCounters(JsonObject counters) {
    return Future.succeededFuture();
  }

  @Override
  public Future<Void> close(FinishReason reason, JsonObject summary) {
    return Future.succeededFuture();
  }

  @Override
  public Future<Void> forEachPage(Consumer<JsonObject> consumer) {
    return Future.succeededFuture();
  }
}
