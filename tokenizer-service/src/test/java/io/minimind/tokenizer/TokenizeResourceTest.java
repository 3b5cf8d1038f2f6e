package io.minimind.tokenizer;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class TokenizeResourceTest {
  @Test
  void tokenizesAndDetokenizesWithMiniMindsTokenizer() {
    List<Integer> ids = given().contentType(ContentType.JSON)
        .body(Map.of("text", "<|im_start|>你好，world"))
        .post("/v1/tokenize")
        .then().statusCode(200)
        .body("tokenizer", equalTo("minimind"))
        .body("ids[0]", equalTo(1)) // <|im_start|> is one special token
        .extract().path("ids");
    given().contentType(ContentType.JSON)
        .body(Map.of("ids", ids))
        .post("/v1/detokenize")
        .then().statusCode(200).body("text", equalTo("<|im_start|>你好，world"));
    given().contentType(ContentType.JSON)
        .body(Map.of("ids", ids, "skipSpecialTokens", true))
        .post("/v1/detokenize")
        .then().statusCode(200).body("text", equalTo("你好，world"));
  }

  @Test
  void badInputGetsAClearErrorObject() {
    given().contentType(ContentType.JSON).body(Map.of("tokenizer", "nope", "text", "x"))
        .post("/v1/tokenize")
        .then().statusCode(404).body("code", equalTo(404)).body("message", containsString("unknown tokenizer 'nope'"));
    given().contentType(ContentType.JSON).body(Map.of())
        .post("/v1/tokenize")
        .then().statusCode(422).body("message", equalTo("text is required"));
    given().contentType(ContentType.JSON).body("{\"text\": \"a\\ud800b\"}")
        .post("/v1/tokenize")
        .then().statusCode(422).body("message", containsString("unpaired surrogate at character 1"));
    given().contentType(ContentType.JSON).body(Map.of("ids", List.of(1, 99999)))
        .post("/v1/detokenize")
        .then().statusCode(422).body("message", containsString("ids[1] = 99999 is not a token id"));
    given().contentType(ContentType.JSON).body(Map.of("text", "x".repeat(1_048_577)))
        .post("/v1/tokenize")
        .then().statusCode(422).body("message", containsString("at most 1048576"));
  }

  @Test
  void invalidUtf8IsRejectedWithAnErrorObject() {
    byte[] body = {'{', '"', 't', 'e', 'x', 't', '"', ':', '"', 'a', (byte) 0xff, 'b', '"', '}'};
    given().contentType("application/json; charset=UTF-8").body(body)
        .post("/v1/tokenize")
        .then().statusCode(400).body("code", equalTo(400));
  }

  @Test
  void openApiDescribesTheEndpoints() {
    given().accept("application/json").get("/q/openapi")
        .then().statusCode(200).body("paths.keySet()", hasItems("/v1/tokenize", "/v1/detokenize", "/v1/datasets/tokenize"));
  }
}
