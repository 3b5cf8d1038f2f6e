package io.minimind.core.tokenizer.bpe;

import java.util.Arrays;

/**
 * Dense ids for symbol pairs: pair key {@code (long) left << 32 | right} → id {@code 0..size-1},
 * open addressing, never shrinks. Key order equals HF's {@code (u32, u32)} tuple order.
 */
final class PairIndex {
  private long[] keys = new long[1 << 12];
  private int[] table = new int[1 << 13];
  private int size;

  static long key(int left, int right) {
    return ((long) left << 32) | (right & 0xFFFFFFFFL);
  }

  static int left(long key) {
    return (int) (key >>> 32);
  }

  static int right(long key) {
    return (int) key;
  }

  /** The id of {@code key}, assigned on first sight. */
  int idOf(long key) {
    int mask = table.length - 1;
    int slot = mix(key) & mask;
    while (true) {
      int id = table[slot] - 1;
      if (id < 0) {
        break;
      }
      if (keys[id] == key) {
        return id;
      }
      slot = (slot + 1) & mask;
    }
    if (size == keys.length) {
      keys = Arrays.copyOf(keys, size * 2);
    }
    keys[size] = key;
    table[slot] = size + 1;
    int id = size++;
    if (size * 2 > table.length) {
      rehash();
    }
    return id;
  }

  long key(int id) {
    return keys[id];
  }

  int size() {
    return size;
  }

  private void rehash() {
    int[] t = new int[table.length * 2];
    int mask = t.length - 1;
    for (int id = 0; id < size; id++) {
      int slot = mix(keys[id]) & mask;
      while (t[slot] != 0) {
        slot = (slot + 1) & mask;
      }
      t[slot] = id + 1;
    }
    table = t;
  }

  private static int mix(long k) {
    k *= 0x9E3779B97F4A7C15L;
    return (int) (k ^ (k >>> 32));
  }
}
