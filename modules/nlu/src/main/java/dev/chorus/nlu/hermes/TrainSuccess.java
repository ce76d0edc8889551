package dev.chorus.nlu.hermes;

import dev.chorus.protocol.json.HermesMessage;

/** {@code rhasspy/nlu/{siteId}/trainSuccess} {@code {id}}: the request's id. */
@HermesMessage
record TrainSuccess(String id) {}
