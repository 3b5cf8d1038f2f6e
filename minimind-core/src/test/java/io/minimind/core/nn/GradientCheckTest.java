package io.minimind.core.nn;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import io.minimind.core.model.MiniMindConfig;
import io.minimind.core.model.MiniMindModel;
import io.minimind.core.model.Presets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Every block's analytic gradient (libtorch autograd through our forward) against central finite
 * differences in float64: for a few random entries of every parameter and of the input.
 */
class GradientCheckTest {
  static final double EPS = 1e-6;
  static final double TOL = 1e-6;

  static MiniMindConfig config(boolean moe, boolean yarn) {
    return Presets.builder("tiny")
        .override(List.of("hidden_size=16", "num_hidden_layers=2", "num_attention_heads=4",
            "num_key_value_heads=2", "vocab_size=11", "max_position_embeddings=512",
            "use_moe=" + moe, "yarn=" + yarn))
        .set("rope_scaling.original_max_position_embeddings", "16") // YaRN active: 512 > 16
        .set("inference_rope_scaling", Boolean.toString(yarn))
        .build();
  }

  @Test
  void rmsNorm() {
    check(new RmsNorm(16, 1e-5), (b, x) -> b.forward(x, true));
  }

  @Test
  void swiGlu() {
    check(new SwiGluMlp(16, 48), (b, x) -> b.forward(x, true));
  }

  @Test
  void moeIncludingAuxLoss() {
    MiniMindConfig c = config(true, false);
    check(new MoeFeedForward(c), (b, x) -> {
      MoeFeedForward.Result r = b.route(x, true);
      return r.output().sum().add(r.auxLoss().mul(10)); // weight aux so its gradient matters
    });
  }

  @Test
  void attentionWithCausalMask() {
    MiniMindConfig c = config(false, false);
    checkAttention(c);
  }

  @Test
  void attentionWithYarnRope() {
    checkAttention(config(false, true));
  }

  @Test
  void attentionBlockwiseOnLongInput() {
    // 260 positions: the causal blocks of 64 queries are used (see CausalSelfAttention)
    checkAttention(config(false, false), 260);
  }

  private void checkAttention(MiniMindConfig c) {
    checkAttention(c, 5);
  }

  private void checkAttention(MiniMindConfig c, int t) {
    try (NDManager m = NDManager.newBaseManager("PyTorch")) {
      RotaryEmbedding rope = new RotaryEmbedding(m, c, DataType.FLOAT64);
      NDArray positions = m.arange(0, t).toType(DataType.INT64, false).reshape(1, t);
      NDArray[] cs = rope.lookup(positions);
      NDArray mask = AttentionMasks.causal(m, null, 1, t, t, DataType.FLOAT64);
      AttentionContext ctx = new AttentionContext(cs[0], cs[1], mask);
      check(new CausalSelfAttention(c), (b, x) -> b.forward(x, ctx, null, 0), t);
    }
  }

  @Test
  void wholeModelDenseAndMoe() {
    for (boolean moe : new boolean[] {false, true}) {
      MiniMindConfig c = config(moe, false);
      try (NDManager m = NDManager.newBaseManager("PyTorch")) {
        Engine.getInstance().setRandomSeed(3);
        MiniMindModel model = new MiniMindModel(c);
        model.initializeRandom(m, DataType.FLOAT64);
        NDArray ids = m.create(new long[] {1, 4, 7, 2, 9, 3}, new Shape(1, 6));
        NDArray weights = m.randomNormal(new Shape(1, 6, 11)).toType(DataType.FLOAT64, false);
        Function<Boolean, NDArray> loss = training -> {
          var out = model.forward(ids, null, null, 0, true);
          NDArray l = out.logits().mul(weights).sum();
          return out.auxLoss() == null ? l : l.add(out.auxLoss());
        };
        compare(m, model.parameters(), loss, "model(moe=" + moe + ")");
      }
    }
  }

  interface Forward<B> {
    NDArray apply(B block, NDArray x);
  }

  /** Scalar loss = Σ forward(x) ⊙ R; compares gradients w.r.t. parameters and input. */
  private static <B extends ModelBlock> void check(B block, Forward<B> forward) {
    check(block, forward, 5);
  }

  private static <B extends ModelBlock> void check(B block, Forward<B> forward, int t) {
    try (NDManager m = NDManager.newBaseManager("PyTorch")) {
      Engine.getInstance().setRandomSeed(5);
      for (var p : block.getParameters()) {
        p.getValue().initialize(m, DataType.FLOAT64);
      }
      NDArray x = m.randomNormal(new Shape(1, t, 16)).toType(DataType.FLOAT64, false);
      x.setRequiresGradient(true);
      NDArray r = m.randomNormal(new Shape(1, t, 16)).toType(DataType.FLOAT64, false);
      Map<String, Parameter> params = new LinkedHashMap<>();
      block.collectParameters("", params);
      Parameter input = Parameter.builder().setName("x").setType(Parameter.Type.OTHER).optArray(x).build();
      params.put("input", input);
      Function<Boolean, NDArray> loss = training -> {
        NDArray y = forward.apply(block, x);
        return y.getShape().dimension() == 0 ? y : y.mul(r).sum();
      };
      compare(m, params, loss, block.getClass().getSimpleName());
    }
  }

  private static void compare(NDManager m, Map<String, Parameter> params, Function<Boolean, NDArray> loss, String what) {
    Map<String, double[]> analytic = new LinkedHashMap<>();
    try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
      gc.backward(loss.apply(true));
    }
    params.forEach((k, p) -> analytic.put(k, p.getArray().getGradient().toDoubleArray()));
    Random rnd = new Random(1);
    double worst = 0;
    String worstAt = "";
    for (Map.Entry<String, Parameter> e : params.entrySet()) {
      NDArray a = e.getValue().getArray();
      Shape shape = a.getShape();
      for (int trial = 0; trial < 4; trial++) {
        int flat = rnd.nextInt((int) shape.size());
        NDIndex idx = index(shape, flat);
        double original = a.get(idx).getDouble();
        a.set(idx, original + EPS);
        double up = loss.apply(true).getDouble();
        a.set(idx, original - EPS);
        double down = loss.apply(true).getDouble();
        a.set(idx, original);
        double numeric = (up - down) / (2 * EPS);
        double err = Math.abs(numeric - analytic.get(e.getKey())[flat]) / Math.max(1, Math.abs(numeric));
        if (err > worst) {
          worst = err;
          worstAt = e.getKey() + "[" + flat + "] numeric " + numeric + " analytic " + analytic.get(e.getKey())[flat];
        }
      }
    }
    System.out.printf("gradient check %s: worst relative error %.2e at %s%n", what, worst, worstAt);
    assertTrue(worst < TOL, what + ": " + worstAt);
  }

  private static NDIndex index(Shape shape, int flat) {
    long[] idx = new long[shape.dimension()];
    for (int d = shape.dimension() - 1; d >= 0; d--) {
      idx[d] = flat % shape.get(d);
      flat /= (int) shape.get(d);
    }
    return new NDIndex(idx);
  }
}
