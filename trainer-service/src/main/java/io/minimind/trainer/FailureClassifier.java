package io.minimind.trainer;

import io.minimind.contracts.messages.ErrorClass;
import io.minimind.core.data.BadLine;
import io.minimind.core.data.DataFormatException;
import io.minimind.core.data.ShardFormatException;
import io.minimind.core.io.CheckpointFormatException;
import io.minimind.core.train.TrainingDivergedException;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.util.Locale;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Decides, in one place, the {@link ErrorClass} of a failed job, because that decides whether the
 * orchestrator retries it: a retry only helps when the cause is outside the job (memory, disk,
 * broker). The message always says what and where (parameter, file:line, URI).
 *
 * <ul>
 *   <li>{@link DataFormatException} → DATA, where = {@code file:line};
 *       {@link ShardFormatException} → DATA;</li>
 *   <li>{@link SpecException} (bad parameter, bad URI), other {@link IllegalArgumentException},
 *       {@link CheckpointFormatException} (a resumeFrom or initModel that is not one) → SPEC;</li>
 *   <li>{@link TrainingDivergedException} → SPEC: the run is deterministic (seeded data order,
 *       resumed from the last good checkpoint), so a retry with the same learning rate diverges
 *       again; the message tells the user to lower {@code learningRate} (or {@code gradClip});</li>
 *   <li>{@link OutOfMemoryError}, CUDA out of memory, I/O errors (disk full, a flaky volume), and
 *       failures to send to Kafka → TRANSIENT;</li>
 *   <li>anything else → INTERNAL (a bug: retrying would fail the same way).</li>
 * </ul>
 */
@ApplicationScoped
public class FailureClassifier {

  /** What a StageFailed says. */
  public record Failure(ErrorClass errorClass, String message, String where) {}

  /** Classifies {@code error}, unwrapping the completion wrappers of asynchronous sends. */
  public Failure classify(Throwable error) {
    Throwable e = unwrap(error);
    if (e instanceof DataFormatException d) {
      BadLine bad = d.badLine();
      return new Failure(ErrorClass.DATA, d.getMessage(),
          bad == null ? null : bad.path() + ":" + bad.lineNumber());
    }
    if (e instanceof ShardFormatException) {
      return new Failure(ErrorClass.DATA, e.getMessage(), null);
    }
    if (e instanceof SpecException s) {
      return new Failure(ErrorClass.SPEC, s.getMessage(), s.where());
    }
    if (e instanceof TrainingDivergedException) {
      return new Failure(ErrorClass.SPEC, "training diverged: " + e.getMessage()
          + "; retrying would diverge again: lower learningRate (or gradClip)",
          "parameters.learningRate");
    }
    if (e instanceof IllegalArgumentException || e instanceof CheckpointFormatException) {
      return new Failure(ErrorClass.SPEC, text(e), null);
    }
    if (e instanceof NoSuchFileException || e instanceof AccessDeniedException) {
      IOException io = (IOException) e;
      return new Failure(ErrorClass.SPEC, e.getClass().getSimpleName() + ": " + text(io),
          ((java.nio.file.FileSystemException) io).getFile());
    }
    if (e instanceof OutOfMemoryError || isCudaOutOfMemory(e)) {
      return new Failure(ErrorClass.TRANSIENT, "out of memory: " + text(e), null);
    }
    if (e instanceof IOException || e instanceof UncheckedIOException) {
      return new Failure(ErrorClass.TRANSIENT, "I/O error: " + text(e), null);
    }
    if (isKafka(e)) {
      return new Failure(ErrorClass.TRANSIENT, "sending to Kafka failed: " + text(e), null);
    }
    return new Failure(ErrorClass.INTERNAL, e.getClass().getName() + ": " + text(e), null);
  }

  static Throwable unwrap(Throwable e) {
    Throwable t = e;
    while ((t instanceof CompletionException || t instanceof ExecutionException)
        && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }

  private static boolean isCudaOutOfMemory(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      String m = t.getMessage();
      if (m != null && m.toLowerCase(Locale.ROOT).contains("out of memory")) {
        return true;
      }
    }
    return false;
  }

  private static boolean isKafka(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t.getClass().getName().startsWith("org.apache.kafka.")) {
        return true;
      }
    }
    return false;
  }

  private static String text(Throwable e) {
    String m = e.getMessage();
    return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
  }
}
