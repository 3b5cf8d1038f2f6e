package io.minimind.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Iterator;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The few calls {@code run} makes to the orchestrator's pipeline API, with the JDK's HTTP client:
 * submit a spec, read a pipeline, follow its server-sent events. Kept apart from the orchestrator's
 * own classes so the stack launcher carries no Quarkus.
 */
public final class OrchestratorApi {
  /** Pipeline states after which nothing changes any more. */
  public static final Set<String> TERMINAL = Set.of("SUCCEEDED", "FAILED", "CANCELLED");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final URI base;
  private final String token;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  public OrchestratorApi(String baseUrl, String token) {
    this.base = URI.create(baseUrl.endsWith("/") ? baseUrl : baseUrl + "/");
    this.token = token == null || token.isBlank() ? null : token;
  }

  /** A rejected spec (422) or any other unexpected answer, with the lines to show the user. */
  public static final class Rejected extends Exception {
    private static final long serialVersionUID = 1L;

    Rejected(String message) {
      super(message);
    }
  }

  /** POSTs the spec ({@code application/json} for a {@code .json} name, YAML otherwise); returns the id. */
  public String submit(String spec, boolean json) throws IOException, InterruptedException, Rejected {
    HttpRequest req = request("v1/pipelines")
        .header("Content-Type", json ? "application/json" : "application/yaml")
        .POST(HttpRequest.BodyPublishers.ofString(spec, StandardCharsets.UTF_8)).build();
    HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() == 201) {
      return JSON.readTree(r.body()).path("id").asText();
    }
    throw new Rejected(describeError(r.statusCode(), r.body()));
  }

  /** {@code GET /v1/pipelines/{id}}. */
  public JsonNode pipeline(String id) throws IOException, InterruptedException {
    HttpResponse<String> r = http.send(request("v1/pipelines/" + id).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IOException(describeError(r.statusCode(), r.body()));
    }
    return JSON.readTree(r.body());
  }

  /**
   * Follows {@code GET /v1/pipelines/{id}/events} until the pipeline ends, handing every pipeline
   * view to {@code onUpdate}. The stream can drop (an orchestrator restart, a proxy); then it reads
   * the pipeline once and reconnects after a second. Returns the final view.
   */
  public JsonNode follow(String id, Consumer<JsonNode> onUpdate) throws IOException, InterruptedException {
    while (true) {
      try {
        HttpRequest req = request("v1/pipelines/" + id + "/events").header("Accept", "text/event-stream")
            .GET().build();
        HttpResponse<Stream<String>> r = http.send(req, HttpResponse.BodyHandlers.ofLines());
        if (r.statusCode() == 200) {
          try (Stream<String> lines = r.body()) {
            Iterator<String> it = lines.iterator();
            while (it.hasNext()) {
              String line = it.next();
              if (line.startsWith("data:")) {
                JsonNode view = JSON.readTree(line.substring(5).trim());
                onUpdate.accept(view);
                if (TERMINAL.contains(view.path("state").asText())) {
                  return view;
                }
              }
            }
          }
        } else {
          r.body().close();
        }
      } catch (IOException | UncheckedIOException e) {
        // the stream dropped; fall through to one read and a reconnect
      }
      JsonNode now = pipeline(id);
      onUpdate.accept(now);
      if (TERMINAL.contains(now.path("state").asText())) {
        return now;
      }
      Thread.sleep(1000);
    }
  }

  /** The error lines of an answer: {@code pointer: message} for each entry of a 422's {@code errors}. */
  static String describeError(int status, String body) {
    StringBuilder b = new StringBuilder("the orchestrator answered " + status);
    try {
      JsonNode n = JSON.readTree(body);
      if (n.path("message").isTextual()) {
        // A 422's message repeats the errors on further lines; they are listed once, below.
        b.append(": ").append(n.path("message").asText().lines().findFirst().orElse(""));
      }
      for (JsonNode e : n.path("errors")) {
        b.append("\n  ").append(e.path("pointer").asText()).append(": ").append(e.path("message").asText());
      }
    } catch (IOException | RuntimeException e) {
      b.append(": ").append(body);
    }
    return b.toString();
  }

  private HttpRequest.Builder request(String path) {
    HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return b;
  }
}
