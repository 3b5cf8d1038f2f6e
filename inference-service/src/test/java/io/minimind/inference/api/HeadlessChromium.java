package io.minimind.inference.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A headless Chromium driven over the DevTools protocol (a WebSocket): navigate, then evaluate
 * JavaScript until the page reaches a state. {@code --dump-dom} cannot wait for a streamed
 * response, so tests of the chat page use this.
 */
final class HeadlessChromium implements AutoCloseable {
  static final Path BINARY = Path.of("/usr/lib/chromium/chromium");
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Process process;
  private final WebSocket socket;
  private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
  private final AtomicInteger ids = new AtomicInteger();

  HeadlessChromium(Path profile) throws Exception {
    process = new ProcessBuilder(BINARY.toString(), "--headless", "--no-sandbox", "--disable-gpu",
        "--disable-dev-shm-usage", "--remote-debugging-port=0", "--user-data-dir=" + profile,
        "about:blank").redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    int port = devToolsPort();
    HttpClient http = HttpClient.newHttpClient();
    JsonNode targets = JSON.readTree(http.send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + port + "/json/list")).build(), HttpResponse.BodyHandlers.ofString()).body());
    String pageSocket = null;
    for (JsonNode t : targets) {
      if ("page".equals(t.path("type").asText())) {
        pageSocket = t.get("webSocketDebuggerUrl").asText();
      }
    }
    if (pageSocket == null) {
      throw new IllegalStateException("no page target: " + targets);
    }
    socket = http.newWebSocketBuilder().buildAsync(URI.create(pageSocket), new Listener())
        .get(20, TimeUnit.SECONDS);
  }

  /** Reads "DevTools listening on ws://127.0.0.1:PORT/..." from Chromium's stderr. */
  private int devToolsPort() throws Exception {
    BufferedReader err = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8));
    Pattern p = Pattern.compile("DevTools listening on ws://[^:]+:(\\d+)/");
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    String line;
    while (System.nanoTime() < end && (line = err.readLine()) != null) {
      Matcher m = p.matcher(line);
      if (m.find()) {
        Thread drain = new Thread(() -> err.lines().forEach(l -> { }), "chromium-stderr");
        drain.setDaemon(true);
        drain.start();
        return Integer.parseInt(m.group(1));
      }
    }
    throw new IllegalStateException("Chromium did not start its DevTools server");
  }

  void navigate(String url) throws Exception {
    ObjectNode params = JSON.createObjectNode().put("url", url);
    call("Page.navigate", params);
  }

  /** Evaluates {@code expression} every 200 ms until it returns a non-empty string; returns it. */
  String awaitString(String expression, Duration timeout) throws Exception {
    long end = System.nanoTime() + timeout.toNanos();
    String last = "";
    while (System.nanoTime() < end) {
      ObjectNode params = JSON.createObjectNode().put("expression", expression).put("returnByValue", true);
      JsonNode r = call("Runtime.evaluate", params);
      last = r.at("/result/result/value").asText("");
      if (!last.isEmpty()) {
        return last;
      }
      Thread.sleep(200);
    }
    throw new AssertionError("page did not reach the state within " + timeout + ": " + expression);
  }

  private JsonNode call(String method, ObjectNode params) throws Exception {
    int id = ids.incrementAndGet();
    CompletableFuture<JsonNode> reply = new CompletableFuture<>();
    pending.put(id, reply);
    ObjectNode msg = JSON.createObjectNode().put("id", id).put("method", method);
    msg.set("params", params);
    socket.sendText(JSON.writeValueAsString(msg), true).get(10, TimeUnit.SECONDS);
    return reply.get(30, TimeUnit.SECONDS);
  }

  @Override
  public void close() throws Exception {
    socket.abort();
    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
  }

  /** Collects (possibly fragmented) text frames and completes the call they answer. */
  private final class Listener implements WebSocket.Listener {
    private final StringBuilder frame = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
      frame.append(data);
      if (last) {
        try {
          JsonNode n = JSON.readTree(frame.toString());
          CompletableFuture<JsonNode> f = n.has("id") ? pending.remove(n.get("id").asInt()) : null;
          if (f != null) {
            f.complete(n);
          }
        } catch (Exception e) {
          // not for us
        }
        frame.setLength(0);
      }
      ws.request(1);
      return null;
    }
  }

  static boolean available() {
    return Files.isExecutable(BINARY);
  }
}
