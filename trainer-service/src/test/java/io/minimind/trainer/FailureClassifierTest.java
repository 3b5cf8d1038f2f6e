package io.minimind.trainer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.minimind.contracts.messages.ErrorClass;
import io.minimind.core.data.BadLine;
import io.minimind.core.data.DataFormatException;
import io.minimind.core.io.CheckpointFormatException;
import io.minimind.core.train.TrainingDivergedException;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** The error class decides retries; each cause must land in the right one, saying where. */
class FailureClassifierTest {
  private final FailureClassifier classifier = new FailureClassifier();

  @Test
  void badDataIsDataWithFileAndLine() {
    var f = classifier.classify(new DataFormatException(
        new BadLine(Path.of("/data/train.jsonl"), 7, "not JSON"), 1, 0));
    assertEquals(ErrorClass.DATA, f.errorClass());
    assertEquals("/data/train.jsonl:7", f.where());
    assertTrue(f.message().contains("not JSON"), f.message());
  }

  @Test
  void specProblemsAreSpec() {
    var f = classifier.classify(new SpecException("parameters.batchSize", "parameter batchSize must be >= 1"));
    assertEquals(ErrorClass.SPEC, f.errorClass());
    assertEquals("parameters.batchSize", f.where());
    assertEquals(ErrorClass.SPEC, classifier.classify(new IllegalArgumentException("unknown preset 'x'")).errorClass());
    assertEquals(ErrorClass.SPEC, classifier.classify(new CheckpointFormatException("c has no x")).errorClass());
    var missing = classifier.classify(new NoSuchFileException("/root/datasets/gone.jsonl"));
    assertEquals(ErrorClass.SPEC, missing.errorClass());
    assertEquals("/root/datasets/gone.jsonl", missing.where());
  }

  @Test
  void divergenceIsSpecPointingAtTheLearningRate() {
    var f = classifier.classify(new TrainingDivergedException("loss is NaN at step 12"));
    assertEquals(ErrorClass.SPEC, f.errorClass());
    assertEquals("parameters.learningRate", f.where());
    assertTrue(f.message().contains("step 12") && f.message().contains("lower learningRate"), f.message());
  }

  @Test
  void resourceAndBrokerTroubleIsTransient() {
    assertEquals(ErrorClass.TRANSIENT, classifier.classify(new OutOfMemoryError("Java heap space")).errorClass());
    assertEquals(ErrorClass.TRANSIENT,
        classifier.classify(new RuntimeException("CUDA out of memory. Tried to allocate 2 GiB")).errorClass());
    var disk = classifier.classify(new IOException("No space left on device"));
    assertEquals(ErrorClass.TRANSIENT, disk.errorClass());
    assertTrue(disk.message().contains("No space left"), disk.message());
    var kafka = classifier.classify(new CompletionException(
        new org.apache.kafka.common.errors.TimeoutException("Expiring 1 record(s)")));
    assertEquals(ErrorClass.TRANSIENT, kafka.errorClass());
    assertTrue(kafka.message().contains("Kafka"), kafka.message());
  }

  @Test
  void anythingElseIsInternal() {
    var f = classifier.classify(new CompletionException(new NullPointerException("model was null")));
    assertEquals(ErrorClass.INTERNAL, f.errorClass());
    assertTrue(f.message().contains("NullPointerException") && f.message().contains("model was null"), f.message());
    assertEquals(ErrorClass.INTERNAL, classifier.classify(new IllegalStateException()).errorClass());
  }
}
