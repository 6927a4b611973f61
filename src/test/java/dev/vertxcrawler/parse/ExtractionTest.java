package dev.vertxcrawler.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vertxcrawler.config.ExtractRules;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExtractionTest {
  private static final String PAGE = """
      <!doctype html><html><head><title>Shop</title></head><body>
      <h1>  Blue   <b>kettle</b> </h1>
      <span class="price">19.90</span>
      <div id="gallery"><img src="/img/1.png"><img src="img/2.png"><img alt="no src"></div>
      <a class="tag" href="/t/kitchen">kitchen</a><a class="tag" href="https://other.example/t/tea">tea</a>
      <p><a href="/next">next</a></p>
      </body></html>""";

  private static ParsedPage parse(String html, JsonObject rules) {
    return PageParser.parse(html.getBytes(StandardCharsets.UTF_8), "UTF-8", "http://shop.example/item/7",
        PageParser.DEFAULT_MAX_OUTLINKS, Extraction.compile(ExtractRules.normalise(rules)));
  }

  @Test
  void aSelectorGivesTheFirstMatchsTextAndAnAttributeRuleItsValue() {
    JsonObject data = parse(PAGE, new JsonObject()
        .put("name", "h1")
        .put("price", "span.price")
        .put("firstImage", new JsonObject().put("css", "#gallery img").put("attr", "src"))
        .put("firstImageUrl", new JsonObject().put("css", "#gallery img").put("attr", "abs:src"))
        .put("missing", ".no-such-class")).data();
    assertEquals("Blue kettle", data.getString("name"), "text is jsoup's, whitespace collapsed");
    assertEquals("19.90", data.getString("price"));
    assertEquals("/img/1.png", data.getString("firstImage"));
    assertEquals("http://shop.example/img/1.png", data.getString("firstImageUrl"));
    assertTrue(data.containsKey("missing"));
    assertNull(data.getValue("missing"));
    assertEquals(List.of("name", "price", "firstImage", "firstImageUrl", "missing"), List.copyOf(data.fieldNames()),
        "values in the order of the rules");
  }

  @Test
  void anAllRuleListsEveryMatchAndLeavesOutMatchesWithoutTheAttribute() {
    JsonObject data = parse(PAGE, new JsonObject()
        .put("images", new JsonObject().put("css", "img").put("attr", "abs:src").put("all", true))
        .put("tags", new JsonObject().put("css", "a.tag").put("all", true))
        .put("none", new JsonObject().put("css", "table td").put("all", true))).data();
    assertEquals(new JsonArray().add("http://shop.example/img/1.png").add("http://shop.example/item/img/2.png"),
        data.getJsonArray("images"));
    assertEquals(new JsonArray().add("kitchen").add("tea"), data.getJsonArray("tags"));
    assertEquals(new JsonArray(), data.getJsonArray("none"));
  }

  @Test
  void theLinksTitleAndFactsAreStillThere() {
    ParsedPage page = parse(PAGE, new JsonObject().put("name", "h1"));
    assertEquals("Shop", page.title());
    assertEquals(List.of("http://shop.example/t/kitchen", "https://other.example/t/tea", "http://shop.example/next"),
        page.links());
    assertNull(PageParser.parse(PAGE.getBytes(StandardCharsets.UTF_8), "UTF-8", "http://shop.example/",
        PageParser.DEFAULT_MAX_OUTLINKS).data(), "no rules, no data");
  }

  @Test
  void aHostilePageCannotMakeTheValuesUnbounded() {
    StringBuilder html = new StringBuilder("<p>");
    html.append("x".repeat(Extraction.MAX_CHARS * 3)).append("</p>");
    for (int i = 0; i < Extraction.MAX_VALUES * 2; i++) {
      html.append("<i>").append(i).append("</i>");
    }
    JsonObject data = parse(html.toString(), new JsonObject().put("para", "p")
        .put("items", new JsonObject().put("css", "i").put("all", true))).data();
    assertEquals(Extraction.MAX_CHARS, data.getString("para").length());
    assertEquals(Extraction.MAX_VALUES, data.getJsonArray("items").size());
    assertEquals("0", data.getJsonArray("items").getString(0));
  }

  @Test
  void aCharsetFromTheMetaTagStillDecodesThePageForTheSelectors() {
    byte[] latin1 = "<meta charset=iso-8859-1><h1>caf\u00e9</h1>".getBytes(StandardCharsets.ISO_8859_1);
    ParsedPage page = PageParser.parse(latin1, null, "http://shop.example/", PageParser.DEFAULT_MAX_OUTLINKS,
        Extraction.compile(ExtractRules.normalise(new JsonObject().put("h", "h1"))));
    assertEquals("caf\u00e9", page.data().getString("h"));
  }

  @Test
  void theShortFormIsNormalisedAndMistakesNameTheRule() {
    assertEquals(new JsonObject().put("h", new JsonObject().put("css", "h1").putNull("attr").put("all", false)),
        ExtractRules.normalise(new JsonObject().put("h", "h1")));
    assertEquals("price.css: \"span[\" is not a valid CSS selector",
        message(new JsonObject().put("price", "span[")).split(" \\(")[0]);
    assertEquals("bad name: a name is 1-64 letters, digits, _ or - (it becomes a key of each record's data and a CSV "
        + "column)", message(new JsonObject().put("bad name", "h1")));
    assertEquals("x: unknown key selector (a rule has css, attr and all)",
        message(new JsonObject().put("x", new JsonObject().put("selector", "h1"))));
    assertEquals("x.css: must be a CSS selector, e.g. \"h1\" or \"span.price\"",
        message(new JsonObject().put("x", new JsonObject().put("attr", "src"))));
    assertEquals("x.attr: must be an attribute name, e.g. \"src\" or \"abs:href\"",
        message(new JsonObject().put("x", new JsonObject().put("css", "img").put("attr", ""))));
    assertEquals("x.all: must be true or false, got yes",
        message(new JsonObject().put("x", new JsonObject().put("css", "img").put("all", "yes"))));
    assertEquals("x: must be a CSS selector (a string) or an object {\"css\": ..., \"attr\": ..., \"all\": true}, "
        + "got 5", message(new JsonObject().put("x", 5)));
  }

  private static String message(JsonObject rules) {
    return assertThrows(IllegalArgumentException.class, () -> ExtractRules.normalise(rules)).getMessage();
  }
}
