package io.minimind.core.rl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.initializer.UniformInitializer;
import io.minimind.core.model.MiniMindModel;
import java.util.LinkedHashMap;

/**
 * PPO's critic (MiniMind train_ppo.py {@code CriticModel}): a MiniMind body, initialised from the
 * policy's weights, whose lm_head is replaced by a value head Linear(hidden, 1) with bias,
 * initialised as torch's Linear: U(−1/√d, 1/√d).
 *
 * <p>Input ids and mask (N, T); output values (N, T).
 */
public final class CriticModel implements AutoCloseable {
  /** State-dict names of the value head. */
  public static final String HEAD_WEIGHT = "value_head.weight";
  public static final String HEAD_BIAS = "value_head.bias";

  private final MiniMindModel body;
  private final Parameter weight;
  private final Parameter bias;

  /** @param body an initialised model (its weights are the critic's starting point) */
  public CriticModel(MiniMindModel body, NDManager manager) {
    this.body = body;
    int d = body.config().hiddenSize();
    float range = (float) (1.0 / Math.sqrt(d));
    this.weight = Parameter.builder().setName(HEAD_WEIGHT).setType(Parameter.Type.WEIGHT)
        .optShape(new Shape(1, d)).optInitializer(new UniformInitializer(range)).build();
    this.bias = Parameter.builder().setName(HEAD_BIAS).setType(Parameter.Type.BIAS)
        .optShape(new Shape(1)).optInitializer(new UniformInitializer(range)).build();
    DataType dtype = body.dataType();
    weight.initialize(manager, dtype);
    bias.initialize(manager, dtype);
  }

  public MiniMindModel body() {
    return body;
  }

  /** Every trainable parameter: the body's (state-dict names) and the value head. */
  public LinkedHashMap<String, Parameter> parameters() {
    LinkedHashMap<String, Parameter> out = body.parameters();
    out.put(HEAD_WEIGHT, weight);
    out.put(HEAD_BIAS, bias);
    return out;
  }

  /**
   * @param inputIds (N, T) int64
   * @param attentionMask (N, T) or null
   * @return values (N, T)
   */
  public NDArray values(NDArray inputIds, NDArray attentionMask, boolean training) {
    NDArray h = body.hiddenStates(inputIds, attentionMask, training); // (N, T, d)
    NDArray v = h.getNDArrayInternal().linear(h, weight.getArray(), bias.getArray()).singletonOrThrow(); // (N, T, 1)
    return v.squeeze(-1);
  }

  @Override
  public void close() {
    body.close();
    weight.close();
    bias.close();
  }
}
