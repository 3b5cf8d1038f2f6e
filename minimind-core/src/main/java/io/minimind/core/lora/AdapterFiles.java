package io.minimind.core.lora;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import io.minimind.core.io.AtomicDirectories;
import io.minimind.core.io.AtomicFiles;
import io.minimind.core.io.CheckpointFormatException;
import io.minimind.core.io.SafeDType;
import io.minimind.core.io.SafeTensors;
import io.minimind.core.io.StateDictCheck;
import io.minimind.core.io.TensorData;
import io.minimind.core.model.MiniMindModel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An adapter directory: {@code adapter_model.safetensors} (A and B of every adapted projection,
 * under peft's names such as {@code base_model.model.model.layers.0.self_attn.q_proj.lora_A.weight};
 * float32, float64 for a float64 model), {@code lora.json} (rank, alpha, targets, base model
 * identity) and peft's {@code adapter_config.json}. Only the adapters: the base model stays where
 * it is.
 */
public final class AdapterFiles {
  public static final String WEIGHTS_FILE = "adapter_model.safetensors";
  public static final String LORA_FILE = "lora.json";
  public static final String PEFT_CONFIG_FILE = "adapter_config.json";

  private AdapterFiles() {}

  /** Writes the adapter directory atomically (a temporary sibling renamed into place). */
  public static void save(LoraAdapters adapters, Path dir) throws IOException {
    AtomicDirectories.write(dir, tmp -> writeInto(adapters, tmp));
  }


  /** Writes the three files into an existing directory (a checkpoint's temporary directory). */
  static void writeInto(LoraAdapters adapters, Path dir) throws IOException {
    // float64 models (tests) keep float64 adapters, so a resumed run continues bit-exactly
    SafeDType dtype = adapters.model().dataType() == DataType.FLOAT64 ? SafeDType.F64 : SafeDType.F32;
    List<TensorData> tensors = new ArrayList<>();
    adapters.parameters().forEach((name, p) ->
        tensors.add(TensorData.fromNDArray(name, p.getArray(), dtype)));
    SafeTensors.write(dir.resolve(WEIGHTS_FILE), tensors, Map.of("format", "pt"));
    AtomicFiles.write(dir.resolve(LORA_FILE),
        LoraJson.lora(adapters.config(), adapters.base()).getBytes(StandardCharsets.UTF_8));
    AtomicFiles.write(dir.resolve(PEFT_CONFIG_FILE),
        LoraJson.peft(adapters.config()).getBytes(StandardCharsets.UTF_8));
  }

  /** Reads {@code lora.json} of an adapter directory or LoRA checkpoint. */
  public static LoraConfig readConfig(Path dir) throws IOException {
    return readMetadata(dir).config();
  }

  static LoraJson.Metadata readMetadata(Path dir) throws IOException {
    Path file = dir.resolve(LORA_FILE);
    if (!Files.isRegularFile(file)) {
      throw new CheckpointFormatException(dir + " is not a LoRA adapter directory: it has no "
          + LORA_FILE);
    }
    return LoraJson.parseLora(Files.readString(file, StandardCharsets.UTF_8), file.toString());
  }

  /**
   * Attaches the adapters saved in {@code dir} to {@code model}, which must be the base they were
   * trained on.
   *
   * @throws CheckpointFormatException when the base differs (shape or weights), or the tensors do
   *     not match lora.json's rank and targets on this model (each missing, mis-shaped or
   *     unexpected tensor is named)
   */
  public static LoraAdapters load(MiniMindModel model, Path dir, NDManager manager) throws IOException {
    LoraJson.Metadata meta = readMetadata(dir);
    LinkedHashMap<String, TensorData> tensors = SafeTensors.read(dir.resolve(WEIGHTS_FILE));
    LoraAdapters adapters = LoraAdapters.attach(model, meta.config(), manager);
    try {
      requireSameBase(meta.base(), adapters.base(), dir);
      readValues(adapters, tensors, dir.resolve(WEIGHTS_FILE).toString());
      return adapters;
    } catch (RuntimeException e) {
      adapters.detach();
      throw e;
    }
  }

  /** Replaces the adapters' values by those saved in {@code dir} (checkpoint resume). */
  static void readValues(LoraAdapters adapters, Path dir) throws IOException {
    LoraJson.Metadata meta = readMetadata(dir);
    if (!meta.config().equals(adapters.config())) {
      throw new CheckpointFormatException(dir + " holds adapters with rank " + meta.config().rank()
          + ", alpha " + meta.config().alpha() + ", targets " + meta.config().targetIds()
          + "; this run has rank " + adapters.config().rank() + ", alpha "
          + adapters.config().alpha() + ", targets " + adapters.config().targetIds());
    }
    requireSameBase(meta.base(), adapters.base(), dir);
    Path file = dir.resolve(WEIGHTS_FILE);
    readValues(adapters, SafeTensors.read(file), file.toString());
  }

  private static void readValues(LoraAdapters adapters, Map<String, TensorData> tensors, String source) {
    Map<String, long[]> expected = new LinkedHashMap<>();
    adapters.parameters().forEach((name, p) -> expected.put(name, p.getShape().getShape()));
    StateDictCheck.verify(expected, tensors, source);
    for (Map.Entry<String, Parameter> e : adapters.parameters().entrySet()) {
      NDArray target = e.getValue().getArray();
      try (NDManager scope = target.getManager().newSubManager()) {
        tensors.get(e.getKey()).toNDArray(scope, target.getDataType()).copyTo(target);
      }
    }
  }

  private static void requireSameBase(BaseModelIdentity saved, BaseModelIdentity actual, Path dir) {
    if (!saved.equals(actual)) {
      throw new CheckpointFormatException("the adapters in " + dir + " were trained on a different"
          + " base model (" + saved.describe() + ") than the one given (" + actual.describe()
          + "); load them onto the model they were trained from");
    }
  }
}
