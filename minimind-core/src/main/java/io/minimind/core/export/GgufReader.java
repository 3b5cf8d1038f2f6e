package io.minimind.core.export;

import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads GGUF files (versions 2 and 3, little endian): header, metadata, tensor infos and, on
 * request, one tensor's data, decoded from F32, F16 or Q8_0 (see {@link GgufWriter} for the
 * layout). Used by the tests and by {@code minimind export --inspect}. The file is memory-mapped
 * (so at most 2 GiB); every malformation is an {@link IOException} naming the file.
 */
public final class GgufReader {
  private static final int MAX_STRING = 1 << 26;

  /** Where a tensor is and what it holds; {@code shape} outermost first (PyTorch order). */
  public record TensorInfo(String name, long[] shape, int typeId, long offset) {
    /** The type, or null when this reader cannot decode it. */
    public GgmlType type() {
      return GgmlType.fromId(typeId);
    }
  }

  private final Path file;
  private final int version;
  private final Map<String, GgufValue> metadata;
  private final Map<String, TensorInfo> tensors;
  private final MappedByteBuffer map;
  private final long dataStart;

  private GgufReader(Path file) throws IOException {
    this.file = file;
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      if (ch.size() > Integer.MAX_VALUE) {
        throw new IOException(file + ": larger than 2 GiB, which this reader does not map");
      }
      map = ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size());
    }
    ByteBuffer b = map.duplicate().order(ByteOrder.LITTLE_ENDIAN);
    try {
      if (b.getInt() != GgufWriter.MAGIC) {
        throw new IOException(file + ": not a GGUF file (bad magic)");
      }
      version = b.getInt();
      if (version != 2 && version != 3) {
        throw new IOException(file + ": unsupported GGUF version " + version);
      }
      long nTensors = count(b.getLong(), "tensor");
      long nKv = count(b.getLong(), "metadata");
      Map<String, GgufValue> meta = new LinkedHashMap<>();
      for (long i = 0; i < nKv; i++) {
        String key = string(b);
        meta.put(key, value(b, GgufValue.Kind.fromId(b.getInt())));
      }
      metadata = Collections.unmodifiableMap(meta);
      Map<String, TensorInfo> infos = new LinkedHashMap<>();
      for (long i = 0; i < nTensors; i++) {
        TensorInfo t = tensorInfo(b);
        infos.put(t.name(), t);
      }
      tensors = Collections.unmodifiableMap(infos);
      int alignment = GgufWriter.alignment(metadata);
      dataStart = b.position() + GgufWriter.padding(b.position(), alignment);
    } catch (BufferUnderflowException | IllegalArgumentException e) {
      throw new IOException(file + ": truncated or malformed GGUF header: " + e.getMessage(), e);
    }
  }

  /** Parses the header of {@code file}. */
  public static GgufReader open(Path file) throws IOException {
    return new GgufReader(file);
  }

  public int version() {
    return version;
  }

  /** Metadata in file order. */
  public Map<String, GgufValue> metadata() {
    return metadata;
  }

  /** Tensor infos in file order. */
  public Map<String, TensorInfo> tensors() {
    return tensors;
  }

  /** A tensor with its raw bytes. */
  public GgufTensor tensor(String name) throws IOException {
    TensorInfo info = tensors.get(name);
    if (info == null) {
      throw new IOException(file + ": no tensor " + name);
    }
    GgmlType type = info.type();
    if (type == null) {
      throw new IOException(file + ": tensor " + name + " has ggml type " + info.typeId()
          + ", which this reader does not decode");
    }
    long bytes = type.byteSize(GgufTensor.numel(info.shape()));
    long start = dataStart + info.offset();
    if (start + bytes > map.capacity()) {
      throw new IOException(file + ": tensor " + name + " runs past the end of the file");
    }
    byte[] data = new byte[(int) bytes];
    map.duplicate().position((int) start).get(data);
    return new GgufTensor(name, info.shape(), type, data);
  }

  /** A tensor decoded to float32, row-major in PyTorch's shape order. */
  public float[] floats(String name) throws IOException {
    return tensor(name).toFloats();
  }

  private TensorInfo tensorInfo(ByteBuffer b) throws IOException {
    String name = string(b);
    int dims = b.getInt();
    if (dims < 1 || dims > 4) {
      throw new IOException(file + ": tensor " + name + " has " + dims + " dimensions");
    }
    long[] shape = new long[dims];
    for (int i = dims - 1; i >= 0; i--) {
      shape[i] = b.getLong(); // ne[0] first: the innermost dimension
      if (shape[i] < 0) {
        throw new IOException(file + ": tensor " + name + " has a negative dimension");
      }
    }
    return new TensorInfo(name, shape, b.getInt(), b.getLong());
  }

  private GgufValue value(ByteBuffer b, GgufValue.Kind kind) throws IOException {
    if (kind != GgufValue.Kind.ARRAY) {
      return new GgufValue(kind, null, scalar(b, kind));
    }
    GgufValue.Kind element = GgufValue.Kind.fromId(b.getInt());
    long n = count(b.getLong(), "array element");
    if (element == GgufValue.Kind.ARRAY) {
      throw new IOException(file + ": nested GGUF arrays are not supported");
    }
    List<Object> items = new ArrayList<>((int) n);
    for (long i = 0; i < n; i++) {
      items.add(scalar(b, element));
    }
    return new GgufValue(kind, element, Collections.unmodifiableList(items));
  }

  private Object scalar(ByteBuffer b, GgufValue.Kind kind) throws IOException {
    return switch (kind) {
      case UINT8 -> (long) (b.get() & 0xff);
      case INT8 -> (long) b.get();
      case UINT16 -> (long) (b.getShort() & 0xffff);
      case INT16 -> (long) b.getShort();
      case UINT32 -> b.getInt() & 0xffffffffL;
      case INT32 -> (long) b.getInt();
      case UINT64, INT64 -> b.getLong();
      case FLOAT32 -> b.getFloat();
      case FLOAT64 -> b.getDouble();
      case BOOL -> b.get() != 0;
      case STRING -> string(b);
      case ARRAY -> throw new IOException(file + ": unexpected array");
    };
  }

  private String string(ByteBuffer b) throws IOException {
    long len = b.getLong();
    if (len < 0 || len > MAX_STRING || len > b.remaining()) {
      throw new IOException(file + ": bad string length " + len + " at byte " + b.position());
    }
    byte[] bytes = new byte[(int) len];
    b.get(bytes);
    return new String(bytes, StandardCharsets.UTF_8);
  }

  private long count(long n, String what) throws IOException {
    if (n < 0 || n > map.capacity()) {
      throw new IOException(file + ": implausible " + what + " count " + n);
    }
    return n;
  }
}
