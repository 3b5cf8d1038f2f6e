package io.minimind.core.train;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;

/**
 * PyTorch's grad mode is per thread and on by default. DJL switches it off only on the thread that
 * creates the engine, and the trainer updates parameters in place outside its gradient collector,
 * which PyTorch refuses with grad mode on ("a leaf Variable that requires grad is being used in an
 * in-place operation"). Services run training on pool threads that are not that thread, so every
 * run switches it off on its own thread first.
 */
public final class GradMode {
  private GradMode() {}

  public static void offOnThisThread() {
    if ("PyTorch".equals(Engine.getInstance().getEngineName())) {
      JniUtils.setGradMode(false);
    }
  }
}
