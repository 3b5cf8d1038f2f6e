package io.minimind.core.io;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parsed and validated header of a safetensors file: {@code [u64 LE n][n bytes JSON][data]}.
 * Validation follows the reference implementation: known dtype, {@code end - begin ==
 * numel(shape) * dtype size}, tensors contiguous from offset 0 and ending exactly at end of file.
 */
final class SafeTensorsHeader {
  /** Same cap as the reference implementation: a bigger header means a corrupt file. */
  static final long MAX_HEADER_BYTES = 100L * 1024 * 1024;

  /** One tensor's header entry; offsets are relative to {@link #dataStart}. */
  record Entry(String name, SafeDType dtype, long[] shape, long begin, long end) {}

  final long dataStart;
  /** Entries in data order (ascending offsets), which is the file order. */
  final List<Entry> entries;

  final Map<String, String> metadata;

  private SafeTensorsHeader(long dataStart, List<Entry> entries, Map<String, String> metadata) {
    this.dataStart = dataStart;
    this.entries = entries;
    this.metadata = metadata;
  }

  static SafeTensorsHeader read(FileChannel ch, Path file) throws IOException {
    long size = ch.size();
    if (size < 8) {
      throw error(file, "truncated: " + size + " bytes, shorter than the 8-byte header length");
    }
    ByteBuffer lenBuf = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
    while (lenBuf.hasRemaining() && ch.read(lenBuf, lenBuf.position()) >= 0) {}
    long n = lenBuf.getLong(0);
    if (n < 2 || n > MAX_HEADER_BYTES) {
      throw error(file, "header length " + n + " is not plausible (corrupt or not a safetensors file)");
    }
    if (8 + n > size) {
      throw error(file, "truncated header: header length is " + n + " bytes but only "
          + (size - 8) + " bytes follow");
    }
    String json = decodeUtf8(ch.map(FileChannel.MapMode.READ_ONLY, 8, n), file);
    JsonObject root = StrictJson.parseObject(json, file + " (safetensors header)");
    Map<String, String> metadata = new LinkedHashMap<>();
    List<Entry> entries = new ArrayList<>();
    long dataLen = size - 8 - n;
    for (Map.Entry<String, JsonElement> e : root.entrySet()) {
      if ("__metadata__".equals(e.getKey())) {
        readMetadata(e.getValue(), file, metadata);
      } else {
        entries.add(entry(e.getKey(), e.getValue(), file, dataLen));
      }
    }
    entries.sort(Comparator.comparingLong(Entry::begin).thenComparingLong(Entry::end));
    checkContiguous(entries, file, dataLen);
    return new SafeTensorsHeader(8 + n, List.copyOf(entries), metadata);
  }

  private static Entry entry(String name, JsonElement value, Path file, long dataLen) {
    String where = "tensor '" + name + "' in " + file;
    if (!value.isJsonObject()) {
      throw new CheckpointFormatException(where + ": header entry is not a JSON object");
    }
    JsonObject o = value.getAsJsonObject();
    JsonElement d = o.get("dtype");
    if (d == null || !d.isJsonPrimitive() || !d.getAsJsonPrimitive().isString()) {
      throw new CheckpointFormatException(where + ": missing or non-string \"dtype\"");
    }
    SafeDType dtype = SafeDType.fromHeader(d.getAsString());
    if (dtype == null) {
      throw new CheckpointFormatException(where + ": unsupported dtype '" + d.getAsString()
          + "' (supported: " + Arrays.toString(SafeDType.values()) + ")");
    }
    long[] shape = longs(o.get("shape"), "shape", -1, where);
    long[] offsets = longs(o.get("data_offsets"), "data_offsets", 2, where);
    long begin = offsets[0];
    long end = offsets[1];
    if (begin > end) {
      throw new CheckpointFormatException(where + ": data_offsets [" + begin + ", " + end
          + "] end before they begin");
    }
    if (end > dataLen) {
      throw new CheckpointFormatException(where + ": data_offsets [" + begin + ", " + end
          + "] go past the end of the data (" + dataLen + " bytes); the file is truncated or corrupt");
    }
    long need;
    try {
      need = Math.multiplyExact(TensorData.numel(shape), dtype.byteSize());
    } catch (ArithmeticException | IllegalArgumentException ex) {
      throw new CheckpointFormatException(where + ": invalid shape " + Arrays.toString(shape), ex);
    }
    if (need != end - begin) {
      throw new CheckpointFormatException(where + ": shape " + Arrays.toString(shape) + " of "
          + dtype + " needs " + need + " bytes but data_offsets [" + begin + ", " + end
          + "] hold " + (end - begin));
    }
    return new Entry(name, dtype, shape, begin, end);
  }

  private static void checkContiguous(List<Entry> entries, Path file, long dataLen) {
    long expected = 0;
    for (Entry e : entries) {
      if (e.begin() != expected) {
        throw new CheckpointFormatException("tensor '" + e.name() + "' in " + file
            + ": data starts at offset " + e.begin() + ", expected " + expected
            + " (tensors must be contiguous, without gaps or overlaps)");
      }
      expected = e.end();
    }
    if (expected != dataLen) {
      throw error(file, (dataLen - expected) + " trailing bytes after the last tensor");
    }
  }

  private static long[] longs(JsonElement el, String field, int length, String where) {
    if (el == null || !el.isJsonArray()) {
      throw new CheckpointFormatException(where + ": missing or non-array \"" + field + "\"");
    }
    JsonArray a = el.getAsJsonArray();
    if (length >= 0 && a.size() != length) {
      throw new CheckpointFormatException(where + ": \"" + field + "\" must have " + length
          + " elements, got " + a);
    }
    long[] out = new long[a.size()];
    for (int i = 0; i < out.length; i++) {
      Long v = StrictJson.nonNegativeLong(a.get(i));
      if (v == null) {
        throw new CheckpointFormatException(where + ": \"" + field
            + "\" must hold non-negative integers, got " + a);
      }
      out[i] = v;
    }
    return out;
  }

  private static void readMetadata(JsonElement el, Path file, Map<String, String> out) {
    if (!el.isJsonObject()) {
      throw error(file, "__metadata__ is not a JSON object");
    }
    for (Map.Entry<String, JsonElement> m : el.getAsJsonObject().entrySet()) {
      JsonElement v = m.getValue();
      if (!v.isJsonPrimitive() || !v.getAsJsonPrimitive().isString()) {
        throw error(file, "__metadata__ value of '" + m.getKey() + "' is not a string");
      }
      out.put(m.getKey(), v.getAsString());
    }
  }

  private static String decodeUtf8(ByteBuffer bytes, Path file) {
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(bytes)
          .toString();
    } catch (CharacterCodingException e) {
      throw error(file, "header is not valid UTF-8");
    }
  }

  private static CheckpointFormatException error(Path file, String what) {
    return new CheckpointFormatException(file + ": " + what);
  }
}
