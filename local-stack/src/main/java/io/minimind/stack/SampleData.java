package io.minimind.stack;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Set;

/**
 * Puts the repository's bundled sample data ({@code datasets/sample/}) into an artifact root, where
 * pipeline specs find it as {@code datasets/sample/...} (paths in specs are relative to the root).
 * Files already there are left alone, so a user's edits survive a restart; the tooling that derived
 * the data ({@code derive/}, hundreds of MB with its node_modules) is not copied.
 */
public final class SampleData {
  /** Sub-directories never copied. */
  public static final Set<String> SKIPPED_DIRS = Set.of("derive", "node_modules");

  private SampleData() {
  }

  /**
   * Copies {@code source} into {@code target}, skipping {@link #SKIPPED_DIRS} and every file that
   * already exists in {@code target}.
   *
   * @return how many files were copied (0 when everything was there)
   */
  public static int copyIfAbsent(Path source, Path target) throws IOException {
    if (!Files.isDirectory(source)) {
      throw new StackException("no sample data at " + source + " (is --home the repository root?)");
    }
    int[] copied = {0};
    Files.walkFileTree(source, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
        if (!dir.equals(source) && SKIPPED_DIRS.contains(dir.getFileName().toString())) {
          return FileVisitResult.SKIP_SUBTREE;
        }
        Files.createDirectories(target.resolve(source.relativize(dir).toString()));
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        Path to = target.resolve(source.relativize(file).toString());
        if (!Files.exists(to)) {
          Files.copy(file, to);
          copied[0]++;
        }
        return FileVisitResult.CONTINUE;
      }
    });
    return copied[0];
  }
}
