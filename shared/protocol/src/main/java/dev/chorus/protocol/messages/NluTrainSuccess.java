package dev.chorus.protocol.messages;

import dev.chorus.protocol.json.HermesMessage;

/** {@code rhasspy/nlu/{siteId}/trainSuccess} {@code {id}}: the train request's id. */
@HermesMessage
public record NluTrainSuccess(String id) {}
