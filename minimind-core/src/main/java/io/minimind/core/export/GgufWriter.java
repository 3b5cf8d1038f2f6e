package io.minimind.core.export;

import io.minimind.core.io.AtomicFiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes GGUF version 3 files (little endian), the format llama.cpp and ollama load:
 *
 * <pre>
 * "GGUF" | u32 version=3 | u64 tensor_count | u64 kv_count
 * kv_count × (string key | u32 value_type | value)          string = u64 length + UTF-8 bytes
 * tensor_count × (string name | u32 n_dims | u64 ne[n_dims] | u32 ggml_type | u64 offset)
 * zero padding to the alignment | tensor data, each tensor starting at an aligned offset
 * </pre>
 *
 * <p>{@code ne} lists dimensions innermost first (the reverse of PyTorch's shape); offsets count
 * from the start of the data section. The alignment is {@code general.alignment} when present
 * (it must be a UINT32), else 32. The file is written atomically (see {@link AtomicFiles}).
 */
public final class GgufWriter {
  /** "GGUF" read as a little-endian u32. */
  static final int MAGIC = 0x46554747;
  static final int VERSION = 3;
  static final int DEFAULT_ALIGNMENT = 32;

  private GgufWriter() {}

  /** Writes {@code metadata} (in map order) and {@code tensors} (in list order) to {@code file}. */
  public static void write(Path file, Map<String, GgufValue> metadata, List<GgufTensor> tensors)
      throws IOException {
    int alignment = alignment(metadata);
    byte[] header = header(metadata, tensors, alignment);
    AtomicFiles.write(file, ch -> {
      writeFully(ch, ByteBuffer.wrap(header));
      long offset = 0;
      for (GgufTensor t : tensors) {
        long pad = padding(offset, alignment);
        writeFully(ch, ByteBuffer.allocate((int) pad));
        writeFully(ch, ByteBuffer.wrap(t.data()));
        offset += pad + t.data().length;
      }
    });
  }

  static int alignment(Map<String, GgufValue> metadata) {
    GgufValue a = metadata.get("general.alignment");
    if (a == null) {
      return DEFAULT_ALIGNMENT;
    }
    if (a.kind() != GgufValue.Kind.UINT32 || a.asLong() <= 0 || a.asLong() % 8 != 0) {
      throw new IllegalArgumentException("general.alignment must be a UINT32 multiple of 8");
    }
    return (int) a.asLong();
  }

  /** Everything before the first tensor's data, padded to the alignment. */
  static byte[] header(Map<String, GgufValue> metadata, List<GgufTensor> tensors, int alignment) {
    Le out = new Le();
    out.u32(MAGIC);
    out.u32(VERSION);
    out.u64(tensors.size());
    out.u64(metadata.size());
    for (Map.Entry<String, GgufValue> e : metadata.entrySet()) {
      out.string(e.getKey());
      out.u32(e.getValue().kind().id);
      value(out, e.getValue());
    }
    Set<String> names = new HashSet<>();
    long offset = 0;
    for (GgufTensor t : tensors) {
      if (!names.add(t.name())) {
        throw new IllegalArgumentException("duplicate tensor name " + t.name());
      }
      out.string(t.name());
      long[] shape = t.shape();
      out.u32(shape.length);
      for (int i = shape.length - 1; i >= 0; i--) {
        out.u64(shape[i]); // ne[0] is the innermost (row) dimension
      }
      out.u32(t.type().id());
      offset += padding(offset, alignment);
      out.u64(offset);
      offset += t.data().length;
    }
    int pad = (int) padding(out.size(), alignment);
    out.write(new byte[pad], 0, pad);
    return out.toByteArray();
  }

  private static void value(Le out, GgufValue v) {
    if (v.kind() == GgufValue.Kind.ARRAY) {
      out.u32(v.elementKind().id);
      out.u64(v.asList().size());
      for (Object item : v.asList()) {
        scalar(out, v.elementKind(), item);
      }
    } else {
      scalar(out, v.kind(), v.value());
    }
  }

  private static void scalar(Le out, GgufValue.Kind kind, Object item) {
    switch (kind) {
      case UINT8, INT8 -> out.write(((Long) item).intValue());
      case UINT16, INT16 -> out.u16(((Long) item).intValue());
      case UINT32, INT32 -> out.u32(((Long) item).intValue());
      case UINT64, INT64 -> out.u64((Long) item);
      case FLOAT32 -> out.u32(Float.floatToRawIntBits((Float) item));
      case FLOAT64 -> out.u64(Double.doubleToRawLongBits((Double) item));
      case BOOL -> out.write((Boolean) item ? 1 : 0);
      case STRING -> out.string((String) item);
      case ARRAY -> throw new IllegalArgumentException("GGUF arrays of arrays are not supported");
    }
  }

  static long padding(long offset, int alignment) {
    return (alignment - offset % alignment) % alignment;
  }

  private static void writeFully(FileChannel ch, ByteBuffer buf) throws IOException {
    while (buf.hasRemaining()) {
      ch.write(buf);
    }
  }

  /** A growing little-endian byte buffer. */
  private static final class Le extends ByteArrayOutputStream {
    void u16(int v) {
      write(v);
      write(v >>> 8);
    }

    void u32(int v) {
      u16(v);
      u16(v >>> 16);
    }

    void u64(long v) {
      u32((int) v);
      u32((int) (v >>> 32));
    }

    void string(String s) {
      byte[] b = s.getBytes(StandardCharsets.UTF_8);
      u64(b.length);
      write(b, 0, b.length);
    }
  }
}
