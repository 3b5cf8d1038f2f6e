package io.minimind.inference.api;

import io.minimind.inference.chat.ChoiceRun;
import io.vertx.core.http.HttpServerResponse;
import java.util.List;

/**
 * Cancels a request's choices when its client closes the connection. A whole (non-streamed)
 * response writes nothing until every choice is done, so nothing else would notice: a client
 * that gave up would keep its choices in the batch until max_tokens. (A stream also notices when
 * a write fails; this catches it earlier, while the prompt is still queued or prefilled.)
 */
final class ClientDisconnect {
  private ClientDisconnect() {}

  /** Called on the request's worker thread once the choices are submitted. */
  static void cancelOnClose(HttpServerResponse response, List<ChoiceRun> runs) {
    Runnable cancel = () -> runs.forEach(ChoiceRun::clientGone);
    response.closeHandler(ignored -> cancel.run()); // on the event loop, when the connection closes
    if (response.closed()) {
      cancel.run(); // it closed before the handler was set, so the handler will not run
    }
  }
}
