package io.minimind.core.export;

import java.util.Locale;

/**
 * The precision a GGUF export is written in, i.e. llama.cpp's {@code general.file_type}
 * ({@code enum llama_ftype}: 0 = all F32, 1 = mostly F16, 7 = mostly Q8_0). "Mostly" because
 * 1-D tensors (RMSNorm gains) always stay F32, as llama.cpp's converter keeps them.
 */
public enum GgufType {
  F32(0, GgmlType.F32),
  F16(1, GgmlType.F16),
  Q8_0(7, GgmlType.Q8_0);

  private final int fileType;
  private final GgmlType matrixType;

  GgufType(int fileType, GgmlType matrixType) {
    this.fileType = fileType;
    this.matrixType = matrixType;
  }

  /** Value of {@code general.file_type}. */
  public int fileType() {
    return fileType;
  }

  /** Element type of the 2-D weight matrices. */
  public GgmlType matrixType() {
    return matrixType;
  }

  /** Parses f32, f16 or q8_0 (case-insensitive). */
  public static GgufType parse(String name) {
    for (GgufType t : values()) {
      if (t.name().equalsIgnoreCase(name.trim())) {
        return t;
      }
    }
    throw new IllegalArgumentException(
        "unknown GGUF type '" + name + "'; use f32, f16 or q8_0");
  }

  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}
