package io.minimind.core.io;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads and writes the <a href="https://github.com/huggingface/safetensors">safetensors</a> format:
 *
 * <pre>
 * [8 bytes: n, u64 little-endian][n bytes: UTF-8 JSON header, space padded][tensor bytes]
 * header = {"__metadata__": {str: str}, name: {"dtype": "F32", "shape": [..], "data_offsets": [b, e]}}
 * </pre>
 *
 * <p>Offsets are relative to the first byte after the header. Reading memory-maps the file and
 * copies each tensor once into its {@link TensorData}; every malformation is a {@link
 * CheckpointFormatException} naming the file and, where there is one, the tensor. Writing is
 * atomic (see {@link AtomicFiles}), with the header padded by spaces to a multiple of 8 bytes.
 */
public final class SafeTensors {
  private SafeTensors() {}

  /** All tensors, in file (data offset) order. */
  public static LinkedHashMap<String, TensorData> read(Path file) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      SafeTensorsHeader header = SafeTensorsHeader.read(ch, file);
      LinkedHashMap<String, TensorData> out = new LinkedHashMap<>();
      for (SafeTensorsHeader.Entry e : header.entries) {
        byte[] data = new byte[Math.toIntExact(e.end() - e.begin())];
        if (data.length > 0) {
          ch.map(FileChannel.MapMode.READ_ONLY, header.dataStart + e.begin(), data.length).get(data);
        }
        out.put(e.name(), new TensorData(e.name(), e.dtype(), e.shape(), data));
      }
      return out;
    }
  }

  /** The {@code __metadata__} map (empty when absent), after validating the whole header. */
  public static Map<String, String> readMetadata(Path file) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      return SafeTensorsHeader.read(ch, file).metadata;
    }
  }

  /**
   * Writes {@code tensors} in list order, atomically replacing {@code file}.
   *
   * @param metadata string pairs for {@code __metadata__}; null or empty writes none
   * @throws IllegalArgumentException on duplicate or reserved tensor names
   */
  public static void write(Path file, List<TensorData> tensors, Map<String, String> metadata)
      throws IOException {
    byte[] header = headerBytes(tensors, metadata);
    AtomicFiles.write(
        file,
        ch -> {
          ByteBuffer len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
          len.putLong(0, header.length);
          AtomicFiles.writeFully(ch, len);
          AtomicFiles.writeFully(ch, ByteBuffer.wrap(header));
          for (TensorData t : tensors) {
            AtomicFiles.writeFully(ch, ByteBuffer.wrap(t.data()));
          }
        });
  }

  /** The JSON header, padded with spaces so that 8 + length is a multiple of 8. */
  static byte[] headerBytes(List<TensorData> tensors, Map<String, String> metadata) {
    JsonObject root = new JsonObject();
    if (metadata != null && !metadata.isEmpty()) {
      JsonObject meta = new JsonObject();
      metadata.forEach(meta::addProperty);
      root.add("__metadata__", meta);
    }
    Set<String> seen = new HashSet<>();
    long offset = 0;
    for (TensorData t : tensors) {
      if ("__metadata__".equals(t.name()) || !seen.add(t.name())) {
        throw new IllegalArgumentException("duplicate or reserved tensor name '" + t.name() + "'");
      }
      JsonObject o = new JsonObject();
      o.addProperty("dtype", t.dtype().name());
      JsonArray shape = new JsonArray();
      for (long d : t.shape()) {
        shape.add(d);
      }
      o.add("shape", shape);
      JsonArray offsets = new JsonArray();
      offsets.add(offset);
      offset += t.data().length;
      offsets.add(offset);
      o.add("data_offsets", offsets);
      root.add(t.name(), o);
    }
    byte[] json =
        new GsonBuilder().disableHtmlEscaping().create().toJson(root).getBytes(StandardCharsets.UTF_8);
    int pad = (8 - json.length % 8) % 8;
    byte[] padded = new byte[json.length + pad];
    System.arraycopy(json, 0, padded, 0, json.length);
    for (int i = json.length; i < padded.length; i++) {
      padded[i] = ' ';
    }
    return padded;
  }
}
