package dev.chorus.wake.hermes;

import dev.chorus.protocol.messages.GetHotwords;
import dev.chorus.protocol.messages.Hotwords;
import dev.chorus.runtime.mqtt.ChorusMqtt;
import dev.chorus.runtime.mqtt.InboundMessage;
import dev.chorus.runtime.mqtt.JsonListener;
import dev.chorus.wake.WakeEngine;
import jakarta.inject.Singleton;
import java.util.List;

/** {@code rhasspy/hotword/getHotwords} → {@code rhasspy/hotword/hotwords}: the wake words listened for. */
@Singleton
public class GetHotwordsListener implements JsonListener<GetHotwords> {

    private final WakeEngine engine;
    private final ChorusMqtt mqtt;

    public GetHotwordsListener(WakeEngine engine, ChorusMqtt mqtt) {
        this.engine = engine;
        this.mqtt = mqtt;
    }

    @Override
    public Class<GetHotwords> messageType() {
        return GetHotwords.class;
    }

    @Override
    public void onMessage(InboundMessage raw, GetHotwords request) {
        List<Hotwords.Model> models = engine.engine()
                .map(e -> e.words().values().stream()
                        .map(w -> new Hotwords.Model(
                                w.file().id(), w.file().words(), w.file().version(), "universal"))
                        .toList())
                .orElse(List.of());
        mqtt.publish(new Hotwords(models, request.siteId(), request.id())).join();
    }
}
