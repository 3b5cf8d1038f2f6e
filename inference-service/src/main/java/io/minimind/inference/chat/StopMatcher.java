package io.minimind.inference.chat;

import java.util.List;

/**
 * OpenAI's {@code stop} strings on a stream of text: text is released as soon as it can no longer
 * be the start of a stop string, and generation ends where the first stop string begins (the stop
 * string itself is not returned, as in OpenAI's API). Feed decoded text with {@link #feed};
 * {@link #flush} releases what was held back when generation ends for another reason.
 */
public final class StopMatcher {
  private final List<String> stops;
  private final StringBuilder held = new StringBuilder();
  private boolean stopped;

  public StopMatcher(List<String> stops) {
    this.stops = List.copyOf(stops);
  }

  /** True once a stop string was seen; later input is ignored. */
  public boolean stopped() {
    return stopped;
  }

  /** Adds generated text; returns the text that is now safe to emit (possibly empty). */
  public String feed(String text) {
    if (stopped || text.isEmpty()) {
      return "";
    }
    held.append(text);
    int first = -1;
    for (String s : stops) {
      int at = held.indexOf(s);
      if (at >= 0 && (first < 0 || at < first)) {
        first = at;
      }
    }
    if (first >= 0) {
      stopped = true;
      String out = held.substring(0, first);
      held.setLength(0);
      return out;
    }
    int keep = longestSuffixThatStartsAStop();
    String out = held.substring(0, held.length() - keep);
    held.delete(0, held.length() - keep);
    return out;
  }

  /** Releases the held-back tail (generation ended without a stop string). */
  public String flush() {
    String out = stopped ? "" : held.toString();
    held.setLength(0);
    return out;
  }

  private int longestSuffixThatStartsAStop() {
    int best = 0;
    for (String s : stops) {
      for (int k = Math.min(s.length() - 1, held.length()); k > best; k--) {
        if (s.startsWith(held.substring(held.length() - k))) {
          best = k;
          break;
        }
      }
    }
    return best;
  }
}
