package dev.chorus.nlu.hermes;

import dev.chorus.protocol.json.HermesMessage;

/**
 * {@code rhasspy/nlu/{siteId}/train}: Rhasspy sends {@code {graphPath, id, graphFormat, sentences, slots}}; this
 * module trains from its template folders, so only {@code id} is used (echoed in trainSuccess) and nothing is
 * required.
 */
@HermesMessage
record TrainRequest(String id, String graphPath) {}
