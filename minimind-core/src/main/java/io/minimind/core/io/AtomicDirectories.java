package io.minimind.core.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Writes a whole directory (a model, an adapter) so that readers see either the old one or the
 * complete new one: the content is written into a hidden temporary sibling, then renamed into
 * place. If the new one cannot be moved in, the old one is moved back, so a failed save never
 * loses what was there.
 */
public final class AtomicDirectories {
  private AtomicDirectories() {}

  /** Fills a directory. */
  @FunctionalInterface
  public interface Filler {
    void fill(Path dir) throws IOException;
  }

  /** Replaces {@code target} with a directory {@code filler} writes. */
  public static void write(Path target, Filler filler) throws IOException {
    Path abs = target.toAbsolutePath();
    Files.createDirectories(abs.getParent());
    Path tmp = abs.resolveSibling("." + abs.getFileName() + ".tmp-" + UUID.randomUUID());
    Path old = abs.resolveSibling("." + abs.getFileName() + ".old-" + UUID.randomUUID());
    try {
      Files.createDirectories(tmp);
      filler.fill(tmp);
      boolean hadOld = Files.exists(abs);
      if (hadOld) {
        Files.move(abs, old, StandardCopyOption.ATOMIC_MOVE);
      }
      try {
        Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException e) {
        if (hadOld) {
          Files.move(old, abs, StandardCopyOption.ATOMIC_MOVE); // put the old one back
        }
        throw e;
      }
      AtomicFiles.syncDirectory(abs.getParent());
    } finally {
      deleteTree(tmp);
      deleteTree(old);
    }
  }

  /** Deletes a directory tree; nothing when it does not exist. */
  public static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
