package io.minimind.core.tokenizer.bpe;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The reference for {@link BpeTrainer}: every step recounts all pairs of all words, takes the
 * largest count (ties: smallest {@code (leftId, rightId)}), and merges it everywhere. Same ids,
 * stop rules and id reuse as the fast trainer; quadratic, for small corpora only.
 */
final class NaiveBpeTrainer {
  private NaiveBpeTrainer() {}

  static BpeModel train(WordCounts counts, BpeTrainerConfig config) {
    List<String> vocab = new ArrayList<>();
    Map<String, Integer> ids = new HashMap<>();
    for (String s : config.specialTokens()) {
      ids.computeIfAbsent(s, k -> { vocab.add(k); return vocab.size() - 1; });
    }
    for (int b : ByteLevel.alphabetOrder()) {
      ids.computeIfAbsent(String.valueOf(ByteLevel.charOf(b)),
          k -> { vocab.add(k); return vocab.size() - 1; });
    }
    int specials = config.specialTokens().size();
    List<List<Integer>> words = new ArrayList<>();
    for (int w = 0; w < counts.size(); w++) {
      List<Integer> syms = new ArrayList<>();
      for (int i = 0; i < counts.length(w); i++) {
        syms.add(ids.get(String.valueOf(ByteLevel.charOf(counts.bytes()[counts.start(w) + i]))));
      }
      words.add(syms);
    }
    List<BpeModel.Merge> merges = new ArrayList<>();
    while (vocab.size() < config.vocabSize()) {
      Map<Long, Long> pairCounts = new HashMap<>();
      for (int w = 0; w < words.size(); w++) {
        List<Integer> s = words.get(w);
        for (int i = 0; i + 1 < s.size(); i++) {
          pairCounts.merge(PairIndex.key(s.get(i), s.get(i + 1)), counts.count(w), Long::sum);
        }
      }
      long best = -1;
      long bestCount = 0;
      for (Map.Entry<Long, Long> e : pairCounts.entrySet()) {
        if (e.getValue() > bestCount || (e.getValue() == bestCount && e.getKey() < best)) {
          best = e.getKey();
          bestCount = e.getValue();
        }
      }
      if (bestCount < 1 || config.minFrequency() > bestCount) {
        break;
      }
      int a = PairIndex.left(best);
      int b = PairIndex.right(best);
      String token = vocab.get(a) + vocab.get(b);
      Integer rep = ids.get(token);
      if (rep == null) {
        rep = vocab.size();
        ids.put(token, rep);
        vocab.add(token);
      }
      merges.add(new BpeModel.Merge(vocab.get(a), vocab.get(b)));
      for (List<Integer> s : words) {
        for (int i = 0; i + 1 < s.size(); i++) {
          if (s.get(i) == a && s.get(i + 1) == b) {
            s.set(i, rep);
            s.remove(i + 1);
          }
        }
      }
    }
    return new BpeModel(vocab, merges, specials);
  }
}
