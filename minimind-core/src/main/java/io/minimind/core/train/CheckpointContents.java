package io.minimind.core.train;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The tensors and state an algorithm needs to resume exactly: its trainable weights and optimizer
 * moments, plus whatever else it keeps (a critic, a value tracker, an old policy). Written into a
 * checkpoint's temporary directory, which {@link io.minimind.core.checkpoint.Checkpoints} makes
 * visible atomically only once everything is on disk.
 */
public interface CheckpointContents {
  /** Writes everything into {@code dir} (a fresh, empty directory). */
  void write(Path dir) throws IOException;

  /** Restores everything from a complete checkpoint directory. */
  void read(Path dir) throws IOException;
}
