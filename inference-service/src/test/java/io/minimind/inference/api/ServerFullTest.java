package io.minimind.inference.api;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Beyond one running and one queued request, the server answers 429 with Retry-After. */
@QuarkusTest
@TestProfile(ServerFullTest.Small.class)
@QuarkusTestResource(TinyModelResource.class)
class ServerFullTest {
  /** One sequence at a time, one waiting. */
  public static class Small implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("minimind.inference.max-batch", "1", "minimind.inference.max-queued", "1");
    }
  }

  @Test
  void aFullServerSaysSoAndWhenToComeBack() throws Exception {
    String body = "{\"model\": \"tiny\", \"messages\": [{\"role\": \"user\", \"content\": \"x\"}],"
        + " \"max_tokens\": 400, \"temperature\": 1.0}";
    int n = 12;
    ExecutorService pool = Executors.newFixedThreadPool(n);
    java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
    try {
      List<Future<Response>> all = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        all.add(pool.submit(() -> {
          start.await(); // all at once
          return given().contentType("application/json").body(body).post("/v1/chat/completions").andReturn();
        }));
      }
      start.countDown();
      int ok = 0;
      int busy = 0;
      for (Future<Response> f : all) {
        Response r = f.get();
        if (r.statusCode() == 200) {
          ok++;
        } else {
          assertTrue(r.statusCode() == 429, "status " + r.statusCode() + ": " + r.asString());
          assertTrue("1".equals(r.header("Retry-After")), "Retry-After");
          assertTrue(r.asString().contains("\"type\":\"rate_limit_error\""), r.asString());
          busy++;
        }
      }
      assertTrue(ok >= 1 && busy >= 1, ok + " served, " + busy + " refused");
    } finally {
      pool.shutdown();
    }
  }
}
