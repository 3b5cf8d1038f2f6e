package io.minimind.tokenizer;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class TokenizersResourceTest {
  static final Path ROOT = Path.of("target/test-data");

  @Test
  void trainsATokenizerThenUsesIt() throws Exception {
    Files.createDirectories(ROOT);
    String data = "corpus-" + UUID.randomUUID() + ".jsonl";
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      lines.add("{\"text\": \"春眠不觉晓，处处闻啼鸟。夜来风雨声，花落知多少。" + i + " spring dawn\"}");
    }
    Files.write(ROOT.resolve(data), lines);
    String id = "poems-" + UUID.randomUUID().toString().substring(0, 8);
    given().contentType(ContentType.JSON)
        .body(Map.of("id", id, "data", List.of(data), "vocabSize", 300, "specialTokens", List.of("<think>")))
        .post("/v1/tokenizers")
        .then().statusCode(202).body("status", equalTo("running"));
    String status = "running";
    for (int i = 0; i < 300 && status.equals("running"); i++) {
      Thread.sleep(100);
      status = given().get("/v1/tokenizers/" + id).then().statusCode(200).extract().path("status");
    }
    assertEquals("succeeded", status);
    given().get("/v1/tokenizers/" + id).then().body("vocabSize", equalTo(300));
    given().get("/v1/tokenizers").then().body("tokenizers", hasItem(id));
    given().contentType(ContentType.JSON).body(Map.of("tokenizer", id, "text", "<think>春眠"))
        .post("/v1/tokenize").then().statusCode(200).body("ids[0]", equalTo(3)); // first extra special
    given().contentType(ContentType.JSON).body(Map.of("id", id, "data", List.of(data)))
        .post("/v1/tokenizers").then().statusCode(422).body("message", containsString("already taken"));
  }

  @Test
  void badTrainingRequestsAreRejected() {
    given().contentType(ContentType.JSON).body(Map.of("id", "Bad Id!", "data", List.of("x")))
        .post("/v1/tokenizers").then().statusCode(422).body("message", containsString("id must match"));
    given().contentType(ContentType.JSON).body(Map.of("id", "ok", "data", List.of("../outside.jsonl")))
        .post("/v1/tokenizers").then().statusCode(422).body("message", containsString("outside the data root"));
    given().contentType(ContentType.JSON).body(Map.of("id", "ok2", "data", List.of("nope.jsonl")))
        .post("/v1/tokenizers").then().statusCode(404);
    given().get("/v1/tokenizers/never-trained").then().statusCode(404)
        .body("message", equalTo("unknown tokenizer job 'never-trained'"));
  }
}
