package io.minimind.contracts.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.minimind.contracts.messages.StageKind;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The committed JSON Schema must describe exactly what {@link StageParameters} validates; these
 * tests fail when someone changes one and not the other.
 */
class PipelineSpecSchemaTest {

  private static JsonNode schema() throws Exception {
    return SchemaGenerator.MAPPER.readTree(PipelineSpecs.jsonSchema());
  }

  @Test
  void schemaIsValidJsonDeclaringDraft2020() throws Exception {
    JsonNode s = schema();
    assertEquals("https://json-schema.org/draft/2020-12/schema", s.get("$schema").asText());
    assertEquals(false, s.get("additionalProperties").asBoolean());
  }

  @Test
  void everyKindAndParameterAppearsInTheSchema() throws Exception {
    JsonNode s = schema();
    JsonNode defs = s.get("$defs");
    List<String> kinds = new ArrayList<>();
    defs.get("stage").get("properties").get("kind").get("enum")
        .forEach(k -> kinds.add(k.asText()));
    for (StageKind kind : StageKind.values()) {
      assertTrue(kinds.contains(kind.wireName()), "kind enum lacks " + kind);
      JsonNode params = defs.get("parameters-" + kind.wireName());
      assertNotNull(params, "no $defs/parameters-" + kind.wireName());
      assertEquals(false, params.get("additionalProperties").asBoolean());
      List<String> names = new ArrayList<>();
      params.get("properties").fieldNames().forEachRemaining(names::add);
      assertEquals(StageParameters.names(kind), names, "parameters of " + kind);
      for (ParameterDef d : StageParameters.definitions(kind)) {
        JsonNode def = params.get("properties").get(d.name()).get("default");
        if (d.defaultValue() != null) {
          assertEquals(SchemaGenerator.MAPPER.valueToTree(d.defaultValue()).toString(),
              String.valueOf(def),
              "default of " + kind + "." + d.name());
        }
      }
    }
  }

  @Test
  void everyKindHasAnIfThenRuleSelectingItsParameters() throws Exception {
    JsonNode allOf = schema().get("$defs").get("stage").get("allOf");
    List<String> ruled = new ArrayList<>();
    for (JsonNode rule : allOf) {
      String kind = rule.get("if").get("properties").get("kind").get("const").asText();
      assertEquals("#/$defs/parameters-" + kind,
          rule.get("then").get("properties").get("parameters").get("$ref").asText());
      ruled.add(kind);
    }
    for (StageKind kind : StageKind.values()) {
      assertTrue(ruled.contains(kind.wireName()), "no if/then for " + kind);
    }
  }

  @Test
  void committedSchemaIsTheGeneratedOne() throws Exception {
    // Round-trip the generated tree through text so numeric node types (int vs long) compare equal.
    JsonNode generated = SchemaGenerator.MAPPER.readTree(
        SchemaGenerator.MAPPER.writeValueAsString(SchemaGenerator.generate()));
    assertTrue(generated.equals(schema()),
        "pipeline-spec.schema.json is stale: regenerate it with SchemaGenerator (see its Javadoc)");
  }
}
