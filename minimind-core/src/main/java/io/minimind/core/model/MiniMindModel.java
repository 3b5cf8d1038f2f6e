package io.minimind.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.UniformInitializer;
import ai.djl.util.PairList;
import io.minimind.core.nn.AttentionContext;
import io.minimind.core.nn.AttentionMasks;
import io.minimind.core.nn.DecoderLayer;
import io.minimind.core.nn.KvCache;
import io.minimind.core.nn.LinearAdapter;
import io.minimind.core.nn.LinearAdapters;
import io.minimind.core.nn.ModelBlock;
import io.minimind.core.nn.RmsNorm;
import io.minimind.core.nn.RotaryEmbedding;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The MiniMind causal language model: embedding → decoder layers → RMSNorm → lm_head (tied to the
 * embedding unless configured otherwise).
 *
 * <p>Input ids (B, T) int64; optional attention mask (B, S) with S = cached + T (1 real, 0 pad).
 * Output logits (B, T', V). Positions skip leading padding (see {@link #positions}), so a
 * left-padded row produces the same logits as the same row unpadded.
 */
public final class MiniMindModel extends ModelBlock implements AutoCloseable {
  private final MiniMindConfig config;
  private final Parameter embedTokens;
  private final Parameter lmHead; // null when tied
  private final List<DecoderLayer> layers = new ArrayList<>();
  private final RmsNorm norm;
  private final LinearAdapters adapters = new LinearAdapters();
  private RotaryEmbedding rope;
  private DataType dtype = DataType.FLOAT32;

  public MiniMindModel(MiniMindConfig config) {
    this.config = config;
    float range = (float) (1.0 / Math.sqrt(config.hiddenSize()));
    this.embedTokens =
        addParameter(
            Parameter.builder()
                .setName("embed_tokens")
                .setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(config.vocabSize(), config.hiddenSize()))
                // Tied with lm_head, initialised as that Linear is: U(-1/√d, 1/√d).
                .optInitializer(new UniformInitializer(range))
                .build());
    for (int i = 0; i < config.numHiddenLayers(); i++) {
      layers.add(addChildBlock("layer" + i, new DecoderLayer(config, i)));
    }
    this.norm = addChildBlock("norm", new RmsNorm(config.hiddenSize(), config.rmsNormEps()));
    this.lmHead =
        config.tieWordEmbeddings()
            ? null
            : linearWeight("lm_head", config.vocabSize(), config.hiddenSize());
    useAdapters(adapters);
  }

  /**
   * This model's own adapter set (empty unless LoRA attached some). Only the weights listed by
   * {@link #adaptableWeights()} pass through the hook; see {@link #attachAdapter}.
   */
  public LinearAdapters adapters() {
    return adapters;
  }

  /**
   * Names of the weights whose projection can carry an adapter: the attention and MLP projections
   * ({@code *_proj.weight}) of every layer, experts and shared experts included. Not the
   * embedding, lm_head, norms or the MoE router.
   */
  public List<String> adaptableWeights() {
    List<String> out = new ArrayList<>();
    for (String name : parameters().keySet()) {
      if (isAdaptable(name)) {
        out.add(name);
      }
    }
    return out;
  }

  /**
   * Attaches {@code adapter} to the projection whose weight is named {@code weightName}.
   *
   * @throws IllegalArgumentException when the name is not one of {@link #adaptableWeights()}
   */
  public void attachAdapter(String weightName, LinearAdapter adapter) {
    Parameter weight = parameters().get(weightName);
    if (weight == null || !isAdaptable(weightName)) {
      throw new IllegalArgumentException("'" + weightName + "' is not an adaptable projection"
          + " weight of this model (attention and MLP *_proj.weight of model.layers.N)");
    }
    adapters.attach(weight, adapter);
  }

  private static boolean isAdaptable(String name) {
    return name.startsWith("model.layers.") && name.endsWith("_proj.weight");
  }

  public MiniMindConfig config() {
    return config;
  }

  public DataType dataType() {
    return dtype;
  }

  /** Randomly initialises every parameter (seed the engine first for reproducibility). */
  public void initializeRandom(NDManager manager, DataType dataType) {
    this.dtype = dataType;
    for (Parameter p : parameters().values()) {
      p.initialize(manager, dataType);
    }
    prepareBuffers(manager);
  }

  /** Creates the non-trainable RoPE tables; called after parameters are set or loaded. */
  public void prepareBuffers(NDManager manager) {
    if (rope != null) {
      rope.close();
    }
    this.dtype = embedTokens.getArray().getDataType();
    this.rope = new RotaryEmbedding(manager, config, dtype);
  }

  /**
   * Trainable parameters under MiniMind's state-dict names, in a stable order. A tied lm_head is
   * not listed separately (see {@link #stateDictNames()}).
   */
  public LinkedHashMap<String, Parameter> parameters() {
    LinkedHashMap<String, Parameter> out = new LinkedHashMap<>();
    collectParameters("", out);
    return out;
  }

  @Override
  public void collectParameters(String prefix, Map<String, Parameter> out) {
    out.put(prefix + "model.embed_tokens.weight", embedTokens);
    for (int i = 0; i < layers.size(); i++) {
      layers.get(i).collectParameters(prefix + "model.layers." + i + ".", out);
    }
    norm.collectParameters(prefix + "model.norm.", out);
    if (lmHead != null) {
      out.put(prefix + "lm_head.weight", lmHead);
    }
  }

  /** Name of the embedding, which doubles as lm_head.weight when tied. */
  public static final String EMBED = "model.embed_tokens.weight";

  /** Name of the output projection in the state dict (present even when tied, as in MiniMind). */
  public static final String LM_HEAD = "lm_head.weight";

  /** Number of distinct trainable scalars (tied weights counted once). */
  public long parameterCount() {
    long n = 0;
    for (Parameter p : parameters().values()) {
      n += p.getShape().size();
    }
    return n;
  }

  /**
   * Forward pass.
   *
   * @param inputIds (B, T) int64
   * @param attentionMask (B, S) 1/0 with S = cache length + T, or null for no padding
   * @param cache KV cache to read and extend, or null for a stateless pass
   * @param logitsToKeep compute logits only for the last n positions (0 = all)
   * @param training enables MoE aux loss (dropout is 0 in MiniMind)
   */
  public ModelOutput forward(
      NDArray inputIds, NDArray attentionMask, KvCache cache, int logitsToKeep, boolean training) {
    ModelOutput trunk = trunk(inputIds, attentionMask, cache, logitsToKeep, training);
    NDArray h = trunk.logits(); // (B, T', d) here: the normed hidden states
    NDArray head = lmHead != null ? lmHead.getArray() : embedTokens.getArray();
    NDArray logits = h.getNDArrayInternal().linear(h, head, null).singletonOrThrow(); // (B, T', V)
    return new ModelOutput(logits, trunk.auxLoss());
  }

  /**
   * The final-normed hidden states (B, T, d) without the lm_head: the body a value head sits on
   * (PPO's critic). MoE aux loss is not returned.
   *
   * @param inputIds (B, T) int64
   * @param attentionMask (B, T) 1/0, or null for no padding
   */
  public NDArray hiddenStates(NDArray inputIds, NDArray attentionMask, boolean training) {
    return trunk(inputIds, attentionMask, null, 0, training).logits();
  }

  /** Embedding → layers → norm; returns (hidden (B, T', d), aux loss) in a ModelOutput. */
  private ModelOutput trunk(
      NDArray inputIds, NDArray attentionMask, KvCache cache, int logitsToKeep, boolean training) {
    int b = (int) inputIds.getShape().get(0);
    int t = (int) inputIds.getShape().get(1);
    int past = cache == null ? 0 : cache.length();
    int s = past + t;
    if (s > rope.length()) {
      throw new IllegalArgumentException(
          "sequence length " + s + " exceeds max_position_embeddings " + rope.length());
    }
    NDManager scope = inputIds.getManager();
    NDArray positions = positions(scope, attentionMask, b, t, past); // (B|1, T)
    NDArray[] cosSin = rope.lookup(positions);
    NDArray mask = AttentionMasks.causal(scope, attentionMask, b, t, s, dtype);
    AttentionContext ctx = new AttentionContext(cosSin[0], cosSin[1], mask);

    NDArray h = inputIds.getNDArrayInternal()
        .embedding(inputIds, embedTokens.getArray(), SparseFormat.DENSE)
        .singletonOrThrow(); // (B, T, d)
    NDArray aux = null;
    for (DecoderLayer layer : layers) {
      DecoderLayer.Result r = layer.forward(h, ctx, cache, training);
      h = r.hidden();
      if (r.auxLoss() != null) {
        aux = aux == null ? r.auxLoss() : aux.add(r.auxLoss());
      }
    }
    if (cache != null) {
      cache.advance(t);
    }
    if (logitsToKeep > 0 && logitsToKeep < t) {
      h = h.get(":, " + (t - logitsToKeep) + ":, :"); // (B, T', d)
    }
    return new ModelOutput(norm.forward(h, training), aux);
  }

  /**
   * Position of each new token: its index in the sequence minus the row's leading padding, so a
   * left-padded row gets the positions it would have alone, while right padding (as in training
   * batches) keeps MiniMind's positions, counting on through the pads. Without a mask:
   * past..past+T-1. Returns (B, T) or (1, T) int64.
   */
  private static NDArray positions(NDManager scope, NDArray mask, int b, int t, int past) {
    if (mask == null) {
      return scope.arange(past, past + t).toType(DataType.INT64, false).reshape(1, t);
    }
    long s = mask.getShape().get(1);
    NDArray seen = mask.toType(DataType.INT64, false).cumSum(1); // (B, S) real tokens so far
    NDArray leading = seen.eq(0).toType(DataType.INT64, false).sum(new int[] {1}, true); // (B, 1)
    NDArray index = scope.arange(0, (int) s).toType(DataType.INT64, false).reshape(1, s); // (1, S)
    NDArray positions = index.sub(leading).maximum(0); // (B, S)
    return positions.get(":, " + (s - t) + ":"); // (B, T)
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    return new NDList(forward(inputs.get(0), null, null, 0, training).logits());
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    Shape in = inputShapes[0];
    return new Shape[] {new Shape(in.get(0), in.get(1), config.vocabSize())};
  }

  @Override
  public void close() {
    if (rope != null) {
      rope.close();
    }
    for (Parameter p : parameters().values()) {
      p.close();
    }
  }
}
