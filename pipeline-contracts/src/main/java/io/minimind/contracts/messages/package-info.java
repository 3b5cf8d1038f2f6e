/**
 * Kafka message contracts shared by the orchestrator, trainer-service and tokenizer-service.
 *
 * <h2>Shape</h2>
 * Every message carries the same envelope ({@link io.minimind.contracts.messages.StageMessage}):
 * {@code messageId} (UUID string, for deduplication), {@code schemaVersion}
 * ({@link io.minimind.contracts.messages.Messages#SCHEMA_VERSION}), {@code pipelineId},
 * {@code stageId} and {@code attempt}, plus a timestamp in epoch milliseconds ({@code createdAt}
 * on {@link io.minimind.contracts.messages.StageJob}, {@code sentAt} on events). Timestamps are
 * {@code long} epoch millis so that no Java-time Jackson module is needed on either side.
 *
 * <h2>Why a sealed interface and not an envelope record with a payload</h2>
 * Events are records implementing the sealed interface
 * {@link io.minimind.contracts.messages.StageEvent}, serialised flat with a {@code "type"}
 * discriminator, rather than one {@code Envelope<P>} record wrapping a typed payload:
 * <ul>
 *   <li>the JSON is flat ({@code {"type":"stage-failed","messageId":...,"errorClass":...}}), easy
 *       to read in a console consumer and to query, with no nested {@code payload} object;</li>
 *   <li>polymorphism needs only {@code @JsonTypeInfo}/{@code @JsonSubTypes} from
 *       jackson-annotations; a generic payload would need a type reference or an external type id
 *       at every deserialiser;</li>
 *   <li>the compiler knows every event type ({@code sealed}), so a consumer's dispatch can be
 *       checked to be complete, and each record validates its envelope and payload together in one
 *       compact constructor;</li>
 *   <li>one topic ({@code stage-events}) carries several event types and is read into
 *       {@code StageEvent}; single-type topics (heartbeats, model published) can be read straight
 *       into the concrete record, which still accepts the {@code type} property.</li>
 * </ul>
 * The cost is that the six envelope components are repeated in each record.
 * {@code StageJob} is the only message on the stage-request topic and has no discriminator.
 *
 * <h2>Compatibility</h2>
 * Records ignore unknown JSON fields ({@code @JsonIgnoreProperties(ignoreUnknown = true)}), so a
 * field added later does not break older readers; a field's meaning or a wire value never changes
 * within one {@code schemaVersion}. Wire values: {@link io.minimind.contracts.messages.StageKind}
 * is kebab-case ({@code "tokenizer-train"}), {@link io.minimind.contracts.messages.ErrorClass} is
 * the constant name ({@code "TRANSIENT"}).
 *
 * <h2>Dependencies</h2>
 * This module depends on jackson-annotations only (no runtime code). Services supply the
 * ObjectMapper and their own {@code ObjectMapperDeserializer} subclasses (Quarkus Kafka), e.g.
 * {@code class StageEventDeserializer extends ObjectMapperDeserializer<StageEvent>}.
 * Constructors throw {@link java.lang.IllegalArgumentException} with the record and field name in
 * the message; Jackson wraps it in a {@code ValueInstantiationException} on read.
 */
package io.minimind.contracts.messages;
