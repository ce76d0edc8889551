package dev.chorus.systemtests;

import java.util.Map;
import java.util.Objects;

/**
 * What one spoken command of the voice benchmark gave: what was recognised and when each step arrived at the watcher,
 * in ms after the arrival of the frame carrying the command's last speech sample ({@code null}: not seen).
 *
 * @param wake         a wake word was detected on the site for it
 * @param text         textCaptured's text ({@code null}: none)
 * @param intent       the intent found ({@code null}: none; "" = intentNotRecognized)
 * @param slots        its slots, name → value as text
 * @param asrSeconds   textCaptured's {@code seconds}: the asr's decoding time left after the recording
 * @param vadAudioMs   audio time the VAD must wait after the last speech frame: the frames until the configured
 *                     trailing silence is complete
 * @param ttsFirstMs   the tts module's own "first audio N ms after the request" for the answer (its log)
 * @param textMs       textCaptured
 * @param queryMs      nlu/query
 * @param intentMs     hermes/intent/{name} (or intentNotRecognized)
 * @param sayMs        tts/say of the answer
 * @param beepMs       the first playBytes on the site after textCaptured that is not the answer (the end beep)
 * @param answerMs     the first playBytes of the answer
 * @param ended        sessionEnded's termination reason ({@code null}: no session)
 * @param sayId        the id of the answer's tts/say ("" if none)
 */
record VoiceResult(
        VoiceCommand command,
        boolean wake,
        String text,
        String intent,
        Map<String, String> slots,
        Double asrSeconds,
        Double vadAudioMs,
        Double ttsFirstMs,
        Double textMs,
        Double queryMs,
        Double intentMs,
        Double sayMs,
        Double beepMs,
        Double answerMs,
        String ended,
        String sayId) {

    /** The same result with the tts module's first-audio time of its answer. */
    VoiceResult withTtsFirstMs(Double ms) {
        return new VoiceResult(
                command,
                wake,
                text,
                intent,
                slots,
                asrSeconds,
                vadAudioMs,
                ms,
                textMs,
                queryMs,
                intentMs,
                sayMs,
                beepMs,
                answerMs,
                ended,
                sayId);
    }

    boolean exactText() {
        return command.text().equals(text);
    }

    boolean rightIntent() {
        return command.intent().equals(intent);
    }

    boolean rightSlots() {
        return rightIntent() && Objects.equals(command.slots(), slots);
    }

    /** Engine compute: VAD audio wait + asr decode + tts first audio (nlu matching: microseconds, see "NLU"). */
    Double computeMs() {
        if (vadAudioMs == null || asrSeconds == null || ttsFirstMs == null) {
            return null;
        }
        return vadAudioMs + asrSeconds * 1000 + ttsFirstMs;
    }

    /** End to end (last speech frame → first answer playBytes) minus engine compute. */
    Double overheadMs() {
        Double compute = computeMs();
        return compute == null || answerMs == null ? null : answerMs - compute;
    }
}
