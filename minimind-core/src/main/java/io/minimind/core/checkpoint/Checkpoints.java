package io.minimind.core.checkpoint;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import io.minimind.core.io.AtomicFiles;
import io.minimind.core.tokenizer.MiniMindTokenizer;
import io.minimind.core.io.CheckpointFormatException;
import io.minimind.core.io.ConfigJson;
import io.minimind.core.io.SafeDType;
import io.minimind.core.io.SafeTensors;
import io.minimind.core.io.TensorData;
import io.minimind.core.model.MiniMindModel;
import io.minimind.core.train.AdamW;
import io.minimind.core.train.CheckpointContents;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The checkpoint directory of a run: {@code <root>/step-000100/…} plus a {@code latest} file
 * naming the newest complete checkpoint.
 */
public final class Checkpoints {
  public static final String MODEL_FILE = "model.safetensors";
  public static final String OPTIMIZER_FILE = "optimizer.safetensors";
  public static final String CONFIG_FILE = "config.json";
  public static final String STATE_FILE = "trainer_state.json";
  private static final String LATEST = "latest";
  private static final Gson GSON = new GsonBuilder().setPrettyPrinting().serializeSpecialFloatingPointValues().create();

  private final Path root;
  private final MiniMindTokenizer tokenizer;

  /** Checkpoints without tokenizer files (tests). */
  public Checkpoints(Path root) {
    this(root, null);
  }

  /** Checkpoints that also carry the tokenizer, so each one is a loadable model directory. */
  public Checkpoints(Path root, MiniMindTokenizer tokenizer) {
    this.root = root;
    this.tokenizer = tokenizer;
  }

  public Path root() {
    return root;
  }

  /** Directory name of the checkpoint after {@code step} optimizer steps. */
  public static String name(long step) {
    return String.format("step-%06d", step);
  }

  /**
   * Writes a complete checkpoint of full-parameter training (model, optimizer, config, state).
   *
   * @see #save(TrainerState, int, CheckpointContents)
   */
  public Path save(MiniMindModel model, AdamW optimizer, TrainerState state, int keep)
      throws IOException {
    return save(state, keep, new ModelCheckpoint(model, optimizer, null));
  }

  /**
   * Writes a complete checkpoint: {@code contents}, the trainer state and the tokenizer go to a
   * hidden temporary directory that is renamed into place only once everything is on disk, then
   * {@code latest} is switched to it and checkpoints beyond {@code keep} are deleted, oldest first.
   */
  public Path save(TrainerState state, int keep, CheckpointContents contents) throws IOException {
    Files.createDirectories(root);
    removeAbandonedTemporaries();
    String name = name(state.step());
    Path tmp = root.resolve("." + name + ".tmp-" + UUID.randomUUID());
    Path target = root.resolve(name);
    try {
      Files.createDirectories(tmp);
      contents.write(tmp);
      AtomicFiles.write(tmp.resolve(STATE_FILE), GSON.toJson(state).getBytes(StandardCharsets.UTF_8));
      if (tokenizer != null) {
        tokenizer.saveTo(tmp);
      }
      if (Files.exists(target)) {
        deleteTree(target); // the same step re-saved after a resume
      }
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      if (Files.exists(tmp)) {
        deleteTree(tmp);
      }
    }
    AtomicFiles.write(root.resolve(LATEST), name.getBytes(StandardCharsets.UTF_8));
    prune(keep);
    return target;
  }

  /**
   * Makes a complete checkpoint written elsewhere (an earlier attempt's directory) the newest one
   * here, so that a resumed run continues from it without touching the original. Files are
   * hard-linked when the file system allows (checkpoints are never modified after they are
   * written), copied otherwise; the directory appears atomically and {@code latest} points to it.
   *
   * @return the adopted checkpoint's directory under this root
   */
  public Path adopt(Path checkpoint) throws IOException {
    TrainerState state = readState(checkpoint); // fails clearly on anything that is not a checkpoint
    Files.createDirectories(root);
    String name = name(state.step());
    Path tmp = root.resolve("." + name + ".tmp-" + UUID.randomUUID());
    Path target = root.resolve(name);
    try {
      Files.createDirectories(tmp);
      try (var files = Files.list(checkpoint)) {
        for (Path f : (Iterable<Path>) files::iterator) {
          if (!Files.isRegularFile(f)) {
            continue;
          }
          Path dest = tmp.resolve(f.getFileName().toString());
          try {
            Files.createLink(dest, f);
          } catch (IOException | UnsupportedOperationException e) {
            Files.copy(f, dest);
          }
        }
      }
      if (Files.exists(target)) {
        deleteTree(target);
      }
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      if (Files.exists(tmp)) {
        deleteTree(tmp);
      }
    }
    AtomicFiles.write(root.resolve(LATEST), name.getBytes(StandardCharsets.UTF_8));
    return target;
  }

  /** The newest complete checkpoint, if any. */
  public Optional<Path> latest() throws IOException {
    Path pointer = root.resolve(LATEST);
    if (!Files.exists(pointer)) {
      return Optional.empty();
    }
    String name = Files.readString(pointer, StandardCharsets.UTF_8).trim();
    Path dir = root.resolve(name);
    if (!name.matches("step-\\d{6,}") || !Files.isDirectory(dir)) {
      throw new CheckpointFormatException(
          pointer + " names '" + name + "', which is not a checkpoint directory in " + root);
    }
    return Optional.of(dir);
  }

  /** Reads {@code trainer_state.json} of a checkpoint. */
  public static TrainerState readState(Path checkpoint) throws IOException {
    Path file = checkpoint.resolve(STATE_FILE);
    if (!Files.exists(file)) {
      throw new CheckpointFormatException("checkpoint " + checkpoint + " has no " + STATE_FILE);
    }
    try {
      TrainerState s = GSON.fromJson(Files.readString(file, StandardCharsets.UTF_8), TrainerState.class);
      if (s == null || s.formatVersion() < 1 || s.formatVersion() > TrainerState.CURRENT_VERSION) {
        throw new CheckpointFormatException(file + ": unsupported format_version");
      }
      return s;
    } catch (JsonParseException e) {
      throw new CheckpointFormatException(file + ": not valid JSON: " + e.getMessage(), e);
    }
  }

  /** Restores model weights and optimizer moments from a checkpoint. */
  public static void restore(Path checkpoint, MiniMindModel model, AdamW optimizer, NDManager manager)
      throws IOException {
    new ModelCheckpoint(model, optimizer, manager).read(checkpoint);
  }

  /** Deletes {@code .step-*.tmp-*} folders left by a process killed while saving. */
  private void removeAbandonedTemporaries() throws IOException {
    List<Path> stale;
    try (Stream<Path> s = Files.list(root)) {
      stale = s.filter(p -> p.getFileName().toString().matches("\\.step-\\d{6,}\\.tmp-.*")).toList();
    }
    for (Path p : stale) {
      deleteTree(p);
    }
  }

  private void prune(int keep) throws IOException {
    List<Path> all;
    try (Stream<Path> s = Files.list(root)) {
      all = s.filter(p -> p.getFileName().toString().matches("step-\\d{6,}"))
          .sorted(Comparator.comparing(p -> p.getFileName().toString()))
          .toList();
    }
    for (int i = 0; i < all.size() - keep; i++) {
      deleteTree(all.get(i));
    }
  }

  static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
