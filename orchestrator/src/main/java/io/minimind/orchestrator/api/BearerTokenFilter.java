package io.minimind.orchestrator.api;

import io.minimind.orchestrator.service.OrchestratorSettings;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.Optional;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Optional API token: when {@code minimind.orchestrator.api-token} is set, every {@code /v1}
 * request must send {@code Authorization: Bearer <token>}; health and OpenAPI stay open.
 */
public class BearerTokenFilter {
  private final OrchestratorSettings settings;

  public BearerTokenFilter(OrchestratorSettings settings) {
    this.settings = settings;
  }

  @ServerRequestFilter
  public Optional<Response> check(ContainerRequestContext ctx) {
    Optional<String> token = settings.apiToken().filter(t -> !t.isBlank());
    if (token.isEmpty() || !ctx.getUriInfo().getPath().startsWith("/v1")) {
      return Optional.empty();
    }
    String header = ctx.getHeaderString("Authorization");
    String expected = "Bearer " + token.get();
    if (header != null && MessageDigest.isEqual(header.getBytes(StandardCharsets.UTF_8),
        expected.getBytes(StandardCharsets.UTF_8))) {
      return Optional.empty();
    }
    return Optional.of(Response.status(401)
        .header("WWW-Authenticate", "Bearer")
        .entity(Map.of("type", "Unauthorized", "code", 401,
            "message", header == null ? "missing Authorization: Bearer <token> header" : "wrong API token"))
        .type("application/json").build());
  }
}
