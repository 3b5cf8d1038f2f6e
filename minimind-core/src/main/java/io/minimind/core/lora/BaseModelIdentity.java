package io.minimind.core.lora;

import ai.djl.nn.Parameter;
import io.minimind.core.io.SafeDType;
import io.minimind.core.io.TensorData;
import io.minimind.core.model.MiniMindConfig;
import io.minimind.core.model.MiniMindModel;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/**
 * Which base model an adapter belongs to: the shape fields (for a readable error) and a SHA-256
 * over every base parameter's name, shape and float32 value (little-endian, state-dict order). The
 * hash depends only on the values, not on the file they came from, so a model directory and a
 * checkpoint holding the same weights agree.
 *
 * @param weightsSha256 hex SHA-256 of the base weights
 * @param hiddenSize d
 * @param numHiddenLayers layers
 * @param vocabSize V
 * @param useMoe whether the MLPs are mixtures of experts
 */
public record BaseModelIdentity(
    String weightsSha256, int hiddenSize, int numHiddenLayers, int vocabSize, boolean useMoe) {

  /** Hashes {@code model}'s current weights. */
  public static BaseModelIdentity of(MiniMindModel model) {
    MessageDigest sha = sha256();
    for (Map.Entry<String, Parameter> e : model.parameters().entrySet()) {
      sha.update(e.getKey().getBytes(StandardCharsets.UTF_8));
      for (long dim : e.getValue().getShape().getShape()) {
        sha.update(Long.toString(dim).getBytes(StandardCharsets.US_ASCII));
        sha.update((byte) ',');
      }
      sha.update(TensorData.fromNDArray(e.getKey(), e.getValue().getArray(), SafeDType.F32).data());
    }
    MiniMindConfig c = model.config();
    return new BaseModelIdentity(HexFormat.of().formatHex(sha.digest()), c.hiddenSize(),
        c.numHiddenLayers(), c.vocabSize(), c.useMoe());
  }

  /** Readable shape, for messages. */
  public String describe() {
    return "hidden_size " + hiddenSize + ", " + numHiddenLayers + " layers, vocab " + vocabSize
        + (useMoe ? ", MoE" : "") + ", weights sha256 " + weightsSha256.substring(0, 12) + "…";
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JVM lacks SHA-256", e);
    }
  }
}
