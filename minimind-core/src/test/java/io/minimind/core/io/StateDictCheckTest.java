package io.minimind.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StateDictCheckTest {
  private static final Map<String, long[]> EXPECTED =
      Map.of("embed.weight", new long[] {10, 4}, "norm.weight", new long[] {4});

  private static TensorData t(String name, long... shape) {
    return TensorData.fromFloats(name, SafeDType.F32, shape, new float[(int) TensorData.numel(shape)]);
  }

  private static Map<String, TensorData> dict(TensorData... ts) {
    Map<String, TensorData> m = new LinkedHashMap<>();
    for (TensorData t : ts) {
      m.put(t.name(), t);
    }
    return m;
  }

  @Test
  void acceptsExactMatchAndAllowedExtras() {
    StateDictCheck.verify(EXPECTED, dict(t("embed.weight", 10, 4), t("norm.weight", 4)), "ckpt");
    StateDictCheck.verify(EXPECTED,
        dict(t("embed.weight", 10, 4), t("norm.weight", 4), t("lm_head.weight", 10, 4)),
        "ckpt", Set.of("lm_head.weight"));
  }

  @Test
  void namesMissingTensor() {
    var e = assertThrows(CheckpointFormatException.class,
        () -> StateDictCheck.verify(EXPECTED, dict(t("embed.weight", 10, 4)), "a.safetensors"));
    assertEquals("state dict from a.safetensors does not match the model: missing tensors "
        + "[norm.weight]", e.getMessage());
  }

  @Test
  void namesWrongShapeWithBothShapes() {
    var e = assertThrows(CheckpointFormatException.class, () -> StateDictCheck.verify(
        EXPECTED, dict(t("embed.weight", 12, 4), t("norm.weight", 4)), "b"));
    assertEquals("state dict from b does not match the model: tensor 'embed.weight' has shape "
        + "[12, 4], expected [10, 4]", e.getMessage());
  }

  @Test
  void listsUnexpectedTensorsAndAllProblemsAtOnce() {
    var e = assertThrows(CheckpointFormatException.class, () -> StateDictCheck.verify(EXPECTED,
        dict(t("norm.weight", 4), t("lm_head.weight", 10, 4), t("extra.bias", 3)), "c"));
    assertEquals("state dict from c does not match the model: missing tensors [embed.weight]; "
        + "unexpected tensors [extra.bias, lm_head.weight]", e.getMessage());
  }
}
