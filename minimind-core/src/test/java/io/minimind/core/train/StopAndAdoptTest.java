package io.minimind.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.minimind.core.checkpoint.Checkpoints;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a trainer worker relies on: a stop request ends the run cleanly at a step boundary, and a
 * new attempt in another directory that adopts the old attempt's checkpoint continues exactly as
 * an uninterrupted run would (same losses, step counter continuing).
 */
class StopAndAdoptTest {
  private static TrainConfig cfg() {
    // 6 steps, a checkpoint every 2.
    return new TrainConfig(1, 2, 1e-3, 32, 1, 1.0, 0.01, 2, 1, 11, true, 6, 0, 5);
  }

  private static Path data(Path tmp) throws Exception {
    Path p = tmp.resolve("p.jsonl");
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      lines.add("{\"text\": \"春眠不觉晓，处处闻啼鸟。" + i + "\"}");
    }
    Files.write(p, lines);
    return p;
  }

  private static TrainingRun.Spec spec(Path data, Path out, boolean resume) {
    return new TrainingRun.Spec(TrainingRun.Mode.PRETRAIN, data, out, "tiny", TrainingRunTest.TINY,
        null, null, cfg(), 0, resume);
  }

  @Test
  void stoppedRunResumedInAnotherDirectoryMatchesAnUninterruptedOne(@TempDir Path tmp) throws Exception {
    Path data = data(tmp);
    var whole = TrainingRun.run(spec(data, tmp.resolve("whole"), false), ProgressListener.NONE);
    assertEquals(6, whole.result().losses().size());

    ProgressListener stopAfterFour = new ProgressListener() {
      long step;

      @Override
      public void onStep(StepMetrics m) {
        step = m.step();
      }

      @Override
      public boolean stopRequested() {
        return step >= 4;
      }
    };
    var first = TrainingRun.run(spec(data, tmp.resolve("attempt-1"), false), stopAfterFour);
    assertEquals(4, first.result().stepsDone());
    assertFalse(first.result().completed());
    assertEquals(null, first.modelDir(), "no model directory for a stopped run");
    Path ckpt = tmp.resolve("attempt-1/checkpoints/step-000004");
    assertTrue(Files.isDirectory(ckpt));

    Path adopted = new Checkpoints(tmp.resolve("attempt-2/checkpoints")).adopt(ckpt);
    assertEquals("step-000004", adopted.getFileName().toString());
    var second = TrainingRun.run(spec(data, tmp.resolve("attempt-2"), true), ProgressListener.NONE);
    assertEquals(6, second.result().stepsDone());
    assertTrue(second.result().completed());
    assertEquals(whole.result().losses().subList(4, 6), second.result().losses());
    assertTrue(Files.isDirectory(ckpt), "the earlier attempt's checkpoint is left as it was");
  }

  @Test
  void adoptingSomethingThatIsNotACheckpointFailsClearly(@TempDir Path tmp) throws Exception {
    Path notACheckpoint = Files.createDirectories(tmp.resolve("empty"));
    var e = assertThrows(Exception.class,
        () -> new Checkpoints(tmp.resolve("c")).adopt(notACheckpoint));
    assertTrue(e.getMessage().contains("empty"), e.getMessage());
  }

  @Test
  void trainingRunsOnAThreadWhereGradModeIsOn(@TempDir Path tmp) throws Exception {
    Path data = data(tmp);
    TrainingRun.run(spec(data, tmp.resolve("warm"), false), ProgressListener.NONE); // engine up
    java.util.concurrent.atomic.AtomicReference<Throwable> failure = new java.util.concurrent.atomic.AtomicReference<>();
    Thread t = new Thread(() -> {
      try {
        ai.djl.pytorch.jni.JniUtils.setGradMode(true); // a fresh thread's PyTorch default
        TrainingRun.run(spec(data, tmp.resolve("other-thread"), false), ProgressListener.NONE);
      } catch (Throwable e) {
        failure.set(e);
      }
    });
    t.start();
    t.join();
    assertEquals(null, failure.get(), "training on a pool thread must work");
  }
}
