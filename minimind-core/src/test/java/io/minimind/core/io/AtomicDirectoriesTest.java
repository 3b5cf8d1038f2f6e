package io.minimind.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicDirectoriesTest {
  @TempDir
  Path root;

  @Test
  void replacesTheDirectoryAndLeavesNoTemporaries() throws IOException {
    Path target = root.resolve("model");
    AtomicDirectories.write(target, d -> Files.writeString(d.resolve("a.txt"), "one"));
    AtomicDirectories.write(target, d -> Files.writeString(d.resolve("b.txt"), "two"));
    assertEquals(List.of("b.txt"), names(target), "the old content is gone, not merged");
    assertEquals(List.of("model"), names(root));
  }

  @Test
  void aFailedWriteKeepsTheOldDirectory() throws IOException {
    Path target = root.resolve("adapter");
    AtomicDirectories.write(target, d -> Files.writeString(d.resolve("a.txt"), "old"));
    assertThrows(IOException.class, () -> AtomicDirectories.write(target, d -> {
      Files.writeString(d.resolve("half.txt"), "partial");
      throw new IOException("disk full");
    }));
    assertEquals("old", Files.readString(target.resolve("a.txt")));
    assertEquals(List.of("adapter"), names(root), "the half-written temporary is removed");
  }

  private static List<String> names(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
