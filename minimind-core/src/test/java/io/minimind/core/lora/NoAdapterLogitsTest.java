package io.minimind.core.lora;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.minimind.core.checkpoint.ModelWeights;
import io.minimind.core.io.ConfigJson;
import io.minimind.core.model.MiniMindModel;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A model without adapters computes bit-for-bit the logits it computed before the adapter hook
 * existed: the checksums below were recorded with the code of commit e42a5ef (before LoRA).
 */
class NoAdapterLogitsTest {
  @ParameterizedTest
  @CsvSource({"tiny-dense, 4640797546457880064, -111058408", "tiny-moe, -4584529261193701760, 783940598"})
  void logitsUnchangedWithoutAdapters(String name, long sumBits, int allBitsHash) throws Exception {
    Path dir = Path.of("src/test/resources/golden").resolve(name);
    try (NDManager m = NDManager.newBaseManager("PyTorch")) {
      MiniMindModel model = new MiniMindModel(ConfigJson.read(dir.resolve("config.json")));
      model.initializeRandom(m, DataType.FLOAT32);
      ModelWeights.load(model, dir.resolve("model.safetensors"));
      long[] ids = new long[24];
      for (int i = 0; i < ids.length; i++) {
        ids[i] = (i * 37 + 11) % model.config().vocabSize();
      }
      NDArray logits = model.forward(m.create(ids, new Shape(2, 12)), null, null, 0, false).logits();
      float[] v = logits.toFloatArray();
      double sum = 0;
      for (float f : v) {
        sum += f;
      }
      int hash = java.util.Arrays.hashCode(v); // over every logit's bits
      System.out.printf("no adapters %s: logits sum %.9f (bits %d), hash of all bits %d%n", name, sum,
          Double.doubleToLongBits(sum), hash);
      assertEquals(sumBits, Double.doubleToLongBits(sum), "logits sum " + sum);
      assertEquals(allBitsHash, hash, "hash of every logit's bits");
    }
  }
}
