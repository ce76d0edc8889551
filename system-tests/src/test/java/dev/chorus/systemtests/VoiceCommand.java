package dev.chorus.systemtests;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A spoken command of the voice benchmark: a sentence the built-in templates (intents/sentences.ini) generate, with the
 * intent and the slots (name → {@code value.value} as text) the nlu module must find in it.
 */
record VoiceCommand(String text, String intent, Map<String, String> slots) {

    /**
     * Every built-in intent, interleaved so that the first N sentences cover as many intents as N allows. Timers are set
     * for hours, so none rings during a run (a ringing timer would be a session of its own on the site).
     */
    static final List<List<VoiceCommand>> BY_INTENT = List.of(
            List.of(
                    of("what time is it", "GetTime"),
                    of("what is the time", "GetTime"),
                    of("tell me the time", "GetTime")),
            List.of(
                    of("turn on the kitchen light", "ChangeLightState", "state", "on", "room", "kitchen"),
                    of("turn off the bedroom lights", "ChangeLightState", "state", "off", "room", "bedroom"),
                    of("turn the living room light on", "ChangeLightState", "room", "living_room", "state", "on"),
                    of("switch off the garage light", "ChangeLightState", "state", "off", "room", "garage"),
                    of("turn off the lights", "ChangeLightState", "state", "off")),
            List.of(
                    of("set a timer for two hours", "SetTimer", "amount", "2", "unit", "hours"),
                    of("start a three hour timer", "SetTimer", "amount", "3", "unit", "hours"),
                    of("five hours timer", "SetTimer", "amount", "5", "unit", "hours")),
            List.of(
                    of("what is the weather like today", "GetWeather"),
                    of("how is the weather", "GetWeather"),
                    of("will it rain today", "GetWeather")),
            List.of(
                    of("what is the date today", "GetDate"),
                    of("what day is it", "GetDate"),
                    of("what is today", "GetDate"),
                    of("what date is it today", "GetDate")),
            List.of(
                    of("set the office light to fifty percent", "SetBrightness", "room", "office", "brightness", "50"),
                    of("set brightness to twenty percent", "SetBrightness", "brightness", "20"),
                    of("dim the hall lights", "SetBrightness", "direction", "dim", "room", "hall"),
                    of("brighten the bathroom light", "SetBrightness", "direction", "brighten", "room", "bathroom")),
            List.of(
                    of("set the volume to seven", "SetVolume", "volume", "7"),
                    of("make it louder", "SetVolume", "direction", "up"),
                    of("turn it down", "SetVolume", "direction", "down"),
                    of("volume up", "SetVolume", "direction", "up")),
            List.of(of("yes", "Yes"), of("yes please", "Yes"), of("sure", "Yes")),
            List.of(
                    of("cancel the timer", "CancelTimer"),
                    of("delete all timers", "CancelTimer"),
                    of("stop all the timers", "CancelTimer")),
            List.of(of("no", "No"), of("no thanks", "No"), of("nope", "No")),
            List.of(of("never mind", "Cancel"), of("cancel", "Cancel"), of("stop", "Cancel")));

    /** The first {@code n} commands, one of each intent in turn (the list repeats when n exceeds it). */
    static List<VoiceCommand> first(int n) {
        List<VoiceCommand> all = new ArrayList<>();
        int longest = BY_INTENT.stream().mapToInt(List::size).max().orElse(0);
        for (int i = 0; i < longest; i++) {
            for (List<VoiceCommand> intent : BY_INTENT) {
                if (i < intent.size()) {
                    all.add(intent.get(i));
                }
            }
        }
        List<VoiceCommand> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(all.get(i % all.size()));
        }
        return out;
    }

    private static VoiceCommand of(String text, String intent, String... slots) {
        Map<String, String> map = new java.util.TreeMap<>();
        for (int i = 0; i < slots.length; i += 2) {
            map.put(slots[i], slots[i + 1]);
        }
        return new VoiceCommand(text, intent, Map.copyOf(map));
    }
}
