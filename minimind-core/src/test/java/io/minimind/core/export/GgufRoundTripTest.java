package io.minimind.core.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GgufRoundTripTest {
  @TempDir Path tmp;

  static float[] random(int n, long seed) {
    Random r = new Random(seed);
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = (float) r.nextGaussian();
    }
    return v;
  }

  @Test
  void metadataAndTensorsSurviveAWriteReadRoundTrip() throws IOException {
    Map<String, GgufValue> meta = new LinkedHashMap<>();
    meta.put("general.architecture", GgufValue.string("llama"));
    meta.put("general.name", GgufValue.string("tést ✓"));
    meta.put("u", GgufValue.uint32(0xfffffffeL));
    meta.put("f", GgufValue.float32(1e-5));
    meta.put("b", GgufValue.bool(true));
    meta.put("i", GgufValue.int32(-7));
    meta.put("sa", GgufValue.stringArray(List.of("a", "Ġb", "")));
    meta.put("ia", GgufValue.int32Array(new int[] {1, -2, 3}));
    meta.put("fa", GgufValue.float32Array(new float[] {0.5f, -1.25f}));
    List<GgufTensor> tensors = List.of(
        GgufTensor.of("norm", new long[] {5}, GgmlType.F32, random(5, 1)),
        GgufTensor.of("w16", new long[] {3, 7}, GgmlType.F16, random(21, 2)),
        GgufTensor.of("w8", new long[] {2, 64}, GgmlType.Q8_0, random(128, 3)));
    Path file = tmp.resolve("t.gguf");
    GgufWriter.write(file, meta, tensors);

    byte[] raw = Files.readAllBytes(file);
    ByteBuffer b = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
    assertEquals("GGUF", new String(raw, 0, 4, java.nio.charset.StandardCharsets.US_ASCII));
    assertEquals(3, b.getInt(4));
    assertEquals(3, b.getLong(8));
    assertEquals(meta.size(), b.getLong(16));

    GgufReader r = GgufReader.open(file);
    assertEquals(3, r.version());
    assertEquals(meta, r.metadata());
    assertEquals(List.of("norm", "w16", "w8"), List.copyOf(r.tensors().keySet()));
    for (GgufTensor t : tensors) {
      GgufReader.TensorInfo info = r.tensors().get(t.name());
      assertEquals(0, info.offset() % 32, "aligned offset of " + t.name());
      assertEquals(t, r.tensor(t.name()));
    }
    // the data section starts aligned and the file ends right after the last tensor
    long lastOffset = r.tensors().get("w8").offset();
    long dataStart = raw.length - 4 * 34 - lastOffset;
    assertEquals(0, dataStart % 32);
    assertArrayEquals(tensors.get(0).toFloats(), r.floats("norm"));
  }

  @Test
  void f16TensorsDecodeToTheNearestHalf() throws IOException {
    float[] v = {1f, 0.1f, -65504f, 3.14159f};
    GgufTensor t = GgufTensor.of("h", new long[] {4}, GgmlType.F16, v);
    float[] back = t.toFloats();
    assertEquals(1f, back[0]);
    assertEquals(0.0999755859375f, back[1]);
    assertEquals(-65504f, back[2]);
    assertEquals(3.140625f, back[3]);
  }

  @Test
  void rejectsGarbage() throws IOException {
    Path file = tmp.resolve("bad.gguf");
    Files.write(file, new byte[] {'G', 'G', 'U', 'F', 3, 0, 0, 0, 1});
    assertThrows(IOException.class, () -> GgufReader.open(file));
    Files.write(file, "not a gguf file at all".getBytes());
    assertThrows(IOException.class, () -> GgufReader.open(file));
  }

  @Test
  void q80NeedsWholeBlocksPerRow() {
    assertThrows(IllegalArgumentException.class,
        () -> GgufTensor.of("x", new long[] {2, 48}, GgmlType.Q8_0, new float[96]));
  }
}
