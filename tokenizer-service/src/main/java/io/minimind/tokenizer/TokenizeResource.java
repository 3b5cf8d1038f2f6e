package io.minimind.tokenizer;

import io.minimind.core.tokenizer.MiniMindTokenizer;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Encode and decode text with a registered tokenizer. */
@Path("/v1")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class TokenizeResource {
  private final TokenizerRegistry registry;
  private final TokenizerSettings settings;

  public TokenizeResource(TokenizerRegistry registry, TokenizerSettings settings) {
    this.registry = registry;
    this.settings = settings;
  }

  /** @param tokenizer id (default "minimind") */
  public record TokenizeRequest(String tokenizer, String text) {}

  public record TokenizeResponse(String tokenizer, List<Integer> ids, int count) {}

  public record DetokenizeRequest(String tokenizer, List<Integer> ids, Boolean skipSpecialTokens) {}

  public record DetokenizeResponse(String tokenizer, String text) {}

  @POST
  @Path("/tokenize")
  public TokenizeResponse tokenize(TokenizeRequest request) {
    if (request == null || request.text() == null) {
      throw new InvalidRequestException("text is required");
    }
    checkText(request.text(), settings.maxTextBytes());
    MiniMindTokenizer tok = registry.get(request.tokenizer());
    int[] ids = tok.encode(request.text());
    return new TokenizeResponse(idOf(request.tokenizer()), java.util.Arrays.stream(ids).boxed().toList(), ids.length);
  }

  @POST
  @Path("/detokenize")
  public DetokenizeResponse detokenize(DetokenizeRequest request) {
    if (request == null || request.ids() == null) {
      throw new InvalidRequestException("ids is required");
    }
    if (request.ids().size() > settings.maxIds()) {
      throw new InvalidRequestException("ids has " + request.ids().size() + " entries; at most "
          + settings.maxIds() + " are accepted");
    }
    MiniMindTokenizer tok = registry.get(request.tokenizer());
    int[] ids = new int[request.ids().size()];
    for (int i = 0; i < ids.length; i++) {
      Integer id = request.ids().get(i);
      if (id == null || id < 0 || id >= tok.vocabSize()) {
        throw new InvalidRequestException("ids[" + i + "] = " + id + " is not a token id of '"
            + idOf(request.tokenizer()) + "' (vocabulary size " + tok.vocabSize() + ")");
      }
      ids[i] = id;
    }
    boolean skip = Boolean.TRUE.equals(request.skipSpecialTokens());
    return new DetokenizeResponse(idOf(request.tokenizer()), tok.decode(ids, skip));
  }

  static String idOf(String requested) {
    return requested == null ? TokenizerRegistry.DEFAULT_ID : requested;
  }

  /** Rejects text over the size limit or with unpaired surrogates (not valid Unicode). */
  static void checkText(String text, int maxBytes) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c)) {
        if (i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
          throw new InvalidRequestException("text has an unpaired surrogate at character " + i);
        }
        i++;
      } else if (Character.isLowSurrogate(c)) {
        throw new InvalidRequestException("text has an unpaired surrogate at character " + i);
      }
    }
    int bytes = text.getBytes(StandardCharsets.UTF_8).length;
    if (bytes > maxBytes) {
      throw new InvalidRequestException("text is " + bytes + " bytes of UTF-8; at most " + maxBytes + " are accepted");
    }
  }
}
