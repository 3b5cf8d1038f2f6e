package io.minimind.inference.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.minimind.core.serving.InvalidParameterException;
import io.minimind.core.serving.QueueFullException;
import io.minimind.inference.model.ModelNotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.jboss.logging.Logger;

/**
 * Errors in OpenAI's shape, {@code {"error": {"message", "type", "param", "code"}}}, with the status
 * OpenAI's SDKs map to their exception types: 400 bad parameter (naming it), 404 unknown model,
 * 429 server full (with Retry-After), 504 request timeout, 500 otherwise.
 */
@Provider
public class OpenAiErrorMapper implements ExceptionMapper<Exception> {
  private static final Logger LOG = Logger.getLogger(OpenAiErrorMapper.class);

  @Override
  public Response toResponse(Exception e) {
    if (e instanceof InvalidParameterException p) {
      return error(400, "invalid_request_error", p.getMessage(), p.param(), null);
    }
    if (e instanceof ModelNotFoundException) {
      return error(404, "invalid_request_error", e.getMessage(), "model", "model_not_found");
    }
    if (e instanceof QueueFullException) {
      Response r = error(429, "rate_limit_error", e.getMessage(), null, "server_busy");
      return Response.fromResponse(r).header("Retry-After", "1").build();
    }
    if (e instanceof TimeoutException || e.getCause() instanceof TimeoutException) {
      String message = e instanceof TimeoutException ? e.getMessage() : e.getCause().getMessage();
      return error(504, "timeout_error", message, null, "timeout");
    }
    if (e instanceof JsonProcessingException || e.getCause() instanceof JsonProcessingException) {
      return error(400, "invalid_request_error", "the body is not valid JSON: " + e.getMessage(), null, null);
    }
    if (e instanceof WebApplicationException w) {
      int status = w.getResponse().getStatus();
      return error(status, status < 500 ? "invalid_request_error" : "server_error", e.getMessage(), null, null);
    }
    LOG.error("request failed", e);
    return error(500, "server_error", String.valueOf(e.getMessage()), null, null);
  }

  static Response error(int status, String type, String message, String param, String code) {
    Map<String, Object> err = new LinkedHashMap<>();
    err.put("message", message);
    err.put("type", type);
    err.put("param", param);
    err.put("code", code);
    return Response.status(status).entity(Map.of("error", err)).type("application/json").build();
  }
}
