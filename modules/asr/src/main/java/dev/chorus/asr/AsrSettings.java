package dev.chorus.asr;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The asr module's validated configuration, from {@code CHORUS_ASR_*} variables (see {@link AsrSettingsLoader} and
 * modules/asr/CONFIG.md).
 *
 * @param decoders         loaded Sphinx4 recognisers, each decoding one session at a time (while it records)
 * @param queueSize        sessions waiting for a decoder (recording meanwhile), besides those decoding
 * @param maxSessions      listening sessions at once, over all sites
 * @param thresholdDb      speech = frame energy this many dB above the noise floor
 * @param silence          trailing silence that ends the speech
 * @param minSpeech        speech needed before silence can end it
 * @param timeout          nobody speaks this long: empty textCaptured
 * @param maxDuration      longest audio one session records
 * @param maxGrammarBytes  largest {@code chorus/nlu/grammar} payload accepted
 * @param grammarCacheSize grammars (one per intent filter) kept ready to load
 * @param grammarDir       private folder for the grammar files Sphinx4 reads
 * @param rejectOutOfGrammar whether speech the commands do not cover comes out as empty text (Sphinx4's branch)
 * @param rejectOutOfDomain  whether a second, large-vocabulary decode checks each sentence the grammar found
 * @param outOfDomainThreshold mismatch (nats per 10 ms frame) above which that check rejects the sentence
 */
public record AsrSettings(
        int decoders,
        int queueSize,
        int maxSessions,
        double thresholdDb,
        Duration silence,
        Duration minSpeech,
        Duration timeout,
        Duration maxDuration,
        int maxGrammarBytes,
        int grammarCacheSize,
        Path grammarDir,
        boolean rejectOutOfGrammar,
        boolean rejectOutOfDomain,
        double outOfDomainThreshold) {}
