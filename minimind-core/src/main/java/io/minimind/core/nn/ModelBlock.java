package io.minimind.core.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.training.initializer.UniformInitializer;
import ai.djl.util.PairList;
import java.util.Map;

/**
 * Base of every MiniMind block. Adds two things DJL's {@link AbstractBlock} lacks: parameters named
 * exactly as in MiniMind's PyTorch state dict ({@link #collectParameters}), and helpers that create
 * parameters initialised the way PyTorch's {@code nn.Linear} / RMSNorm are.
 */
public abstract class ModelBlock extends AbstractBlock {
  protected static final byte VERSION = 1;

  /** The owning model's adapters (see {@link #useAdapters}); null until the model is assembled. */
  private LinearAdapters adapters;

  protected ModelBlock() {
    super(VERSION);
  }

  /**
   * Adds this block's parameters to {@code out} under their state-dict names, prefixed by {@code
   * prefix} (which ends with a dot or is empty).
   */
  public abstract void collectParameters(String prefix, Map<String, Parameter> out);

  /** A {@code (out, in)} weight, initialised U(-1/√in, 1/√in) like PyTorch's default Linear. */
  protected final Parameter linearWeight(String name, int out, int in) {
    return addParameter(
        Parameter.builder()
            .setName(name)
            .setType(Parameter.Type.WEIGHT)
            .optShape(new Shape(out, in))
            .optInitializer(new UniformInitializer((float) (1.0 / Math.sqrt(in))))
            .build());
  }

  /** A {@code (size)} gain vector initialised to ones (RMSNorm). */
  protected final Parameter onesVector(String name, int size) {
    return addParameter(
        Parameter.builder()
            .setName(name)
            .setType(Parameter.Type.GAMMA)
            .optShape(new Shape(size))
            .optInitializer(new ConstantInitializer(1f))
            .build());
  }

  /**
   * x · Wᵀ through the engine's fused linear op, plus the adapter attached to {@code weight} if
   * there is one. x: (..., in), W: (out, in) → (..., out). Without adapters this is exactly the
   * plain projection (no extra op is recorded).
   */
  protected final NDArray linear(NDArray x, Parameter weight) {
    NDArray y = x.getNDArrayInternal().linear(x, weight.getArray(), null).singletonOrThrow();
    LinearAdapter adapter = adapters == null ? null : adapters.forWeight(weight);
    return adapter == null ? y : y.add(adapter.delta(x));
  }

  /**
   * Makes this block and every block below it consult {@code set} in {@link #linear}. Called once
   * by the model that owns the blocks, so each model has its own adapters.
   */
  protected final void useAdapters(LinearAdapters set) {
    this.adapters = set;
    for (Block child : getChildren().values()) {
      if (child instanceof ModelBlock block) {
        block.useAdapters(set);
      }
    }
  }

  /** DJL's generic entry point: one input (..., d) → one output. Used by DJL tooling only. */
  @Override
  protected NDList forwardInternal(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    return new NDList(forward(inputs.singletonOrThrow(), training));
  }

  /** The block's forward pass for the simple single-tensor case. */
  protected NDArray forward(NDArray x, boolean training) {
    throw new IllegalStateException(getClass().getSimpleName() + " needs its typed forward method");
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return inputShapes;
  }
}
