package dev.vertxcrawler.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.vertxcrawler.config.NetworkConfig;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The guard's decisions that need no DNS: ports, literals, exemptions and allowed blocks. */
@ExtendWith(VertxExtension.class)
class AddressGuardTest {
  @Test
  void aPortOutsideAllowedPortsIsRefusedBeforeAnyLookup(Vertx vertx, VertxTestContext ctx) {
    AddressGuard guard = new AddressGuard(vertx, new NetworkConfig(true, List.of(), List.of(80, 443)));
    guard.check("http://example.invalid:8080/x").onComplete(ctx.succeeding(d -> ctx.verify(() -> {
      assertEquals(AddressGuard.BLOCKED_PORT, d.error());
      ctx.completeNow();
    })));
  }

  @Test
  void aPrivateLiteralIsRefusedUnlessItsOriginIsASeedsOrItsBlockIsAllowed(Vertx vertx, VertxTestContext ctx) {
    AddressGuard strict = new AddressGuard(vertx, new NetworkConfig(true, List.of(), List.of()));
    AddressGuard allowing = new AddressGuard(vertx, new NetworkConfig(true, List.of("10.0.0.0/8"), List.of()));
    strict.exemptOrigin("http://10.1.2.3:8080");
    strict.check("http://10.9.9.9/admin")
        .compose(refused -> {
          ctx.verify(() -> assertEquals(AddressGuard.BLOCKED_ADDRESS, refused.error()));
          return strict.check("http://10.1.2.3:8080/page");
        })
        .compose(seed -> {
          ctx.verify(() -> {
            assertNull(seed.error(), "the seed's own origin");
            assertNull(seed.connectTo(), "left to the client's resolver");
          });
          return allowing.check("http://10.9.9.9/admin");
        })
        .onComplete(ctx.succeeding(allowed -> ctx.verify(() -> {
          assertNull(allowed.error(), "10.0.0.0/8 is in network.allow");
          assertEquals("10.9.9.9", allowed.connectTo().getAddress().getHostAddress(), "pinned to the checked address");
          assertEquals(80, allowed.connectTo().getPort());
          ctx.completeNow();
        })));
  }

  @Test
  void theGuardOffLetsEverythingThrough(Vertx vertx, VertxTestContext ctx) {
    AddressGuard off = new AddressGuard(vertx, new NetworkConfig(false, List.of(), List.of()));
    off.check("http://169.254.169.254/latest/meta-data/").onComplete(ctx.succeeding(d -> ctx.verify(() -> {
      assertNull(d.error());
      ctx.completeNow();
    })));
  }
}
