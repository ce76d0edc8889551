package dev.chorus.protocol.messages;

import dev.chorus.protocol.json.HermesMessage;

/**
 * {@code rhasspy/nlu/{siteId}/train}. Rhasspy sends {@code {graphPath, id, graphFormat, sentences, slots}}; the Chorus
 * nlu module trains from its template folders, so only {@code id} is used (echoed in trainSuccess) and nothing is
 * required. Wire order id, graphPath.
 */
@HermesMessage
public record NluTrain(String id, String graphPath) {}
