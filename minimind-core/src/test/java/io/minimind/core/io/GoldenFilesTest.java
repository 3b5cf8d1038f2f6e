package io.minimind.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.minimind.core.model.MiniMindConfig;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Reads the config.json and safetensors files the Python reference wrote (test resources). */
class GoldenFilesTest {

  @Test
  void readsEveryGoldenCase() throws Exception {
    URL root = getClass().getResource("/golden");
    assumeTrue(root != null, "no golden files yet");
    List<Path> cases;
    try (Stream<Path> s = Files.list(Path.of(root.toURI()))) {
      cases = s.filter(p -> Files.isRegularFile(p.resolve("config.json"))).sorted().toList();
    }
    assertFalse(cases.isEmpty());
    for (Path dir : cases) {
      MiniMindConfig c = ConfigJson.read(dir.resolve("config.json"));
      assertEquals(c, ConfigJson.parse(ConfigJson.toJson(c), "rewritten"), dir.toString());
      Path weights = dir.resolve("model.safetensors");
      if (Files.isRegularFile(weights)) {
        Map<String, TensorData> t = SafeTensors.read(weights);
        assertTrue(t.containsKey("model.embed_tokens.weight"), dir + ": " + t.keySet());
        assertEquals(List.of((long) c.vocabSize(), (long) c.hiddenSize()),
            List.of(t.get("model.embed_tokens.weight").shape()[0],
                t.get("model.embed_tokens.weight").shape()[1]), dir.toString());
      }
    }
  }

  @Test
  void goldenYarnAndMoeFlagsSurvive() throws IOException, Exception {
    URL yarn = getClass().getResource("/golden/tiny-yarn/config.json");
    URL moe = getClass().getResource("/golden/tiny-moe/config.json");
    assumeTrue(yarn != null && moe != null, "no golden files yet");
    MiniMindConfig y = ConfigJson.read(Path.of(yarn.toURI()));
    assertEquals(new MiniMindConfig.RopeScaling(4, 32, 4, 1), y.ropeScaling());
    MiniMindConfig m = ConfigJson.read(Path.of(moe.toURI()));
    assertEquals(MiniMindConfig.MoeConfig.minimindDefault(), m.moe());
  }
}
