package io.minimind.core.export;

/**
 * Tensor element types of GGUF files that this exporter writes and its reader understands, with
 * the numeric ids of ggml's {@code enum ggml_type}.
 *
 * <p>Block types pack {@link #blockSize()} elements into {@link #blockBytes()} bytes. Q8_0 is a
 * 32-element block of one f16 scale {@code d} followed by 32 int8 quants (34 bytes); see {@link
 * Q80}.
 */
public enum GgmlType {
  F32(0, 1, 4),
  F16(1, 1, 2),
  Q8_0(8, 32, 34);

  private final int id;
  private final int blockSize;
  private final int blockBytes;

  GgmlType(int id, int blockSize, int blockBytes) {
    this.id = id;
    this.blockSize = blockSize;
    this.blockBytes = blockBytes;
  }

  /** ggml's numeric type id, as stored in a GGUF tensor info. */
  public int id() {
    return id;
  }

  /** Elements per block (1 for plain float types). */
  public int blockSize() {
    return blockSize;
  }

  /** Bytes per block. */
  public int blockBytes() {
    return blockBytes;
  }

  /**
   * Bytes needed for {@code elements} values; the innermost dimension must be a whole number of
   * blocks, which the caller checks per row.
   */
  public long byteSize(long elements) {
    if (elements % blockSize != 0) {
      throw new IllegalArgumentException(elements + " elements are not whole " + this + " blocks");
    }
    return elements / blockSize * blockBytes;
  }

  /** The type with ggml id {@code id}, or null when this reader does not support it. */
  public static GgmlType fromId(int id) {
    for (GgmlType t : values()) {
      if (t.id == id) {
        return t;
      }
    }
    return null;
  }
}
