package io.minimind.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sample data lands in the artifact root once, without derive/, and never over a user's file. */
class SampleDataTest {
  @TempDir
  Path tmp;

  @Test
  void copiesDataReadmeAndLicencesButNotDerive() throws Exception {
    Path src = tmp.resolve("sample");
    Files.createDirectories(src.resolve("LICENSES"));
    Files.createDirectories(src.resolve("derive").resolve("node_modules"));
    Files.writeString(src.resolve("pretrain.jsonl"), "{\"text\":\"a\"}\n");
    Files.writeString(src.resolve("README.md"), "readme");
    Files.writeString(src.resolve("LICENSES").resolve("x.txt"), "licence");
    Files.writeString(src.resolve("derive").resolve("build.js"), "tooling");
    Path dst = tmp.resolve("root").resolve("datasets").resolve("sample");

    assertEquals(3, SampleData.copyIfAbsent(src, dst));
    assertTrue(Files.isRegularFile(dst.resolve("pretrain.jsonl")));
    assertTrue(Files.isRegularFile(dst.resolve("README.md")));
    assertTrue(Files.isRegularFile(dst.resolve("LICENSES").resolve("x.txt")));
    assertFalse(Files.exists(dst.resolve("derive")));

    Files.writeString(dst.resolve("pretrain.jsonl"), "edited by the user\n");
    assertEquals(0, SampleData.copyIfAbsent(src, dst), "second start copies nothing");
    assertEquals("edited by the user\n", Files.readString(dst.resolve("pretrain.jsonl")));
  }

  @Test
  void theRepositorysSampleHasTheFilesTheExampleSpecsName() throws Exception {
    Path dst = tmp.resolve("datasets").resolve("sample");
    SampleData.copyIfAbsent(CommandLineTest.repoRoot().resolve("datasets").resolve("sample"), dst);
    assertTrue(Files.isRegularFile(dst.resolve("pretrain.jsonl")));
    assertTrue(Files.isRegularFile(dst.resolve("sft.jsonl")));
    assertFalse(Files.exists(dst.resolve("derive")));
  }

  @Test
  void aMissingSourceSaysWhatToCheck() {
    StackException e = assertThrows(StackException.class,
        () -> SampleData.copyIfAbsent(tmp.resolve("nope"), tmp.resolve("dst")));
    assertTrue(e.getMessage().contains("--home"), e.getMessage());
  }
}
