package io.minimind.core.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonlIndexTest {
  @TempDir Path dir;

  private Path file(String name, byte[] content) throws IOException {
    Path p = dir.resolve(name);
    Files.write(p, content);
    return p;
  }

  private Path file(String name, String content) throws IOException {
    return file(name, content.getBytes(StandardCharsets.UTF_8));
  }

  private static List<String> lines(JsonlIndex index) throws IOException {
    try (JsonlReader r = new JsonlReader(index)) {
      List<String> out = new ArrayList<>();
      for (int i = 0; i < r.size(); i++) {
        out.add(r.line(i));
      }
      return out;
    }
  }

  @Test
  void indexesGoodFileAndReadsLinesBack() throws IOException {
    String a = "{\"text\": \"hello\"}";
    String b = "{\"text\": \"你好，世界\"}";
    Path p = file("good.jsonl", a + "\n" + b + "\n\n  \n" + a + "\n");
    JsonlIndex index = JsonlIndex.build(p, LineValidator.pretrain(), BadLinePolicy.strict());
    assertEquals(3, index.size());
    assertEquals(3, index.goodLines());
    assertEquals(0, index.badLines());
    assertEquals(2, index.blankLines());
    assertEquals(0, index.offset(0));
    assertEquals(a.length() + 1, index.offset(1));
    assertEquals(b.getBytes(StandardCharsets.UTF_8).length, index.length(1));
    assertEquals(List.of(a, b, a), lines(index));
  }

  @Test
  void handlesCrlfNoTrailingNewlineAndBom() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(new byte[] {(byte) 0xef, (byte) 0xbb, (byte) 0xbf});
    out.write("{\"text\": \"one\"}\r\n\r\n{\"text\": \"two\"}\r\n{\"text\": \"three\"}"
        .getBytes(StandardCharsets.UTF_8));
    Path p = file("crlf.jsonl", out.toByteArray());
    JsonlIndex index = JsonlIndex.build(p, LineValidator.pretrain(), BadLinePolicy.strict());
    assertEquals(3, index.offset(0), "line 1 starts after the BOM");
    assertEquals(1, index.blankLines());
    assertEquals(List.of("{\"text\": \"one\"}", "{\"text\": \"two\"}", "{\"text\": \"three\"}"),
        lines(index));
  }

  @Test
  void reportsEachKindOfBadLineWithFileAndLine() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    String[] text = {
      "{\"text\": \"ok\"}", // 1
      "{\"text\": \"unterminated\"", // 2
      "[1, 2]", // 3
      "{\"txt\": \"typo\"}", // 4
      "{\"text\": \"\"}", // 5
      "{\"text\": 42}", // 6
      "{text: 'lenient'}", // 7
    };
    for (String t : text) {
      out.write((t + "\n").getBytes(StandardCharsets.UTF_8));
    }
    out.write(new byte[] {'{', '"', 't', '"', ':', '"', (byte) 0xc3, (byte) 0x28, '"', '}', '\n'});
    Path p = file("bad.jsonl", out.toByteArray());
    JsonlIndex index = JsonlIndex.build(p, LineValidator.pretrain(), new BadLinePolicy(100));
    List<String> reported = index.badLinesReported().stream().map(BadLine::toString).toList();
    assertEquals(List.of(
        p + ":2: invalid JSON: End of input at line 1 column 24 path $.text",
        p + ":3: not a JSON object",
        p + ":4: missing field \"text\"",
        p + ":5: field \"text\" is empty",
        p + ":6: field \"text\" must be a string, got a number",
        p + ":7: invalid JSON: malformed JSON at line 1 column 3 path $.",
        p + ":8: invalid UTF-8 at byte 6 of the line"), reported);
    assertEquals(1, index.size());
    assertEquals(7, index.badLines());
  }

  @Test
  void validatesSftConversations() throws IOException {
    String[] text = {
      "{\"conversations\": [{\"role\": \"user\", \"content\": \"q\"}, "
          + "{\"role\": \"assistant\", \"content\": \"a\"}]}",
      "{\"conversations\": []}",
      "{\"conversations\": [{\"role\": \"user\", \"content\": \"q\"}]}",
      "{\"conversations\": [{\"role\": \"bot\", \"content\": \"q\"}]}",
      "{\"conversations\": [{\"role\": \"assistant\"}]}",
      "{\"conversations\": [\"hi\"]}",
      "{\"conversations\": {\"role\": \"user\"}}",
      "{\"messages\": []}",
    };
    Path p = file("sft.jsonl", String.join("\n", text));
    JsonlIndex index = JsonlIndex.build(p, LineValidator.sft(), new BadLinePolicy(100));
    assertEquals(1, index.size());
    assertEquals(List.of(
        p + ":2: field \"conversations\" is empty",
        p + ":3: field \"conversations\" has no assistant message",
        p + ":4: conversations[0].role \"bot\" is not one of system, user, assistant, tool",
        p + ":5: conversations[0].content must be a string, got nothing",
        p + ":6: conversations[0] must be an object, got a string",
        p + ":7: field \"conversations\" must be an array, got an object",
        p + ":8: missing field \"conversations\""),
        index.badLinesReported().stream().map(BadLine::toString).toList());
  }

  @Test
  void limitTwoStopsAtTheThirdBadLine() throws IOException {
    Path p = file("three.jsonl",
        "{\"text\": \"a\"}\n{}\n{\"text\": \"b\"}\n{}\n\n{}\n{\"text\": \"c\"}\n");
    BadLinePolicy policy = new BadLinePolicy(2);
    DataFormatException e = assertThrows(DataFormatException.class,
        () -> JsonlIndex.build(p, LineValidator.pretrain(), policy));
    assertEquals(p + ":6: missing field \"text\" (bad line 3, more than the 2 allowed; fix the "
        + "data or raise maxBadLines)", e.getMessage());
    assertEquals(6, e.badLine().lineNumber());
    assertEquals(3, e.badCount());
    assertEquals(3, policy.count());
  }

  @Test
  void limitTwoToleratesTwo() throws IOException {
    Path p = file("two.jsonl", "{}\n{\"text\": \"a\"}\n{}\n");
    JsonlIndex index = JsonlIndex.build(p, LineValidator.pretrain(), new BadLinePolicy(2));
    assertEquals(1, index.size());
    assertEquals(2, index.badLines());
  }

  @Test
  void limitZeroStopsAtTheFirstBadLine() throws IOException {
    Path p = file("first.jsonl", "{\"text\": \"a\"}\nnot json\n");
    DataFormatException e = assertThrows(DataFormatException.class,
        () -> JsonlIndex.build(p, LineValidator.pretrain(), BadLinePolicy.strict()));
    assertTrue(e.getMessage().startsWith(p + ":2: invalid JSON: "), e.getMessage());
    assertTrue(e.getMessage().endsWith("(bad line 1, more than the 0 allowed; fix the data or "
        + "raise maxBadLines)"), e.getMessage());
  }

  @Test
  void longLinesGrowTheBuffer() throws IOException {
    String big = "x".repeat(300_000);
    Path p = file("long.jsonl", "{\"text\": \"" + big + "\"}\n{\"text\": \"y\"}");
    JsonlIndex index = JsonlIndex.build(p, LineValidator.pretrain(), BadLinePolicy.strict());
    assertEquals(List.of("{\"text\": \"" + big + "\"}", "{\"text\": \"y\"}"), lines(index));
  }
}
