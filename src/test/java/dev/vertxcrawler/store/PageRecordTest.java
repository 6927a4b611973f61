package dev.vertxcrawler.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.vertxcrawler.fetch.Validators;
import dev.vertxcrawler.frontier.CrawlTask;
import dev.vertxcrawler.store.PageRecord.Outcome;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** pages.jsonl's line and the CSV export's columns are the output contract: byte for byte, in this order. */
class PageRecordTest {
  private static final CrawlTask TASK = new CrawlTask("http://a.example/p", "http://a.example", 2,
      "http://a.example/", 1, CrawlTask.Kind.PAGE);
  private static final Instant AT = Instant.parse("2026-01-02T03:04:05.678Z");

  @Test
  void aFetchedPageIsTheSameLineAsEver() {
    PageRecord record = PageRecord.builder(TASK, Outcome.FETCHED).status(200).contentType("text/html")
        .bytes(1234).sha256("ab12").fetchedAt(AT).elapsedMs(56).title("T").links(7).canonical("http://a.example/c")
        .noindex(false).data(new JsonObject().put("h1", "H")).validators(Validators.of("\"e\"", "Mon")).changed(true)
        .build();
    assertEquals("{\"url\":\"http://a.example/p\",\"outcome\":\"fetched\",\"status\":200,\"error\":null,"
        + "\"contentType\":\"text/html\",\"bytes\":1234,\"sha256\":\"ab12\",\"depth\":2,"
        + "\"referrer\":\"http://a.example/\",\"fetchedAt\":\"2026-01-02T03:04:05.678Z\",\"elapsedMs\":56,"
        + "\"title\":\"T\",\"links\":7,\"location\":null,\"retries\":1,\"canonical\":\"http://a.example/c\","
        + "\"noindex\":false,\"etag\":\"\\\"e\\\"\",\"lastModified\":\"Mon\",\"changed\":true,\"data\":{\"h1\":\"H\"}}",
        record.toJson().encode());
  }

  @Test
  void aSkipAndAnInternalFailureWriteEveryFieldAndNoData() {
    JsonObject skipped = PageRecord.skipped(TASK, "robots").toJson();
    assertEquals(PageField.SCALARS.stream().map(PageField::json).toList(), List.copyOf(skipped.fieldNames()));
    assertEquals("skipped", skipped.getString("outcome"));
    assertEquals("robots", skipped.getString("error"));
    assertEquals(0, skipped.getInteger("retries"), "a skip spent no retries");
    assertEquals(2, skipped.getInteger("depth"));
    JsonObject failed = PageRecord.failed(TASK, "internal").toJson();
    assertEquals("failed", failed.getString("outcome"));
    assertEquals(1, failed.getInteger("retries"));
    assertNull(failed.getValue("status"));
    assertNull(failed.getValue("data"));
  }

  @Test
  void theCsvExportsColumnsAreTheRecordsFields() {
    assertEquals("url,outcome,status,error,contentType,bytes,sha256,depth,referrer,fetchedAt,elapsedMs,title,links,"
        + "location,retries,canonical,noindex,etag,lastModified,changed",
        String.join(",", PageField.SCALARS.stream().map(PageField::json).toList()));
    JsonObject record = PageRecord.builder(TASK, Outcome.FETCHED).status(200).fetchedAt(AT).title("=1+1, x")
        .build().toJson();
    assertEquals("http://a.example/p,fetched,200,,,0,,2,http://a.example/,2026-01-02T03:04:05.678Z,0,\"'=1+1, x\",0,,"
        + "1,,,,,", PageExport.csvLine(record, List.of()));
  }

  @Test
  void outcomesReadBackByTheirJsonName() {
    for (Outcome o : Outcome.values()) {
      assertEquals(o, Outcome.of(o.json()));
    }
    assertNull(Outcome.of("done"));
  }
}
