package dev.chorus.protocol;

/**
 * Where a failure on a Hermes/Rhasspy topic is reported.
 *
 * @param errorTopic the Hermes error topic, e.g. {@code hermes/error/tts}
 * @param contextKey the payload key, or else topic variable, whose value becomes {@code HermesError.context}
 *                   (Rhasspy uses the say {@code id} for TTS, the query {@code input} for NLU, the requestId for playBytes)
 */
public record HermesErrorRoute(String errorTopic, String contextKey) {}
