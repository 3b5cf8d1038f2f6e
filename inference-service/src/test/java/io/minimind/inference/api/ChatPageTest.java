package io.minimind.inference.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The chat page at {@code /}, in a real headless Chromium (Debian's {@code chromium} package):
 * it loads the models, streams a reply through the API into the page and shows the token count
 * from the usage chunk. Skipped where no Chromium is installed.
 */
@QuarkusTest
@QuarkusTestResource(TinyModelResource.class)
class ChatPageTest {
  @TestHTTPResource("/")
  URL root;

  @Test
  void thePageIsServed() {
    given().get("/").then().statusCode(200).body(containsString("MiniMind chat"))
        .body(containsString("reasoning_content"));
  }

  @Test
  void aHeadlessBrowserStreamsAReplyIntoThePage() throws Exception {
    assumeTrue(HeadlessChromium.available(), "no Chromium at " + HeadlessChromium.BINARY
        + " (apt-get install chromium)");
    Path profile = Files.createDirectories(Path.of("target/chromium-profile").toAbsolutePath());
    try (HeadlessChromium browser = new HeadlessChromium(profile)) {
      browser.navigate(root + "?prompt=" + URLEncoder.encode("你好", StandardCharsets.UTF_8));
      String state = browser.awaitString("(() => { const t = document.querySelector('.turn.assistant');"
          + " return t && t.dataset.done === 'true' ? [document.querySelector('#model').value,"
          + " document.querySelector('.turn.user').textContent, t.querySelector('.meta').textContent,"
          + " t.querySelector('.answer').textContent.length].join('|') : ''; })()", Duration.ofSeconds(60));
      String[] parts = state.split("\\|");
      assertTrue(parts[0].equals("tiny"), "the model list was loaded: " + state);
      assertTrue(parts[1].equals("你好"), "the prompt was sent: " + state);
      assertTrue(parts[2].matches("\\d+ tokens"), "the stream ran to its usage chunk: " + state);
    }
  }
}
