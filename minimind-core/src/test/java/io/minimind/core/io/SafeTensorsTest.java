package io.minimind.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafeTensorsTest {
  @TempDir Path dir;

  private static TensorData random(String name, SafeDType dtype, long... shape) {
    byte[] data = new byte[(int) (TensorData.numel(shape) * dtype.byteSize())];
    new Random(name.hashCode()).nextBytes(data); // any bit pattern, NaNs included
    return new TensorData(name, dtype, shape, data);
  }

  @Test
  void roundTripIsBitExactForEveryDtype() throws IOException {
    List<TensorData> tensors =
        List.of(
            random("z.f32", SafeDType.F32, 3, 5),
            random("a.f16", SafeDType.F16, 7),
            random("m.bf16", SafeDType.BF16, 2, 3, 4),
            random("scalar.f64", SafeDType.F64),
            random("step.i64", SafeDType.I64, 1),
            random("empty", SafeDType.F32, 0, 4));
    Path file = dir.resolve("model.safetensors");
    SafeTensors.write(file, tensors, Map.of("format", "pt", "step", "42"));

    Map<String, TensorData> back = SafeTensors.read(file);
    assertEquals(List.of("z.f32", "a.f16", "m.bf16", "scalar.f64", "step.i64", "empty"),
        List.copyOf(back.keySet()), "file order is write order");
    for (TensorData t : tensors) {
      assertEquals(t, back.get(t.name()), t.name()); // dtype, shape and bytes
    }
    assertEquals(Map.of("format", "pt", "step", "42"), SafeTensors.readMetadata(file));
    try (Stream<Path> s = Files.list(dir)) {
      assertEquals(List.of(file), s.toList(), "no temporary file left behind");
    }
    String out = System.getProperty("safetensors.interop.out");
    if (out != null) { // manual interop check: python3 -c "safetensors.safe_open(out)"
      SafeTensors.write(Path.of(out), tensors, Map.of("format", "pt"));
    }
  }

  @Test
  void headerIsPaddedWithSpacesToEightBytes() throws IOException {
    Path file = dir.resolve("pad.safetensors");
    SafeTensors.write(file, List.of(random("w", SafeDType.F16, 3)), null);
    byte[] bytes = Files.readAllBytes(file);
    long n = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getLong(0);
    assertEquals(0, (8 + n) % 8);
    String header = new String(bytes, 8, (int) n, StandardCharsets.UTF_8);
    assertTrue(header.startsWith("{\"w\":{\"dtype\":\"F16\",\"shape\":[3],\"data_offsets\":[0,6]}}"),
        header);
    assertTrue(header.endsWith("}") || header.endsWith(" "));
    assertEquals(8 + n + 6, bytes.length);
  }

  @Test
  void readsHandBuiltFileInOffsetOrder() throws IOException {
    String header = "{\"__metadata__\":{\"format\":\"pt\"},"
        + "\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]},"
        + "\"a\":{\"dtype\":\"BF16\",\"shape\":[2],\"data_offsets\":[0,4]}}   ";
    ByteBuffer data = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
    data.putShort((short) 0x3f80).putShort((short) 0xc000).putFloat(1.5f).putFloat(-3f);
    Path file = handBuilt(header, data.array());

    Map<String, TensorData> t = SafeTensors.read(file);
    assertEquals(List.of("a", "b"), List.copyOf(t.keySet()));
    assertArrayEquals(new float[] {1f, -2f}, t.get("a").toFloats());
    assertArrayEquals(new float[] {1.5f, -3f}, t.get("b").toFloats());
    assertEquals(Map.of("format", "pt"), SafeTensors.readMetadata(file));
  }

  /** Golden file from the reference Python library (see generate_python_written.py). */
  @Test
  void readsFileWrittenByPythonSafetensors() throws Exception {
    Path file = Path.of(getClass().getResource("/safetensors/python-written.safetensors").toURI());
    Map<String, TensorData> t = SafeTensors.read(file);
    assertEquals(Map.of("format", "np", "note", "golden"), SafeTensors.readMetadata(file));
    assertArrayEquals(new long[] {2, 3}, t.get("layers.0.weight").shape());
    assertArrayEquals(new float[] {1f, -2.5f, 0.1f, 3f, 1e-3f, -0f}, t.get("layers.0.weight").toFloats());
    // numpy's own float16 -> float32 widening of the stored halves
    assertArrayEquals(new float[] {1f, 0.333251953125f, 65504f, 5.960464477539063e-08f,
        Float.POSITIVE_INFINITY, -1.0013580322265625e-05f}, t.get("half").toFloats());
    TensorData half = TensorData.fromFloats("half", SafeDType.F16, new long[] {6},
        new float[] {1f, 1f / 3, 65504f, 6e-8f, Float.POSITIVE_INFINITY, -1e-5f});
    assertArrayEquals(t.get("half").data(), half.data(), "our f32->f16 equals numpy's");
    assertEquals(SafeDType.I64, t.get("step").dtype());
    assertEquals(123456789012L,
        ByteBuffer.wrap(t.get("step").data()).order(ByteOrder.LITTLE_ENDIAN).getLong());
    assertArrayEquals(new long[0], t.get("scalar").shape());
    assertEquals(0.5, ByteBuffer.wrap(t.get("scalar").data()).order(ByteOrder.LITTLE_ENDIAN).getDouble());
  }

  @Test
  void rejectsUnknownDtypeNamingTensorAndFile() throws IOException {
    Path file = handBuilt("{\"w\":{\"dtype\":\"I8\",\"shape\":[4],\"data_offsets\":[0,4]}}", new byte[4]);
    String m = assertThrows(CheckpointFormatException.class, () -> SafeTensors.read(file)).getMessage();
    assertEquals("tensor 'w' in " + file + ": unsupported dtype 'I8' (supported: [F32, F16, BF16, F64, I64])", m);
  }

  @Test
  void rejectsOffsetsPastTheEnd() throws IOException {
    Path file = handBuilt("{\"w\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[0,16]}}", new byte[8]);
    String m = assertThrows(CheckpointFormatException.class, () -> SafeTensors.read(file)).getMessage();
    assertTrue(m.startsWith("tensor 'w' in " + file + ": data_offsets [0, 16] go past the end"), m);
  }

  @Test
  void rejectsShapeThatDoesNotMatchTheByteCount() throws IOException {
    Path file = handBuilt("{\"w\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,8]}}", new byte[8]);
    String m = assertThrows(CheckpointFormatException.class, () -> SafeTensors.read(file)).getMessage();
    assertEquals("tensor 'w' in " + file
        + ": shape [3] of F32 needs 12 bytes but data_offsets [0, 8] hold 8", m);
  }

  @Test
  void rejectsGapsAndTrailingBytes() throws IOException {
    Path gap = handBuilt("{\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}", new byte[8]);
    String m = assertThrows(CheckpointFormatException.class, () -> SafeTensors.read(gap)).getMessage();
    assertTrue(m.startsWith("tensor 'w' in " + gap + ": data starts at offset 4, expected 0"), m);
    Path tail = handBuilt("{\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}", new byte[6]);
    m = assertThrows(CheckpointFormatException.class, () -> SafeTensors.read(tail)).getMessage();
    assertEquals(tail + ": 2 trailing bytes after the last tensor", m);
  }

  @Test
  void rejectsTruncatedFiles() throws IOException {
    Path tiny = dir.resolve("tiny.safetensors");
    Files.write(tiny, new byte[] {1, 0, 0});
    String m = assertThrows(CheckpointFormatException.class, () -> SafeTensors.read(tiny)).getMessage();
    assertEquals(tiny + ": truncated: 3 bytes, shorter than the 8-byte header length", m);

    Path whole = dir.resolve("whole.safetensors");
    SafeTensors.write(whole, List.of(random("w", SafeDType.F32, 64)), null);
    byte[] bytes = Files.readAllBytes(whole);
    Path cut = dir.resolve("cut.safetensors");
    Files.write(cut, java.util.Arrays.copyOf(bytes, 20)); // inside the JSON header
    m = assertThrows(CheckpointFormatException.class, () -> SafeTensors.read(cut)).getMessage();
    assertTrue(m.startsWith(cut + ": truncated header: header length is "), m);

    Path cutData = dir.resolve("cutdata.safetensors");
    Files.write(cutData, java.util.Arrays.copyOf(bytes, bytes.length - 1));
    m = assertThrows(CheckpointFormatException.class, () -> SafeTensors.read(cutData)).getMessage();
    assertTrue(m.startsWith("tensor 'w' in " + cutData + ": data_offsets [0, 256] go past"), m);
  }

  @Test
  void rejectsHeaderThatIsNotJson() throws IOException {
    Path file = handBuilt("{w: 1}  ", new byte[0]);
    String m = assertThrows(CheckpointFormatException.class, () -> SafeTensors.read(file)).getMessage();
    assertTrue(m.startsWith(file + " (safetensors header): invalid JSON"), m);
  }

  @Test
  void failedWriteLeavesOldFileAndNoTemporary() throws IOException {
    Path file = dir.resolve("keep.safetensors");
    SafeTensors.write(file, List.of(random("w", SafeDType.F32, 2)), null);
    byte[] before = Files.readAllBytes(file);
    assertThrows(IOException.class, () -> AtomicFiles.write(file, ch -> {
      ch.write(ByteBuffer.wrap(new byte[] {1, 2, 3}));
      throw new IOException("disk full");
    }));
    assertThrows(IllegalArgumentException.class, () -> SafeTensors.write(file,
        List.of(random("w", SafeDType.F32, 1), random("w", SafeDType.F32, 1)), null));
    assertArrayEquals(before, Files.readAllBytes(file));
    try (Stream<Path> s = Files.list(dir)) {
      assertEquals(List.of(file), s.toList());
    }
  }

  @Test
  void ndArrayConversionRoundsLikeTorch() {
    float[] v = {1f, 1f / 3, -2.5f, 65504f, 1e-7f, 3.14159f};
    try (NDManager m = NDManager.newBaseManager("PyTorch")) {
      NDArray a = m.create(v, new ai.djl.ndarray.types.Shape(2, 3));
      TensorData f16 = TensorData.fromNDArray("x", a, SafeDType.F16);
      assertArrayEquals(new long[] {2, 3}, f16.shape());
      byte[] torchHalf = a.toType(DataType.FLOAT16, true).toByteArray();
      assertArrayEquals(torchHalf, f16.data(), "same bytes as torch's float16 cast");
      NDArray back = f16.toNDArray(m, DataType.FLOAT32);
      assertArrayEquals(new long[] {2, 3}, back.getShape().getShape());
      assertArrayEquals(a.toType(DataType.FLOAT16, true).toType(DataType.FLOAT32, true)
          .toFloatArray(), back.toFloatArray());

      TensorData bf16 = TensorData.fromNDArray("x", a, SafeDType.BF16);
      float[] widened = bf16.toNDArray(m, DataType.FLOAT32).toFloatArray();
      assertEquals(0.333984375f, widened[1]); // 0x3eab, nearest bf16 to 1/3
      TensorData f32 = TensorData.fromNDArray("x", a, SafeDType.F32);
      assertArrayEquals(v, f32.toFloats());
      TensorData i64 = TensorData.fromNDArray("n", m.create(new long[] {5, -7}), SafeDType.I64);
      assertArrayEquals(new long[] {5, -7}, i64.toNDArray(m, DataType.INT64).toLongArray());
    }
  }

  private Path handBuilt(String header, byte[] data) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] h = header.getBytes(StandardCharsets.UTF_8);
    out.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(h.length).array());
    out.write(h);
    out.write(data);
    Path file = Files.createTempFile(dir, "hand", ".safetensors");
    Files.write(file, out.toByteArray());
    return file;
  }
}
