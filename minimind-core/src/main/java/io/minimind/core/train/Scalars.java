package io.minimind.core.train;

import ai.djl.ndarray.NDArray;

/** Reads a one-element array as a double without creating another array. */
public final class Scalars {
  private Scalars() {}

  public static double asDouble(NDArray scalar) {
    return switch (scalar.getDataType()) {
      case FLOAT64 -> scalar.getDouble();
      case FLOAT32 -> scalar.getFloat();
      default -> scalar.toFloatArray()[0];
    };
  }
}
