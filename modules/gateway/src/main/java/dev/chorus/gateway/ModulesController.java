package dev.chorus.gateway;

import dev.chorus.gateway.hermes.ModuleBoard;
import dev.chorus.runtime.mqtt.ChorusMqtt;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import java.util.Map;

/** {@code GET /api/modules}: every module's live status (retained chorus/status/+). */
@Controller("/api/modules")
class ModulesController {

    private final ModuleBoard board;
    private final ChorusMqtt mqtt;

    ModulesController(ModuleBoard board, ChorusMqtt mqtt) {
        this.board = board;
        this.mqtt = mqtt;
    }

    @Get
    Map<String, Object> modules() {
        Publishing.requireBroker(mqtt);
        return Map.of("modules", board.modules());
    }
}
