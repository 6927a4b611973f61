package dev.vertxcrawler.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.vertx.core.json.JsonArray;
import org.junit.jupiter.api.Test;

class PackedRowsTest {
  @Test
  void rowsComeBackAsTheyWentInAndEncodeAsAPlainArrayWould() {
    PackedRows packed = new PackedRows();
    JsonArray plain = new JsonArray();
    for (int i = 0; i < 100; i++) {
      JsonArray row = new JsonArray().add("http://h" + i + ".test/</script>&").add("fetched").add(200).addNull()
          .add(12_345_678_901L).add("ünïcødé \u2028");
      packed.add(row);
      plain.add(row);
    }
    assertEquals(100, packed.size());
    assertEquals(plain.getJsonArray(42), packed.get(42));
    assertEquals(plain.encode(), new JsonArray(packed).encode());
    assertThrows(IndexOutOfBoundsException.class, () -> packed.get(100));
  }
}
