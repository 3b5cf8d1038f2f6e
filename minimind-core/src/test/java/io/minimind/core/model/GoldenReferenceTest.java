package io.minimind.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.minimind.core.checkpoint.ModelWeights;
import io.minimind.core.io.ConfigJson;
import io.minimind.core.io.SafeTensors;
import io.minimind.core.io.TensorData;
import io.minimind.core.model.MiniMindConfig.RopeScaling;
import io.minimind.core.nn.RopeFrequencies;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Our forward pass against logits produced by MiniMind's own PyTorch model (commit 9c98cab) for
 * tiny random models; see src/test/resources/golden/README.md for how they were made.
 */
class GoldenReferenceTest {
  static final Path GOLDEN = Path.of("src/test/resources/golden");
  static final double TOL = 1e-4;

  @ParameterizedTest
  @ValueSource(strings = {"tiny-dense", "tiny-yarn", "tiny-moe"})
  void logitsMatchMiniMind(String name) throws Exception {
    Path dir = GOLDEN.resolve(name);
    MiniMindConfig config = ConfigJson.read(dir.resolve("config.json"));
    Map<String, TensorData> expected = SafeTensors.read(dir.resolve("logits.safetensors"));
    JsonObject inputs = JsonParser.parseString(Files.readString(dir.resolve("inputs.json"))).getAsJsonObject();
    long[] ids = flatten(inputs.getAsJsonArray("input_ids"));
    long[] mask = flatten(inputs.getAsJsonArray("attention_mask"));
    try (NDManager m = NDManager.newBaseManager("PyTorch")) {
      MiniMindModel model = new MiniMindModel(config);
      model.initializeRandom(m, DataType.FLOAT32);
      ModelWeights.load(model, dir.resolve("model.safetensors"));
      NDArray idArray = m.create(ids, new Shape(2, 12));
      NDArray masked = model.forward(idArray, m.create(mask, new Shape(2, 12)), null, 0, false).logits();
      NDArray reference = expected.get("logits").toNDArray(m, DataType.FLOAT32);
      // Row 0 entirely; row 1 only its 8 real positions (pad positions are not comparable:
      // MiniMind keeps counting positions through padding, we do not).
      double d0 = maxDiff(reference.get("0"), masked.get("0"));
      double d1 = maxDiff(reference.get("1, :8"), masked.get("1, :8"));
      NDArray unmasked = model.forward(idArray, null, null, 0, false).logits();
      double d2 = maxDiff(expected.get("logits_nomask").toNDArray(m, DataType.FLOAT32), unmasked);
      NDArray last = model.forward(idArray.get("0:1"), null, null, 1, false).logits();
      double d3 = maxDiff(expected.get("logits_last").toNDArray(m, DataType.FLOAT32).get("0:1"), last);
      System.out.printf("golden %s: max |diff| masked %.2e/%.2e, unmasked %.2e, last %.2e%n", name, d0, d1, d2, d3);
      for (double d : new double[] {d0, d1, d2, d3}) {
        assertTrue(d < TOL, name + ": max abs diff " + d);
      }
      if (config.useMoe()) {
        double aux = model.forward(idArray, m.create(mask, new Shape(2, 12)), null, 0, true).auxLoss().getFloat();
        double expectedAux = JsonParser.parseString(Files.readString(dir.resolve("aux.json")))
            .getAsJsonObject().get("aux_loss").getAsDouble();
        assertEquals(expectedAux, aux, 1e-5, "MoE aux loss");
      }
    }
  }

  @Test
  void yarnTablesMatchMiniMind() throws Exception {
    Map<String, TensorData> rope = SafeTensors.read(GOLDEN.resolve("tiny-yarn/rope.safetensors"));
    RopeScaling s = new RopeScaling(4, 32, 4, 1);
    compareTable(rope.get("freqs_cos").toFloats(), rope.get("freqs_sin").toFloats(), 16, s);
    compareTable(rope.get("hd64_freqs_cos").toFloats(), rope.get("hd64_freqs_sin").toFloats(), 64, s);
    compareTable(rope.get("freqs_cos_unscaled").toFloats(), rope.get("freqs_sin_unscaled").toFloats(), 16, null);
  }

  private static void compareTable(float[] cos, float[] sin, int dim, RopeScaling s) {
    float[][] ours = RopeFrequencies.tables(RopeFrequencies.inverseFrequencies(dim, 1e6, s, 64), 64);
    double worst = 0;
    for (int i = 0; i < cos.length; i++) {
      worst = Math.max(worst, Math.max(Math.abs(cos[i] - ours[0][i]), Math.abs(sin[i] - ours[1][i])));
    }
    assertTrue(worst < 1e-5, "rope table dim " + dim + " differs by " + worst);
  }

  private static long[] flatten(JsonArray rows) {
    int n = 0;
    for (var r : rows) {
      n += r.getAsJsonArray().size();
    }
    long[] out = new long[n];
    int i = 0;
    for (var r : rows) {
      for (var v : r.getAsJsonArray()) {
        out[i++] = v.getAsLong();
      }
    }
    return out;
  }

  private static double maxDiff(NDArray a, NDArray b) {
    assertEquals(a.getShape(), b.getShape());
    return a.sub(b).abs().max().getFloat();
  }
}
