package io.minimind.inference.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.minimind.core.sampling.FinishReason;
import io.minimind.core.serving.TokenChoice;
import io.minimind.core.tokenizer.MiniMindTokenizer;
import io.minimind.inference.chat.ReplyParser.Content;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A stream's deltas carry every token's logprob exactly once, including tokens no text follows. */
class ChoiceRunDeltaTest {
  @Test
  void logprobsOfHeldBackTokensGoWithTheNextPartOrTheEnd() {
    try (MiniMindTokenizer tok = MiniMindTokenizer.defaultTokenizer()) {
      int[] hello = tok.encode("hello");
      int[] world = tok.encode(" world");
      List<ChoiceRun.Delta> deltas = new ArrayList<>();
      ChoiceRun run = new ChoiceRun(ChoiceAssembler.plainText(tok, List.of(" world")), deltas::add, true);
      List<TokenChoice> all = new ArrayList<>();
      boolean going = true;
      int[] ids = new int[hello.length + world.length];
      System.arraycopy(hello, 0, ids, 0, hello.length);
      System.arraycopy(world, 0, ids, hello.length, world.length);
      for (int i = 0; i < ids.length && going; i++) {
        TokenChoice t = new TokenChoice(ids[i], -0.5f - i, new int[0], new float[0]);
        all.add(t);
        going = run.onToken(t);
      }
      assertFalse(going, "the stop string ended the choice");
      run.onFinish(FinishReason.CANCELLED, 1, all.size());
      List<TokenChoice> streamed = new ArrayList<>();
      deltas.forEach(d -> streamed.addAll(d.logprobs()));
      assertEquals(all, streamed, "every token once, in order");
      assertEquals(all, run.assembler().logprobs(), "as a whole response reports them");
      ChoiceRun.Delta last = deltas.get(deltas.size() - 1);
      assertEquals(List.of(), last.parts(), "the stop string's tokens carry no text");
      assertEquals(all.subList(hello.length, all.size()), last.logprobs());
      assertEquals("hello", deltas.stream().flatMap(d -> d.parts().stream())
          .map(p -> ((Content) p).text()).reduce("", String::concat));
    }
  }
}
