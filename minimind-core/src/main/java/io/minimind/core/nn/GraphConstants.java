package io.minimind.core.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * Scalar constants for arithmetic inside the autograd graph.
 *
 * <p>Why not {@code x.mul(0.5f)}: DJL's PyTorch engine implements number arithmetic by wrapping
 * the number in a tensor over a Java direct buffer, using it, and closing the wrapper at once.
 * Autograd keeps that tensor for the backward pass (e.g. mul saves its other operand), and once the
 * garbage collector frees the buffer the backward pass reads freed memory: gradients become
 * garbage or NaN, depending on GC timing. {@link #scalar} makes a tensor whose memory libtorch
 * owns, so the graph can hold on to it safely. Use it for every number that meets a tensor that
 * requires a gradient.
 */
public final class GraphConstants {
  private GraphConstants() {}

  /** A 0-d tensor holding {@code value}, in {@code like}'s manager and dtype, owned by libtorch. */
  public static NDArray scalar(NDArray like, double value) {
    return like.getManager().full(new Shape(), (float) value, like.getDataType());
  }
}
