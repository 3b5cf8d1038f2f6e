package io.minimind.core.tokenizer.bpe;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * Learns byte-level BPE merges from word counts with HF {@code tokenizers}' {@code BpeTrainer}
 * algorithm, reproduced step for step so that both give the same merges:
 *
 * <ul>
 *   <li>ids: special tokens, then the 256 byte symbols sorted by code point, then new tokens;
 *   <li>pair counts are weighted by word counts; a max-heap of entries {@code (pair, count, words)}
 *       ordered by count, then by the smaller pair {@code (leftId, rightId)}; a popped entry whose
 *       count is stale is pushed back with the current count (lazy invalidation);
 *   <li>a merge rewrites only the entry's words, left to right without overlap, and adjusts the
 *       counts of the neighbouring pairs; pairs that gained occurrences get a new entry holding the
 *       words where they gained (HF's {@code where_to_update}); the merged pair's own count is left
 *       as HF leaves it;
 *   <li>a merge whose string already exists reuses its id; training stops at the vocab size, an
 *       empty heap, or a top count below 1 or below {@code minFrequency}.
 * </ul>
 *
 * Memory: one {@code int} per byte of the distinct words (symbols), one per (pair, word) in the
 * initial pair lists, and the pair tables; the merge loop allocates only the new heap entries.
 */
public final class BpeTrainer {
  private final BpeTrainerConfig config;

  // Words: symbols of word w are sym[wStart[w], wStart[w] + wLen[w]).
  private int[] sym;
  private int[] wStart;
  private int[] wLen;
  private long[] wCount;

  // Pairs: counts and per-step bookkeeping, indexed by PairIndex id.
  private final PairIndex pairs = new PairIndex();
  private long[] pairCount = new long[1 << 12];
  private int[] stamp = new int[1 << 12];
  private int[] slot = new int[1 << 12];

  // Pairs that gained occurrences during the current merge, with the words where they did.
  private int[] touched = new int[64];
  private IntList[] touchedWords = new IntList[64];
  private int touchedCount;
  private int step;

  private final List<String> vocab = new ArrayList<>();
  private final Map<String, Integer> ids = new HashMap<>();

  public BpeTrainer(BpeTrainerConfig config) {
    this.config = config;
  }

  /** Trains on {@code words} (not modified) and returns the model. */
  public BpeModel train(WordCounts words) {
    initVocab();
    // Only the special tokens become added_tokens; the byte alphabet that follows them must not
    // (HF matches added tokens on raw text, which would turn "·" into the lone byte 0xB7).
    int specials = (int) config.specialTokens().stream().distinct().count();
    initWords(words);
    PriorityQueue<Entry> heap = initPairs();
    int[] merged = new int[16 * 3];
    int mergeCount = 0;
    while (vocab.size() < config.vocabSize() && !heap.isEmpty()) {
      Entry top = heap.poll();
      long current = pairCount[top.pid];
      if (top.count != current) {
        top.count = current;
        heap.add(top);
        continue;
      }
      if (top.count < 1 || config.minFrequency() > top.count) {
        break;
      }
      int a = PairIndex.left(top.key);
      int b = PairIndex.right(top.key);
      String token = vocab.get(a) + vocab.get(b);
      Integer known = ids.get(token);
      int rep = known != null ? known : vocab.size();
      if (known == null) {
        ids.put(token, rep);
        vocab.add(token);
      }
      if (mergeCount * 3 + 3 > merged.length) {
        merged = Arrays.copyOf(merged, merged.length * 2);
      }
      merged[mergeCount * 3] = a;
      merged[mergeCount * 3 + 1] = b;
      merged[mergeCount * 3 + 2] = rep;
      mergeCount++;
      applyMerge(top, a, b, rep, heap);
    }
    return new BpeModel(vocab, dedupedMerges(merged, mergeCount), specials);
  }

  private void initVocab() {
    for (String s : config.specialTokens()) {
      if (!ids.containsKey(s)) {
        ids.put(s, vocab.size());
        vocab.add(s);
      }
    }
    for (int b : ByteLevel.alphabetOrder()) {
      String s = String.valueOf(ByteLevel.charOf(b));
      if (!ids.containsKey(s)) {
        ids.put(s, vocab.size());
        vocab.add(s);
      }
    }
  }

  private void initWords(WordCounts words) {
    int[] byteId = new int[256];
    for (int b = 0; b < 256; b++) {
      byteId[b] = ids.get(String.valueOf(ByteLevel.charOf(b)));
    }
    int n = words.size();
    sym = new int[Math.toIntExact(words.totalBytes())];
    wStart = new int[n];
    wLen = new int[n];
    wCount = new long[n];
    byte[] bytes = words.bytes();
    int at = 0;
    for (int w = 0; w < n; w++) {
      wStart[w] = at;
      wLen[w] = words.length(w);
      wCount[w] = words.count(w);
      for (int i = words.start(w), e = i + words.length(w); i < e; i++) {
        sym[at++] = byteId[bytes[i] & 0xFF];
      }
    }
  }

  /** Counts all pairs, lists each pair's words once (CSR layout), and heapifies the entries. */
  private PriorityQueue<Entry> initPairs() {
    int[] occ = new int[1 << 12];
    for (int w = 0; w < wStart.length; w++) {
      for (int i = wStart[w], e = i + wLen[w] - 1; i < e; i++) {
        int pid = pairId(PairIndex.key(sym[i], sym[i + 1]));
        if (pid >= occ.length) {
          occ = Arrays.copyOf(occ, pairCount.length);
        }
        pairCount[pid] += wCount[w];
        if (stamp[pid] != w + 1) {
          stamp[pid] = w + 1;
          occ[pid]++;
        }
      }
    }
    int np = pairs.size();
    int[] offset = new int[np + 1];
    for (int p = 0; p < np; p++) {
      offset[p + 1] = offset[p] + occ[p];
    }
    int[] pos = new int[offset[np]];
    int[] fill = Arrays.copyOf(offset, np);
    Arrays.fill(stamp, 0);
    for (int w = 0; w < wStart.length; w++) {
      for (int i = wStart[w], e = i + wLen[w] - 1; i < e; i++) {
        int pid = pairs.idOf(PairIndex.key(sym[i], sym[i + 1]));
        if (stamp[pid] != w + 1) {
          stamp[pid] = w + 1;
          pos[fill[pid]++] = w;
        }
      }
    }
    Arrays.fill(stamp, 0);
    List<Entry> entries = new ArrayList<>(np);
    for (int p = 0; p < np; p++) {
      if (pairCount[p] > 0) {
        entries.add(new Entry(p, pairs.key(p), pairCount[p], pos, offset[p], occ[p]));
      }
    }
    return new PriorityQueue<>(entries);
  }

  /** Merges {@code (a, b) → rep} in the entry's words and pushes entries for the gained pairs. */
  private void applyMerge(Entry top, int a, int b, int rep, PriorityQueue<Entry> heap) {
    step++;
    touchedCount = 0;
    for (int k = top.off, e = top.off + top.len; k < e; k++) {
      mergeWord(top.words[k], a, b, rep);
    }
    for (int t = 0; t < touchedCount; t++) {
      int pid = touched[t];
      if (pairCount[pid] > 0) {
        IntList l = touchedWords[t];
        heap.add(new Entry(pid, pairs.key(pid), pairCount[pid], l.toArray(), 0, l.size));
      }
    }
  }

  /** HF's {@code Word::merge}: rewrite in place, report neighbour pair changes. */
  private void mergeWord(int w, int a, int b, int rep) {
    int base = wStart[w];
    int len = wLen[w];
    int r = 0;
    int out = 0;
    while (r < len) {
      if (sym[base + r] == a && r + 1 < len && sym[base + r + 1] == b) {
        if (out > 0) {
          int prev = sym[base + out - 1];
          change(prev, a, -1, w);
          change(prev, rep, 1, w);
        }
        if (r + 2 < len) {
          int next = sym[base + r + 2];
          change(b, next, -1, w);
          change(rep, next, 1, w);
        }
        sym[base + out++] = rep;
        r += 2;
      } else {
        sym[base + out++] = sym[base + r++];
      }
    }
    wLen[w] = out;
  }

  private void change(int left, int right, int delta, int w) {
    int pid = pairId(PairIndex.key(left, right));
    pairCount[pid] += delta * wCount[w];
    if (delta <= 0) {
      return;
    }
    if (stamp[pid] != step) {
      stamp[pid] = step;
      if (touchedCount == touched.length) {
        touched = Arrays.copyOf(touched, touchedCount * 2);
        touchedWords = Arrays.copyOf(touchedWords, touchedCount * 2);
      }
      slot[pid] = touchedCount;
      touched[touchedCount] = pid;
      if (touchedWords[touchedCount] == null) {
        touchedWords[touchedCount] = new IntList();
      }
      touchedWords[touchedCount].size = 0;
      touchedCount++;
    }
    touchedWords[slot[pid]].addIfNotLast(w);
  }

  /** The pair's id, growing the per-pair arrays when it is new. */
  private int pairId(long key) {
    int pid = pairs.idOf(key);
    if (pid >= pairCount.length) {
      int cap = pairCount.length * 2;
      pairCount = Arrays.copyOf(pairCount, cap);
      stamp = Arrays.copyOf(stamp, cap);
      slot = Arrays.copyOf(slot, cap);
    }
    return pid;
  }

  /** Merges in rank order, a pair recorded twice kept at its last rank (as HF serialises). */
  private List<BpeModel.Merge> dedupedMerges(int[] merged, int count) {
    Map<Long, Integer> last = new HashMap<>();
    for (int m = 0; m < count; m++) {
      last.put(PairIndex.key(merged[3 * m], merged[3 * m + 1]), m);
    }
    List<BpeModel.Merge> out = new ArrayList<>(count);
    for (int m = 0; m < count; m++) {
      if (last.get(PairIndex.key(merged[3 * m], merged[3 * m + 1])) == m) {
        out.add(new BpeModel.Merge(vocab.get(merged[3 * m]), vocab.get(merged[3 * m + 1])));
      }
    }
    return out;
  }

  /** A heap entry: HF's {@code Merge { pair, count, pos }}; {@code words[off, off+len)}. */
  private static final class Entry implements Comparable<Entry> {
    final int pid;
    final long key;
    long count;
    final int[] words;
    final int off;
    final int len;

    Entry(int pid, long key, long count, int[] words, int off, int len) {
      this.pid = pid;
      this.key = key;
      this.count = count;
      this.words = words;
      this.off = off;
      this.len = len;
    }

    /** Heap head first: larger count, then smaller pair. */
    @Override
    public int compareTo(Entry o) {
      if (count != o.count) {
        return Long.compare(o.count, count);
      }
      return Long.compare(key, o.key);
    }
  }

  /** Growable int list (word ids of one touched pair). */
  private static final class IntList {
    int[] data = new int[4];
    int size;

    void addIfNotLast(int v) {
      if (size > 0 && data[size - 1] == v) {
        return;
      }
      if (size == data.length) {
        data = Arrays.copyOf(data, size * 2);
      }
      data[size++] = v;
    }

    int[] toArray() {
      return Arrays.copyOf(data, size);
    }
  }
}
