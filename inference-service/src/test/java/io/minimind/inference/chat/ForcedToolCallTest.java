package io.minimind.inference.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.minimind.core.sampling.FinishReason;
import io.minimind.core.serving.TokenChoice;
import io.minimind.core.tokenizer.MiniMindTokenizer;
import io.minimind.inference.chat.ReplyParser.Content;
import io.minimind.inference.chat.ReplyParser.ToolCall;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * tool_choice enforcement on the reply side: the forced text counts as the start of the reply, the
 * model's continuation completes the call, and a named function ends the choice after one call.
 * The model is replaced by a scripted token stream (MiniMind's real tokenizer), since a random test
 * model never writes a valid call; the HTTP side is in ToolChoiceTest.
 */
class ForcedToolCallTest {
  static MiniMindTokenizer tok;
  final ToolCallJsonParser json = new ToolCallJsonParser(new ObjectMapper());

  @BeforeAll
  static void tokenizer() {
    tok = MiniMindTokenizer.defaultTokenizer();
  }

  @AfterAll
  static void close() {
    tok.close();
  }

  /** What the batcher would do: tokens until the listener says stop, then the finish. */
  record Played(List<ReplyParser.Part> parts, ChoiceRun.Outcome outcome, int tokensTaken) {}

  Played play(ToolChoice choice, boolean startsInReasoning, String modelWrites) throws Exception {
    ChatPrompt prompt = new ChatPrompt("<prompt>", new int[] {1}, startsInReasoning,
        ChatPrompt.forcedReply(choice, startsInReasoning));
    List<ReplyParser.Part> streamed = new ArrayList<>();
    ChoiceRun run = new ChoiceRun(ChoiceAssembler.chat(tok, List.of(), prompt, choice, json),
        d -> streamed.addAll(d.parts()), true);
    int taken = 0;
    FinishReason reason = FinishReason.STOP;
    for (int id : tok.encode(modelWrites)) {
      taken++;
      if (!run.onToken(new TokenChoice(id, Float.NaN, new int[0], new float[0]))) {
        reason = FinishReason.CANCELLED;
        break;
      }
    }
    run.onFinish(reason, 1, taken);
    assertEquals(run.collected(), streamed, "streamed and whole replies get the same parts");
    return new Played(run.collected(), run.done().get(), taken);
  }

  @Test
  void aNamedFunctionIsCalledOnceAndGenerationEndsWithTheCall() throws Exception {
    String call = "{\"city\": \"北京\"}}\n</tool_call>";
    Played p = play(ToolChoice.function("get_weather"), false,
        call + "\n<tool_call>\n{\"name\": \"other\", \"arguments\": {}}\n</tool_call>");
    assertEquals(List.of(new ToolCall("get_weather", "{\"city\":\"北京\"}")), p.parts());
    assertEquals("tool_calls", p.outcome().finishReason());
    assertEquals(tok.encode(call).length, p.tokensTaken(), "the choice stops at the token closing the call");
  }

  @Test
  void requiredForcesACallToAnyToolAndAllowsMore() throws Exception {
    Played p = play(ToolChoice.REQUIRED, false, "{\"name\": \"now\", \"arguments\": {}}\n</tool_call>\n"
        + "<tool_call>\n{\"name\": \"get_weather\", \"arguments\": {\"city\": \"上海\"}}\n</tool_call>");
    assertEquals(List.of(new ToolCall("now", "{}"), new Content("\n"),
        new ToolCall("get_weather", "{\"city\":\"上海\"}")), p.parts());
    assertEquals("tool_calls", p.outcome().finishReason());
  }

  @Test
  void aForcedCallLeftUnfinishedIsContentFromTheForcedTextOn() throws Exception {
    Played p = play(ToolChoice.function("get_weather"), false, "{\"city\": ");
    assertEquals(List.of(new Content("<tool_call>\n{\"name\": \"get_weather\", \"arguments\": {\"city\": ")),
        p.parts());
    assertEquals("stop", p.outcome().finishReason());
  }

  @Test
  void aForcedCallAfterAnOpenedThinkBlockClosesItFirst() throws Exception {
    Played p = play(ToolChoice.REQUIRED, true, "{\"name\": \"now\", \"arguments\": {}}\n</tool_call>");
    assertEquals(List.of(new ToolCall("now", "{}")), p.parts());
  }

  @Test
  void noneLeavesToolCallBlocksAsContent() throws Exception {
    String reply = "<tool_call>\n{\"name\": \"now\", \"arguments\": {}}\n</tool_call>";
    Played p = play(ToolChoice.NONE, false, reply);
    assertTrue(p.parts().stream().allMatch(part -> part instanceof Content), p.parts().toString());
    assertEquals(reply, p.parts().stream().map(part -> ((Content) part).text()).reduce("", String::concat));
    assertEquals("stop", p.outcome().finishReason());
    Played auto = play(ToolChoice.AUTO, false, reply);
    assertEquals(List.of(new ToolCall("now", "{}")), auto.parts());
  }

  @Test
  void theForcedTextIsMiniMindsToolCallFormatWithTheNameAsAJsonString() {
    assertEquals("", ToolChoice.AUTO.forcedReply());
    assertEquals("", ToolChoice.NONE.forcedReply());
    assertEquals("<tool_call>\n", ToolChoice.REQUIRED.forcedReply());
    assertEquals("<tool_call>\n{\"name\": \"a\\\"b\", \"arguments\": ", ToolChoice.function("a\"b").forcedReply());
    assertEquals("</think>\n\n<tool_call>\n", ChatPrompt.forcedReply(ToolChoice.REQUIRED, true));
    assertEquals("", ChatPrompt.forcedReply(ToolChoice.AUTO, true));
    assertTrue(ToolChoice.function("f").singleCall());
    assertFalse(ToolChoice.REQUIRED.singleCall());
    assertThrows(IllegalArgumentException.class, () -> new ToolChoice(ToolChoice.Mode.AUTO, "f"));
  }
}
