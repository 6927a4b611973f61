package dev.vertxcrawler.parse;

import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * The facts the crawl needs from one HTML page. {@code links} are absolute http(s) URLs with the fragment
 * removed, in document order, nofollow links excluded; {@code outlinks} counts every a/area href found; {@code linksOverCap} those
 * past parse.maxOutlinks, counted and not followed. A meta refresh target is a link too. {@code data} holds the
 * values of the config's {@code extract} rules, null when there are none. {@code crawlerMetas} are meta robots
 * addressed to one crawler by name ({@code <meta name="somebot" content="nofollow">}), as "somebot: nofollow":
 * the crawl applies those naming its own token, the way it reads X-Robots-Tag.
 */
public record ParsedPage(
    String title,
    List<String> links,
    int outlinks,
    int nofollowLinks,
    int otherSchemeLinks,
    boolean metaNofollow,
    boolean metaNoindex,
    String canonical,
    int linksOverCap,
    JsonObject data,
    List<String> crawlerMetas) {

  ParsedPage withData(JsonObject values) {
    return new ParsedPage(title, links, outlinks, nofollowLinks, otherSchemeLinks, metaNofollow, metaNoindex,
        canonical, linksOverCap, values, crawlerMetas);
  }
}
