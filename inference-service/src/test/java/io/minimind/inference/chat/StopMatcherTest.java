package io.minimind.inference.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class StopMatcherTest {
  @Test
  void textBeforeTheFirstStopIsReleasedAndTheStopItselfIsNot() {
    StopMatcher m = new StopMatcher(List.of("END", "\n\n"));
    assertEquals("hello ", m.feed("hello E"));
    assertEquals("", m.feed("N"));
    assertEquals("", m.feed("D and more"));
    assertTrue(m.stopped());
    assertEquals("", m.feed("ignored"));
    assertEquals("", m.flush());
  }

  @Test
  void aPartialStopThatDoesNotCompleteIsReleased() {
    StopMatcher m = new StopMatcher(List.of("END"));
    assertEquals("a", m.feed("aEN"));
    assertEquals("ENx", m.feed("x"));
    assertEquals("", m.feed("E"));
    assertFalse(m.stopped());
    assertEquals("E", m.flush());
  }

  @Test
  void anyChunkingGivesTheSameResult() {
    String text = "The answer is 42.\n\nObservation: done";
    Random r = new Random(3);
    for (int trial = 0; trial < 50; trial++) {
      StopMatcher m = new StopMatcher(List.of("Observation:", "\n\nX"));
      StringBuilder out = new StringBuilder();
      int i = 0;
      while (i < text.length() && !m.stopped()) {
        int n = 1 + r.nextInt(4);
        out.append(m.feed(text.substring(i, Math.min(text.length(), i + n))));
        i += n;
      }
      out.append(m.flush());
      assertEquals("The answer is 42.\n\n", out.toString());
    }
  }
}
