package io.minimind.core.io;

import ai.djl.ndarray.types.DataType;

/**
 * Element types this project reads and writes in safetensors files. Model weights use {@link #F32},
 * {@link #F16} or {@link #BF16}; {@link #F64} and {@link #I64} are accepted for tests and optimizer
 * state (step counters). Any other safetensors dtype (I8, U8, BOOL, F8_*, ...) is rejected.
 */
public enum SafeDType {
  F32(4, DataType.FLOAT32),
  F16(2, DataType.FLOAT16),
  BF16(2, DataType.BFLOAT16),
  F64(8, DataType.FLOAT64),
  I64(8, DataType.INT64);

  private final int byteSize;
  private final DataType djlType;

  SafeDType(int byteSize, DataType djlType) {
    this.byteSize = byteSize;
    this.djlType = djlType;
  }

  /** Bytes per element. */
  public int byteSize() {
    return byteSize;
  }

  /** The matching DJL type. */
  public DataType djlType() {
    return djlType;
  }

  /** Parses the dtype string of a safetensors header; null when it is not supported. */
  public static SafeDType fromHeader(String name) {
    for (SafeDType t : values()) {
      if (t.name().equals(name)) {
        return t;
      }
    }
    return null;
  }
}
