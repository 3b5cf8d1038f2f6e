package io.minimind.tokenizer;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class DatasetResourceTest {
  static final Path ROOT = Path.of("target/test-data");

  @Test
  void tokenizesADatasetIntoShardsUnderTheDataRoot() throws Exception {
    Files.createDirectories(ROOT);
    String name = "pre-" + UUID.randomUUID() + ".jsonl";
    Files.write(ROOT.resolve(name), List.of("{\"text\": \"床前明月光\"}", "{oops", "{\"text\": \"疑是地上霜\"}"));
    String out = "shards-" + UUID.randomUUID();
    given().contentType(ContentType.JSON)
        .body(Map.of("path", name, "kind", "pretrain", "out", out, "maxBadLines", 1))
        .post("/v1/datasets/tokenize")
        .then().statusCode(201)
        .body("documents", equalTo(2)).body("badLines", equalTo(1)).body("shards", equalTo(1));
    assertTrue(Files.isRegularFile(ROOT.resolve(out).resolve("manifest.json")));
    // the same output again: refused, nothing overwritten
    given().contentType(ContentType.JSON)
        .body(Map.of("path", name, "kind", "pretrain", "out", out, "maxBadLines", 1))
        .post("/v1/datasets/tokenize")
        .then().statusCode(422).body("message", containsString("already exists"));
    // too many bad lines: the message names file and line
    given().contentType(ContentType.JSON)
        .body(Map.of("path", name, "kind", "pretrain", "out", out + "-strict"))
        .post("/v1/datasets/tokenize")
        .then().statusCode(422).body("message", containsString(name + ":2"));
  }

  @Test
  void pathsCannotEscapeTheDataRoot() {
    given().contentType(ContentType.JSON)
        .body(Map.of("path", "../../etc/passwd", "kind", "pretrain", "out", "x"))
        .post("/v1/datasets/tokenize")
        .then().statusCode(422).body("message", equalTo("path '../../etc/passwd' is outside the data root"));
    given().contentType(ContentType.JSON)
        .body(Map.of("path", "/etc/passwd", "kind", "pretrain", "out", "x"))
        .post("/v1/datasets/tokenize")
        .then().statusCode(422).body("message", containsString("outside the data root"));
    given().contentType(ContentType.JSON)
        .body(Map.of("path", "missing.jsonl", "kind", "pretrain", "out", "x"))
        .post("/v1/datasets/tokenize")
        .then().statusCode(404);
  }
}
