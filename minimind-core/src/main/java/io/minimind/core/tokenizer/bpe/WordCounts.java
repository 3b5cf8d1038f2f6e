package io.minimind.core.tokenizer.bpe;

import java.util.Arrays;

/**
 * Word (pre-token) → count, keyed by the word's UTF-8 bytes. Open addressing over one byte arena:
 * no object per word. Word {@code w} is {@code bytes()[start(w), start(w) + length(w))}, seen {@code
 * count(w)} times; ids are dense in insertion order. Not thread-safe: one instance per thread, then
 * {@link #addAll}.
 */
public final class WordCounts {
  private byte[] arena = new byte[1 << 16];
  private int arenaUsed;
  private int[] start = new int[1 << 10];
  private int[] length = new int[1 << 10];
  private int[] hash = new int[1 << 10];
  private long[] count = new long[1 << 10];
  private int size;
  /** Slot → word id + 1 (0 = empty). Power-of-two size, load ≤ 1/2. */
  private int[] table = new int[1 << 11];

  /** Adds {@code times} to the count of word {@code buf[off, off+len)}. */
  public void add(byte[] buf, int off, int len, long times) {
    int h = hash(buf, off, len);
    int mask = table.length - 1;
    int slot = h & mask;
    while (true) {
      int id = table[slot] - 1;
      if (id < 0) {
        break;
      }
      if (hash[id] == h && length[id] == len
          && Arrays.equals(arena, start[id], start[id] + len, buf, off, off + len)) {
        count[id] += times;
        return;
      }
      slot = (slot + 1) & mask;
    }
    int id = append(buf, off, len, h, times);
    table[slot] = id + 1;
    if (size * 2 > table.length) {
      rehash();
    }
  }

  /** Adds every word of {@code other} with its count. */
  public void addAll(WordCounts other) {
    for (int w = 0; w < other.size; w++) {
      add(other.arena, other.start[w], other.length[w], other.count[w]);
    }
  }

  public int size() {
    return size;
  }

  public byte[] bytes() {
    return arena;
  }

  public int start(int w) {
    return start[w];
  }

  public int length(int w) {
    return length[w];
  }

  public long count(int w) {
    return count[w];
  }

  /** Bytes held by the words themselves. */
  public long totalBytes() {
    return arenaUsed;
  }

  /** Sum of all counts (pre-tokens seen). */
  public long totalCount() {
    long t = 0;
    for (int w = 0; w < size; w++) {
      t += count[w];
    }
    return t;
  }

  private int append(byte[] buf, int off, int len, int h, long times) {
    if (arenaUsed + len > arena.length) {
      arena = Arrays.copyOf(arena, Math.max(arena.length * 2, arenaUsed + len));
    }
    System.arraycopy(buf, off, arena, arenaUsed, len);
    if (size == start.length) {
      int cap = size * 2;
      start = Arrays.copyOf(start, cap);
      length = Arrays.copyOf(length, cap);
      hash = Arrays.copyOf(hash, cap);
      count = Arrays.copyOf(count, cap);
    }
    start[size] = arenaUsed;
    length[size] = len;
    hash[size] = h;
    count[size] = times;
    arenaUsed += len;
    return size++;
  }

  private void rehash() {
    int[] t = new int[table.length * 2];
    int mask = t.length - 1;
    for (int id = 0; id < size; id++) {
      int slot = hash[id] & mask;
      while (t[slot] != 0) {
        slot = (slot + 1) & mask;
      }
      t[slot] = id + 1;
    }
    table = t;
  }

  private static int hash(byte[] b, int off, int len) {
    int h = 0x9E3779B9 ^ len;
    for (int i = off; i < off + len; i++) {
      h = (h ^ b[i]) * 0x01000193;
    }
    return h ^ (h >>> 16);
  }
}
