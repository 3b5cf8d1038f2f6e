package io.minimind.inference.api;

import io.minimind.inference.model.InferenceSettings;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/** Optional API key: with {@code minimind.inference.api-key} set, /v1 needs {@code Bearer <key>}. */
public class ApiKeyFilter {
  private final InferenceSettings settings;

  public ApiKeyFilter(InferenceSettings settings) {
    this.settings = settings;
  }

  @ServerRequestFilter
  public Optional<Response> check(ContainerRequestContext ctx) {
    Optional<String> key = settings.apiKey().filter(k -> !k.isBlank());
    if (key.isEmpty() || !ctx.getUriInfo().getPath().startsWith("/v1")) {
      return Optional.empty();
    }
    String header = ctx.getHeaderString("Authorization");
    byte[] expected = ("Bearer " + key.get()).getBytes(StandardCharsets.UTF_8);
    if (header != null && MessageDigest.isEqual(header.getBytes(StandardCharsets.UTF_8), expected)) {
      return Optional.empty();
    }
    return Optional.of(OpenAiErrorMapper.error(401, "invalid_request_error",
        "Incorrect or missing API key (Authorization: Bearer <key>)", null, "invalid_api_key"));
  }
}
