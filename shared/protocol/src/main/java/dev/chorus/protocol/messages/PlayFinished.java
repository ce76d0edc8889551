package dev.chorus.protocol.messages;

import dev.chorus.protocol.json.HermesMessage;

/**
 * {@code hermes/audioServer/{siteId}/playFinished}. No siteId in the payload: the site is only in the topic.
 * Rhasspy echoes the playBytes requestId in both keys. Wire order id, sessionId.
 */
@HermesMessage
public record PlayFinished(String id, String sessionId) {}
