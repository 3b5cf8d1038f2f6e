package io.minimind.core.lora;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.training.initializer.NormalInitializer;
import io.minimind.core.nn.GraphConstants;
import io.minimind.core.nn.LinearAdapter;

/**
 * The low-rank update of one projection W (out, in): delta(x) = scale·(x·Aᵀ)·Bᵀ.
 *
 * <p>Parameters A (r, in), initialised N(0, 0.02²) as MiniMind does, and B (out, r), zeros, so a
 * fresh adapter leaves the model's output unchanged. Input (..., in), output (..., out).
 */
public final class LoraAdapter implements LinearAdapter, AutoCloseable {
  private final Parameter a;
  private final Parameter b;
  private final double scale;

  LoraAdapter(int in, int out, int rank, double scale, NDManager manager, DataType dtype) {
    this.a = Parameter.builder().setName("lora_A").setType(Parameter.Type.WEIGHT)
        .optShape(new Shape(rank, in)).optInitializer(new NormalInitializer(0.02f)).build();
    this.b = Parameter.builder().setName("lora_B").setType(Parameter.Type.WEIGHT)
        .optShape(new Shape(out, rank)).optInitializer(new ConstantInitializer(0f)).build();
    this.scale = scale;
    a.initialize(manager, dtype);
    b.initialize(manager, dtype);
  }

  /** A, (r, in). */
  public Parameter a() {
    return a;
  }

  /** B, (out, r). */
  public Parameter b() {
    return b;
  }

  @Override
  public NDArray delta(NDArray x) {
    NDArray low = x.getNDArrayInternal().linear(x, a.getArray(), null).singletonOrThrow(); // (..., r)
    NDArray up = low.getNDArrayInternal().linear(low, b.getArray(), null).singletonOrThrow(); // (..., out)
    return up.mul(GraphConstants.scalar(up, scale));
  }

  /** scale·B·A, (out, in), outside the autograd graph, in {@code manager}. */
  NDArray weightDelta(NDManager manager) {
    NDArray bValue = b.getArray().stopGradient();
    NDArray aValue = a.getArray().stopGradient();
    NDArray product = bValue.matMul(aValue); // (out, r)·(r, in) → (out, in)
    product.attach(manager);
    bValue.attach(manager);
    aValue.attach(manager);
    return product.muli((float) scale);
  }

  @Override
  public void close() {
    a.close();
    b.close();
  }
}
