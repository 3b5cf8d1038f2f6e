package io.minimind.tokenizer;

import io.minimind.core.data.DataFormatException;
import io.minimind.core.data.ShardFormatException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.Map;

/** Every error as JSON {@code {type, code, message}}: 404 missing, 422 invalid, 500 otherwise. */
@Provider
public class ErrorMapper implements ExceptionMapper<Exception> {
  @Override
  public Response toResponse(Exception e) {
    int status;
    if (e instanceof NotFoundException) {
      status = 404;
    } else if (e instanceof InvalidRequestException || e instanceof IllegalArgumentException
        || e instanceof DataFormatException || e instanceof ShardFormatException) {
      status = 422;
    } else if (e instanceof WebApplicationException w) {
      status = w.getResponse().getStatus();
    } else {
      status = 500;
    }
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return Response.status(status)
        .entity(Map.of("type", e.getClass().getSimpleName(), "code", status, "message", message))
        .type("application/json")
        .build();
  }
}
