package io.minimind.core.rl;

import io.minimind.core.train.CheckpointContents;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Several checkpoint contents written into, and read from, the same directory (distinct files). */
public final class CompositeCheckpoint implements CheckpointContents {
  private final List<CheckpointContents> parts;

  public CompositeCheckpoint(CheckpointContents... parts) {
    this.parts = List.of(parts);
  }

  @Override
  public void write(Path dir) throws IOException {
    for (CheckpointContents p : parts) {
      p.write(dir);
    }
  }

  @Override
  public void read(Path dir) throws IOException {
    for (CheckpointContents p : parts) {
      p.read(dir);
    }
  }
}
