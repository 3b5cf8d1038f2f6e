package io.minimind.core.lora;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import io.minimind.core.model.MiniMindModel;
import io.minimind.core.train.AdamW;
import io.minimind.core.train.CheckpointContents;
import io.minimind.core.train.TrainableWeights;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The LoRA adapters attached to one model: one {@link LoraAdapter} per targeted projection of every
 * layer (every expert's, for MoE MLP targets). While attached, every base parameter is frozen (no
 * gradient), so only the adapters train; {@link #parameters()} lists them under peft's names
 * ({@code base_model.model.<weight module>.lora_A.weight}), which is also how they are saved.
 *
 * <p>Ends in {@link #merge()} (W ← W + scale·B·A, leaving a plain model) or {@link #detach()}
 * (the base model as it was); either gives the base parameters their trainability back.
 */
public final class LoraAdapters implements TrainableWeights, AutoCloseable {
  /** peft's prefix of adapter names inside a causal-LM wrapper. */
  public static final String PEFT_PREFIX = "base_model.model.";

  private final MiniMindModel model;
  private final LoraConfig config;
  private final BaseModelIdentity base;
  private final NDManager manager;
  private final LinkedHashMap<String, LoraAdapter> byWeight = new LinkedHashMap<>();
  private final Map<Parameter, Boolean> wasTrainable = new IdentityHashMap<>();
  private boolean attached = true;

  private LoraAdapters(MiniMindModel model, LoraConfig config, NDManager parent) {
    this.model = model;
    this.config = config;
    this.base = BaseModelIdentity.of(model);
    this.manager = parent.newSubManager();
  }

  /**
   * Creates adapters for {@code config}'s targets (A random — seed the engine first — and B zero,
   * so the model's output is unchanged) and attaches them to {@code model}.
   *
   * @throws IllegalStateException when the model already has adapters
   */
  public static LoraAdapters attach(MiniMindModel model, LoraConfig config, NDManager manager) {
    if (!model.adapters().isEmpty()) {
      throw new IllegalStateException("the model already has " + model.adapters().size()
          + " adapters attached; merge or detach them first");
    }
    LoraAdapters set = new LoraAdapters(model, config, manager);
    Map<String, Parameter> params = model.parameters();
    for (String name : model.adaptableWeights()) {
      if (config.targets().stream().noneMatch(t -> t.matches(name))) {
        continue;
      }
      long[] shape = params.get(name).getShape().getShape(); // (out, in)
      LoraAdapter adapter = new LoraAdapter((int) shape[1], (int) shape[0], config.rank(),
          config.scale(), set.manager, model.dataType());
      set.byWeight.put(name, adapter);
      model.attachAdapter(name, adapter);
    }
    for (Parameter p : params.values()) {
      set.wasTrainable.put(p, p.requiresGradient());
      p.freeze(true);
    }
    return set;
  }

  public LoraConfig config() {
    return config;
  }

  /** The base model the adapters were attached to, as it was then. */
  public BaseModelIdentity base() {
    return base;
  }

  public MiniMindModel model() {
    return model;
  }

  /** Adapters by the base weight they adapt ({@code model.layers.0.self_attn.q_proj.weight}). */
  public Map<String, LoraAdapter> byWeight() {
    return Collections.unmodifiableMap(byWeight);
  }

  /** A and B of every adapter under peft's names, in layer order. */
  @Override
  public LinkedHashMap<String, Parameter> parameters() {
    LinkedHashMap<String, Parameter> out = new LinkedHashMap<>();
    byWeight.forEach((weight, adapter) -> {
      String module = PEFT_PREFIX + weight.substring(0, weight.length() - ".weight".length());
      out.put(module + ".lora_A.weight", adapter.a());
      out.put(module + ".lora_B.weight", adapter.b());
    });
    return out;
  }

  /** Adapter scalars (A and B of every adapter). */
  public long parameterCount() {
    long n = 0;
    for (Parameter p : parameters().values()) {
      n += p.getShape().size();
    }
    return n;
  }

  @Override
  public CheckpointContents checkpoint(AdamW optimizer, NDManager optimizerManager) {
    return new LoraCheckpoint(this, optimizer, optimizerManager);
  }

  /**
   * Folds every adapter into its base weight, W ← W + scale·B·A, then detaches them: the model
   * is a plain model again (saved and exported like any other) whose logits equal those it had
   * with the adapters attached, up to float rounding.
   */
  public void merge() {
    requireAttached();
    Map<String, Parameter> params = model.parameters();
    for (Map.Entry<String, LoraAdapter> e : byWeight.entrySet()) {
      NDArray w = params.get(e.getKey()).getArray(); // (out, in), frozen: no autograd on it
      try (NDManager scope = manager.newSubManager()) {
        w.addi(e.getValue().weightDelta(scope).toType(w.getDataType(), false));
      }
    }
    detach();
  }

  /** Removes the adapters without changing the base weights and unfreezes what was trainable. */
  public void detach() {
    requireAttached();
    model.adapters().detachAll();
    wasTrainable.forEach((p, trainable) -> p.freeze(!trainable));
    attached = false;
    manager.close();
  }

  private void requireAttached() {
    if (!attached) {
      throw new IllegalStateException("the adapters were already merged or detached");
    }
  }

  /** Names of the base weights that carry an adapter. */
  public List<String> adaptedWeights() {
    return new ArrayList<>(byWeight.keySet());
  }

  @Override
  public void close() {
    if (attached) {
      detach();
    }
  }
}
