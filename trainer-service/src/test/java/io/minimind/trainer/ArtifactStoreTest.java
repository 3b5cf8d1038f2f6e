package io.minimind.trainer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Nothing outside the artifact root can be named by a job. */
class ArtifactStoreTest {
  @TempDir
  Path tmp;

  @Test
  void resolvesFileUrisInsideTheRootAndBack() {
    ArtifactStore store = new ArtifactStore(tmp.resolve("root"));
    Path p = store.resolve(tmp.resolve("root/pipelines/p/s/attempt-1").toUri().toString(), "outputUri");
    assertEquals(tmp.resolve("root/pipelines/p/s/attempt-1").toAbsolutePath(), p);
    assertEquals(p, store.resolve(store.uri(p), "outputUri"));
    // dot segments that stay inside are fine once normalised
    assertEquals(store.root().resolve("datasets/a.jsonl"),
        store.resolve("file://" + store.root() + "/pipelines/../datasets/a.jsonl", "inputUris[0]"));
  }

  @Test
  void rejectsEscapesNamingTheField() {
    ArtifactStore store = new ArtifactStore(tmp.resolve("root"));
    String root = store.root().toString();
    assertRejected(store, "file:/etc/passwd", "outside");
    assertRejected(store, "file:///etc/passwd", "outside");
    assertRejected(store, "file://" + root + "/../secret", "outside");
    assertRejected(store, "file://" + root + "/datasets/../../secret", "outside");
    assertRejected(store, "file://" + root + "-sibling/x", "outside");
    assertRejected(store, "s3://bucket" + root + "/x", "file: URI");
    assertRejected(store, "http://example.com/x", "file: URI");
    assertRejected(store, "datasets/relative.jsonl", "file: URI");
    assertRejected(store, "file://otherhost" + root + "/x", "remote host");
    assertRejected(store, "file:// bad uri", "not a valid URI");
  }

  private static void assertRejected(ArtifactStore store, String uri, String text) {
    SpecException e = assertThrows(SpecException.class, () -> store.resolve(uri, "inputUris[1]"), uri);
    assertEquals("inputUris[1]", e.where());
    assertTrue(e.getMessage().contains("inputUris[1]") && e.getMessage().contains(text), e.getMessage());
  }
}
