package dev.vertxcrawler.crawl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class SitemapReaderTest {
  private static byte[] gzip(byte[] data) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(data);
    }
    return out.toByteArray();
  }

  @Test
  void aGzippedSitemapIsInflatedAndRead() throws Exception {
    byte[] xml = ("<?xml version=\"1.0\"?><urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">"
        + "<url><loc>http://a.example/x</loc></url></urlset>").getBytes(StandardCharsets.UTF_8);
    SitemapReader.Content content = SitemapReader.parse("http://a.example/sitemap.xml.gz", gzip(xml), 1 << 20);
    assertNull(content.error());
    assertEquals(List.of("http://a.example/x"), content.urls());
  }

  @Test
  void aGzipBombNamedSitemapStopsAtTheCap() throws Exception {
    byte[] bomb = gzip(new byte[32 * 1024 * 1024]); // 32 MiB of zeros in about 32 KiB
    SitemapReader.Content content = SitemapReader.parse("http://a.example/sitemap.xml.gz", bomb, 1 << 20);
    assertEquals("too-large", content.error());
  }
}
