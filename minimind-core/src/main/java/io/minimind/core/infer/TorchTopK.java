package io.minimind.core.infer;

/**
 * The set of top-k indices that {@code torch.topk(x, k, largest=True)} picks on CPU, ties
 * included, for the MoE router.
 *
 * <p>Why emulate rather than "sort by value, lower index first": with exact ties (a zero or
 * untrained gate gives every expert the same probability) the experts that run would otherwise
 * differ from the DJL model's (DJL calls libtorch). ATen's CPU topk ({@code TopKImpl.h}) copies
 * (value, index) pairs into a queue and calls libstdc++'s {@code std::partial_sort(q, q + k, end)}
 * when k·64 ≤ n, else {@code std::nth_element(q, q + k − 1, end)}, with the comparator "x before y
 * when x is NaN and y is not, or x &gt; y"; the first k queue entries are the chosen set. This
 * class replays those two libstdc++ algorithms (introselect with median-of-three pivots and a
 * heap-select fallback; heap select) step by step on the same comparator, so it ends with the
 * same k entries. Only the set matters to the engine (it adds expert outputs in expert order), so
 * the final sorts inside topk are not replayed. Holds for libtorch built with libstdc++ (Linux
 * CPU builds); checked against DJL's topK on tie-heavy vectors by {@code TorchTopKTest}. CUDA's
 * topk is another algorithm and may break exact ties differently.
 *
 * <p>Not thread-safe: one instance owns its scratch queue of n entries.
 */
final class TorchTopK {
  private final float[] value; // (n) queue values
  private final int[] index; // (n) queue indices

  TorchTopK(int n) {
    value = new float[n];
    index = new int[n];
  }

  /**
   * Writes to {@code out[outOff .. outOff + k)} the indices of the k entries torch.topk picks from
   * {@code x[off .. off + n)} (in no particular order).
   */
  void select(float[] x, int off, int n, int k, int[] out, int outOff) {
    if (k < 1 || k > n || n > value.length) {
      throw new IllegalArgumentException("topk of " + k + " from " + n + " (scratch " + value.length + ")");
    }
    for (int j = 0; j < n; j++) {
      value[j] = x[off + j];
      index[j] = j;
    }
    if ((long) k * 64 <= n) {
      heapSelect(0, k, n);
    } else {
      introselect(0, k - 1, n, 2 * floorLog2(n));
    }
    System.arraycopy(index, 0, out, outOff, k);
  }

  /** ATen's "largest" comparator: a before b. */
  private boolean before(int a, int b) {
    return before(value[a], value[b]);
  }

  private static boolean before(float x, float y) {
    return (Float.isNaN(x) && !Float.isNaN(y)) || x > y;
  }

  private void swap(int a, int b) {
    float v = value[a];
    value[a] = value[b];
    value[b] = v;
    int i = index[a];
    index[a] = index[b];
    index[b] = i;
  }

  /** libstdc++ std::__introselect over [first, last) for position nth. */
  private void introselect(int first, int nth, int last, int depthLimit) {
    if (first == last || nth == last) {
      return;
    }
    while (last - first > 3) {
      if (depthLimit == 0) {
        heapSelect(first, nth + 1, last);
        swap(first, nth); // the nth element in its final place
        return;
      }
      depthLimit--;
      int cut = partitionPivot(first, last);
      if (cut <= nth) {
        first = cut;
      } else {
        last = cut;
      }
    }
    insertionSort(first, last);
  }

  /** std::__unguarded_partition_pivot: median of (first+1, mid, last−1) moved to first, then partition. */
  private int partitionPivot(int first, int last) {
    int mid = first + (last - first) / 2;
    moveMedianToFirst(first, first + 1, mid, last - 1);
    int lo = first + 1;
    int hi = last;
    while (true) { // std::__unguarded_partition with the pivot at first
      while (before(lo, first)) {
        lo++;
      }
      hi--;
      while (before(first, hi)) {
        hi--;
      }
      if (lo >= hi) {
        return lo;
      }
      swap(lo, hi);
      lo++;
    }
  }

  private void moveMedianToFirst(int result, int a, int b, int c) {
    if (before(a, b)) {
      if (before(b, c)) {
        swap(result, b);
      } else if (before(a, c)) {
        swap(result, c);
      } else {
        swap(result, a);
      }
    } else if (before(a, c)) {
      swap(result, a);
    } else if (before(b, c)) {
      swap(result, c);
    } else {
      swap(result, b);
    }
  }

  /** std::__insertion_sort. */
  private void insertionSort(int first, int last) {
    if (first == last) {
      return;
    }
    for (int i = first + 1; i < last; i++) {
      float v = value[i];
      int id = index[i];
      if (before(v, value[first])) { // move [first, i) up by one, v to first
        System.arraycopy(value, first, value, first + 1, i - first);
        System.arraycopy(index, first, index, first + 1, i - first);
        value[first] = v;
        index[first] = id;
      } else { // std::__unguarded_linear_insert
        int hole = i;
        while (before(v, value[hole - 1])) {
          value[hole] = value[hole - 1];
          index[hole] = index[hole - 1];
          hole--;
        }
        value[hole] = v;
        index[hole] = id;
      }
    }
  }

  /** std::__heap_select: the "best" (middle − first) of [first, last) end up in [first, middle). */
  private void heapSelect(int first, int middle, int last) {
    makeHeap(first, middle);
    for (int i = middle; i < last; i++) {
      if (before(i, first)) {
        popHeap(first, middle, i);
      }
    }
  }

  /** std::__make_heap over [first, first + len). */
  private void makeHeap(int first, int middle) {
    int len = middle - first;
    if (len < 2) {
      return;
    }
    for (int parent = (len - 2) / 2; ; parent--) {
      adjustHeap(first, parent, len, value[first + parent], index[first + parent]);
      if (parent == 0) {
        return;
      }
    }
  }

  /** std::__pop_heap(first, last, result): result's entry replaces the top, the top goes to result. */
  private void popHeap(int first, int last, int result) {
    float v = value[result];
    int id = index[result];
    value[result] = value[first];
    index[result] = index[first];
    adjustHeap(first, 0, last - first, v, id);
  }

  /** std::__adjust_heap: sift the hole at holeIndex down to a leaf, then push (v, id) up. */
  private void adjustHeap(int first, int holeIndex, int len, float v, int id) {
    int top = holeIndex;
    int second = holeIndex;
    while (second < (len - 1) / 2) {
      second = 2 * (second + 1);
      if (before(first + second, first + second - 1)) {
        second--;
      }
      value[first + holeIndex] = value[first + second];
      index[first + holeIndex] = index[first + second];
      holeIndex = second;
    }
    if ((len & 1) == 0 && second == (len - 2) / 2) {
      second = 2 * (second + 1);
      value[first + holeIndex] = value[first + second - 1];
      index[first + holeIndex] = index[first + second - 1];
      holeIndex = second - 1;
    }
    int parent = (holeIndex - 1) / 2; // std::__push_heap
    while (holeIndex > top && before(value[first + parent], v)) {
      value[first + holeIndex] = value[first + parent];
      index[first + holeIndex] = index[first + parent];
      holeIndex = parent;
      parent = (holeIndex - 1) / 2;
    }
    value[first + holeIndex] = v;
    index[first + holeIndex] = id;
  }

  private static int floorLog2(int n) {
    return 31 - Integer.numberOfLeadingZeros(n);
  }
}
