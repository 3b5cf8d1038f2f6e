package io.minimind.core.export;

import io.minimind.core.io.HalfFloats;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** float32 values to and from the little-endian bytes of a {@link GgmlType}. */
final class TensorCodec {
  private TensorCodec() {}

  /** Encodes {@code v}; F16 rounds to nearest even, Q8_0 as {@link Q80#quantize}. */
  static byte[] encode(float[] v, GgmlType type) {
    return switch (type) {
      case F32 -> {
        ByteBuffer b = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(v);
        yield b.array();
      }
      case F16 -> {
        ByteBuffer b = ByteBuffer.allocate(v.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < v.length; i++) {
          b.putShort(2 * i, HalfFloats.floatToHalf(v[i]));
        }
        yield b.array();
      }
      case Q8_0 -> Q80.quantize(v);
    };
  }

  /** Decodes {@code count} values. */
  static float[] decode(byte[] data, GgmlType type, int count) {
    ByteBuffer b = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
    float[] out = new float[count];
    switch (type) {
      case F32 -> b.asFloatBuffer().get(out);
      case F16 -> {
        for (int i = 0; i < count; i++) {
          out[i] = HalfFloats.halfToFloat(b.getShort(2 * i));
        }
      }
      case Q8_0 -> {
        return Q80.dequantize(data, 0, count);
      }
      default -> throw new IllegalStateException(type.toString());
    }
    return out;
  }
}
