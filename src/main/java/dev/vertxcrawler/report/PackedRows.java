package dev.vertxcrawler.report;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import java.util.AbstractList;
import java.util.Arrays;
import java.util.Objects;
import java.util.RandomAccess;

/**
 * report.html's page table, held as each row's JSON bytes: a list of rows that a JSON array can wrap, each row
 * decoded again only when read (once, as the report is written). A row as a {@link JsonArray} of boxed values
 * and its own strings takes about three times its JSON text; at 200 000 rows that is the difference between a
 * report written within the crawler's heap and one that needs most of it. Decoded values are re-encoded by
 * whoever writes the report, so escaping stays theirs.
 */
final class PackedRows extends AbstractList<JsonArray> implements RandomAccess {
  private byte[][] rows = new byte[16][];
  private int size;

  @Override
  public boolean add(JsonArray row) {
    if (size == rows.length) {
      rows = Arrays.copyOf(rows, rows.length * 2);
    }
    rows[size++] = row.toBuffer().getBytes();
    modCount++;
    return true;
  }

  @Override
  public JsonArray get(int index) {
    Objects.checkIndex(index, size);
    return new JsonArray(Buffer.buffer(rows[index]));
  }

  @Override
  public int size() {
    return size;
  }
}
