package io.minimind.core.tokenizer.bpe;

import java.util.List;

/**
 * A trained byte-level BPE model. {@code vocab.get(id)} is token {@code id} as a byte-level string
 * (specials first, then the 256 byte symbols, then merged tokens); {@code merges} are in rank order,
 * each once (HF keeps a pair's last rank when its trainer records it twice); {@code specialCount}
 * leading vocab entries are the special tokens.
 */
public record BpeModel(List<String> vocab, List<Merge> merges, int specialCount) {
  /** One merge rule: {@code left + right} become one token. Byte-level strings never hold spaces. */
  public record Merge(String left, String right) {
    @Override
    public String toString() {
      return left + " " + right;
    }
  }

  public BpeModel {
    vocab = List.copyOf(vocab);
    merges = List.copyOf(merges);
  }
}
